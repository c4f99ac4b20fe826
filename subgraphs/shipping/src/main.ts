import 'reflect-metadata';
import { runSubgraph } from '../../../platform/subgraph-runtime';
import { shippingSubgraph } from './subgraph';

runSubgraph(shippingSubgraph);
