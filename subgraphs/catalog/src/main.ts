import 'reflect-metadata';
import { runSubgraph } from '../../../platform/subgraph-runtime';
import catalog from './subgraph';

runSubgraph(catalog);
