import 'reflect-metadata';
import { runSubgraphWorker } from '../../../platform/subgraph-runtime';
import users from './subgraph';

runSubgraphWorker(users);
