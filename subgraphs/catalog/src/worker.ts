import 'reflect-metadata';
import { runSubgraphWorker } from '../../../platform/subgraph-runtime';
import { catalogSubgraph } from './subgraph';

runSubgraphWorker(catalogSubgraph);
