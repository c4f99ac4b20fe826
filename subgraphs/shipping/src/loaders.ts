import type { RequestDb } from '../../../platform/db/request-db';
import { shipmentLoaders } from './shipment/shipment.loaders';
import { zoneLoaders } from './zone/zone.loaders';

/** Every DataLoader of a request: one SQL statement per batch. */
export function createLoaders(db: RequestDb) {
  return { ...shipmentLoaders(db), ...zoneLoaders(db) };
}

export type ShippingLoaders = ReturnType<typeof createLoaders>;
