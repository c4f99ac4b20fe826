import 'reflect-metadata';
import { runSubgraph } from '../../../platform/subgraph-runtime';
import { cartSubgraph } from './subgraph';

runSubgraph(cartSubgraph);
