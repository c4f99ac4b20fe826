import 'reflect-metadata';
import { runSubgraphWorker } from '../../../platform/subgraph-runtime';
import orders from './subgraph';

runSubgraphWorker(orders);
