import 'reflect-metadata';
import { runSubgraphWorker } from '../../../platform/subgraph-runtime';
import shipping from './subgraph';

runSubgraphWorker(shipping);
