import 'reflect-metadata';
import { runSubgraphWorker } from '../../../platform/subgraph-runtime';
import payments from './subgraph';

runSubgraphWorker(payments);
