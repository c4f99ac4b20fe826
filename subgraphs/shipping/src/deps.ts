import type { SubgraphDeps } from '../../../platform/subgraph';
import type { ShippingConfig } from './config';

/** What the shipping subgraph's processes are built from (it calls the cart's `cartForShipping` through `services`). */
export type ShippingDeps = SubgraphDeps<ShippingConfig>;
