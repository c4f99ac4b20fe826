import { registerEnumType } from 'type-graphql';

export enum ProductStatus {
  DRAFT = 'DRAFT',
  ACTIVE = 'ACTIVE',
  INACTIVE = 'INACTIVE',
  ARCHIVED = 'ARCHIVED',
}

registerEnumType(ProductStatus, {
  name: 'ProductStatus',
  description: 'Where a product is in its life. Customers and guests only ever see ACTIVE products; staff see all.',
  valuesConfig: {
    DRAFT: { description: 'Being prepared by staff; invisible to customers. The default for new products.' },
    ACTIVE: { description: 'On sale: listed, searchable and purchasable.' },
    INACTIVE: { description: 'Temporarily withdrawn; invisible to customers, kept for later.' },
    ARCHIVED: { description: 'Discontinued; invisible to customers, kept for order history.' },
  },
});
