import { registerEnumType } from 'type-graphql';

export enum AddressType {
  HOME = 'HOME',
  WORK = 'WORK',
  BILLING = 'BILLING',
  SHIPPING = 'SHIPPING',
  OTHER = 'OTHER',
}
registerEnumType(AddressType, {
  name: 'AddressType',
  description: 'What an address is used for.',
  valuesConfig: {
    HOME: { description: 'Where the customer lives.' },
    WORK: { description: 'A workplace.' },
    BILLING: { description: 'The address on invoices and card statements.' },
    SHIPPING: { description: 'Where parcels go (the default type).' },
    OTHER: { description: 'Anything else.' },
  },
});
