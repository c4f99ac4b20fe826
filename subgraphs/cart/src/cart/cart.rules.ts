/** Limits of a cart, stated in the schema's descriptions. */
export const MAX_LINES = 100;
export const MAX_QUANTITY = 999;
export const MAX_CODES = 5;
export const MAX_CODE_LENGTH = 64;

/** A quantity to add or set: 1 to MAX_QUANTITY (0 too when `zeroRemoves`). */
export function quantityProblem(quantity: number, zeroRemoves = false): string | null {
  const min = zeroRemoves ? 0 : 1;
  if (!Number.isInteger(quantity) || quantity < min || quantity > MAX_QUANTITY) {
    return `quantity must be a whole number from ${min} to ${MAX_QUANTITY} (got ${quantity})`;
  }
  return null;
}

/** Codes as stored: trimmed, upper case, each once, in the order given. */
export function normaliseCodes(codes: string[]): string[] {
  return [...new Set(codes.map((c) => c.trim().toUpperCase()).filter(Boolean))];
}
