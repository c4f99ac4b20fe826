import 'reflect-metadata';
import { runSubgraph } from '../../../platform/subgraph-runtime';
import cart from './subgraph';

runSubgraph(cart);
