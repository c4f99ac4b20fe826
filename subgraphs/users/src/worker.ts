import 'reflect-metadata';
import { runSubgraphWorker } from '../../../platform/subgraph-runtime';
import { usersSubgraph } from './subgraph';

runSubgraphWorker(usersSubgraph);
