/** The userErrors codes of the zone and method mutations. */
export enum ZoneError {
  /** A field is out of range or badly formed. */
  INVALID = 'INVALID',
  /** The zone or method id names nothing. */
  NOT_FOUND = 'NOT_FOUND',
  /** Another zone already has this name. */
  TAKEN = 'TAKEN',
}
