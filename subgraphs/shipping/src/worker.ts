import 'reflect-metadata';
import { runSubgraphWorker } from '../../../platform/subgraph-runtime';
import { shippingSubgraph } from './subgraph';

runSubgraphWorker(shippingSubgraph);
