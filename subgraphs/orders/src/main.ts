import 'reflect-metadata';
import { runSubgraph } from '../../../platform/subgraph-runtime';
import orders from './subgraph';

runSubgraph(orders);
