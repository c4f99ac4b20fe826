import 'reflect-metadata';
import { runSubgraphWorker } from '../../../platform/subgraph-runtime';
import catalog from './subgraph';

runSubgraphWorker(catalog);
