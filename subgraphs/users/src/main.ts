import 'reflect-metadata';
import { runSubgraph } from '../../../platform/subgraph-runtime';
import users from './subgraph';

runSubgraph(users);
