import type { OrderAddressData } from '../order/order-address';

/** A checkout validated and priced: the order it will create. Amounts in integer cents. */
export interface CheckoutPlan {
  orderId: string;
  cartId: string;
  userId: string | null;
  email: string;
  currencyCode: string;
  lines: PlanLine[];
  discountCodes: string[];
  shippingMethodId: string;
  shippingAddress: OrderAddressData;
  billingAddress: OrderAddressData;
  note: string | null;
  /** Tax rate of the destination, in ten-thousandths (725 = 7.25 %). */
  taxRateE4: number;
  totals: OrderTotals;
}

export interface PlanLine {
  productId: string;
  productName: string;
  sku: string;
  quantity: number;
  unitPriceCents: number;
}

export interface OrderTotals {
  subtotalCents: number;
  discountCents: number;
  shippingCents: number;
  taxCents: number;
  totalCents: number;
}

/** "0.0725" → 725. */
export function rateE4(rate: string): number {
  return Math.round(Number(rate) * 10_000);
}

/**
 * The order's money: tax at the destination's rate on the goods after discount (shipping is not
 * taxed), rounded half up to the cent; the discount never exceeds the subtotal.
 */
export function priceOrder(lines: readonly Pick<PlanLine, 'quantity' | 'unitPriceCents'>[], discountCents: number, shippingCents: number, taxRate: number): OrderTotals {
  const subtotalCents = lines.reduce((sum, l) => sum + l.unitPriceCents * l.quantity, 0);
  const discount = Math.min(Math.max(0, discountCents), subtotalCents);
  const taxCents = Math.round(((subtotalCents - discount) * taxRate) / 10_000);
  return { subtotalCents, discountCents: discount, shippingCents, taxCents, totalCents: subtotalCents - discount + shippingCents + taxCents };
}
