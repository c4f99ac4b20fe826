import { registerEnumType } from 'type-graphql';

export enum Role {
  CUSTOMER = 'CUSTOMER',
  ADMIN = 'ADMIN',
}

registerEnumType(Role, {
  name: 'Role',
  description: 'What an account may do. CUSTOMER: shop and manage its own data. ADMIN: staff operations.',
  valuesConfig: {
    CUSTOMER: { description: 'A shopper: its own profile, addresses, carts, orders and reviews.' },
    ADMIN: { description: 'Staff: catalog, inventory, orders, shipments, refunds and moderation.' },
  },
});

/** The caller as verified by the gateway. */
export interface Identity {
  userId: string;
  roles: Role[];
  /** The session (refresh-token family) the access token belongs to. */
  sessionId: string;
}
