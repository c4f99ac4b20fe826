import 'reflect-metadata';
import { runSubgraph } from '../../../platform/subgraph-runtime';
import { catalogSubgraph } from './subgraph';

runSubgraph(catalogSubgraph);
