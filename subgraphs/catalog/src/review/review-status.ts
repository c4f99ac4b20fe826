import { registerEnumType } from 'type-graphql';

export enum ReviewStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}

registerEnumType(ReviewStatus, {
  name: 'ReviewStatus',
  description: 'Moderation state of a review. Only APPROVED reviews are public and count in a product\'s rating.',
  valuesConfig: {
    PENDING: { description: 'Waiting for staff moderation; visible only to its author and staff.' },
    APPROVED: { description: 'Published: listed on the product and counted in averageRating / reviewCount.' },
    REJECTED: { description: 'Refused by staff; visible only to its author and staff.' },
  },
});
