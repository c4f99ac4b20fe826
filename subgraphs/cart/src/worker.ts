import 'reflect-metadata';
import { runSubgraphWorker } from '../../../platform/subgraph-runtime';
import cart from './subgraph';

runSubgraphWorker(cart);
