import { registerEnumType } from 'type-graphql';
import { Role } from '../auth/roles';

/** Role as a GraphQL enum, for every subgraph's schema (the gateway uses Role without type-graphql). */
registerEnumType(Role, {
  name: 'Role',
  description: 'What an account may do. CUSTOMER: shop and manage its own data. ADMIN: staff operations.',
  valuesConfig: {
    CUSTOMER: { description: 'A shopper: its own profile, addresses, carts, orders and reviews.' },
    ADMIN: { description: 'Staff: catalog, inventory, orders, shipments, refunds and moderation.' },
  },
});
