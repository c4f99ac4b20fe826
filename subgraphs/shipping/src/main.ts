import 'reflect-metadata';
import { runSubgraph } from '../../../platform/subgraph-runtime';
import shipping from './subgraph';

runSubgraph(shipping);
