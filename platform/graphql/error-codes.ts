/**
 * userErrors codes (the `code` of UserError). Codes that mean the same in every feature live here;
 * each feature declares its own in `<feature>.errors.ts`, spreading these first:
 *
 *   export const ReviewError = { ...CommonError, ALREADY_REVIEWED: 'ALREADY_REVIEWED' } as const;
 *   export type ReviewError = ErrorCode<typeof ReviewError>;
 *
 * The strings are the public contract (clients switch on them; schema/api.graphql lists the codes of
 * every mutation): never change one, only add.
 */
export const CommonError = {
  /** A field is out of range or badly formed. */
  INVALID: 'INVALID',
  /** The id, slug or reference names nothing (or nothing the caller may see). */
  NOT_FOUND: 'NOT_FOUND',
  /** A unique value (slug, SKU) is already used by another record. */
  TAKEN: 'TAKEN',
  /** A per-account limit (saved addresses, wishlists, mails per hour…) is reached. */
  LIMIT_REACHED: 'LIMIT_REACHED',
} as const;

/** The codes of a feature's error object. */
export type ErrorCode<T extends Record<string, string>> = T[keyof T];

export type CommonError = ErrorCode<typeof CommonError>;
