import 'reflect-metadata';
import { runSubgraph } from '../../../platform/subgraph-runtime';
import payments from './subgraph';

runSubgraph(payments);
