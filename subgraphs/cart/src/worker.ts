import 'reflect-metadata';
import { runSubgraphWorker } from '../../../platform/subgraph-runtime';
import { cartSubgraph } from './subgraph';

runSubgraphWorker(cartSubgraph);
