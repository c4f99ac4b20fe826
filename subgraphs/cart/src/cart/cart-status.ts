import { registerEnumType } from 'type-graphql';

export enum CartStatus {
  ACTIVE = 'ACTIVE',
  MERGED = 'MERGED',
  CONVERTED = 'CONVERTED',
  ABANDONED = 'ABANDONED',
}
registerEnumType(CartStatus, {
  name: 'CartStatus',
  description: 'Where a cart is in its life.',
  valuesConfig: {
    ACTIVE: { description: 'Being filled: lines and codes can change.' },
    MERGED: { description: 'A guest cart whose lines went into a customer cart at sign-in; it can no longer be read or changed.' },
    CONVERTED: { description: 'Became an order; it can be read but no longer changed.' },
    ABANDONED: { description: 'Left unchanged for a while (7 days by default); any change makes it ACTIVE again.' },
  },
});

/** A cart in these states can still be changed (an ABANDONED one becomes ACTIVE again). */
export const OPEN_STATUSES: readonly CartStatus[] = [CartStatus.ACTIVE, CartStatus.ABANDONED];
