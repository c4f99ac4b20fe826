import 'reflect-metadata';
import { runSubgraph } from '../../../platform/subgraph-runtime';
import { usersSubgraph } from './subgraph';

runSubgraph(usersSubgraph);
