import { userError, type UserError } from '../../../../platform/graphql/types';
import { isCountryCode, isEmail, isUuid } from '../../../../platform/validation';
import { callService } from '../common/call';
import { decimalToCents } from '../common/money';
import { ADDRESS_FOR_CHECKOUT, CART_FOR_CHECKOUT, PRODUCTS_FOR_ORDER, SHIPPING_RATES } from '../common/remote-operations';
import type { OrdersContext } from '../context';
import type { OrderAddressData } from '../order/order-address';
import { TaxRateEntity } from '../order/order.entity';
import type { AddressInput } from './address.inputs';
import { priceOrder, rateE4, type CheckoutPlan } from './checkout-plan';
import { CheckoutError } from './checkout.errors';
import type { CheckoutInput } from './checkout.inputs';

export type Checked<T> = { ok: true; value: T } | { ok: false; userErrors: UserError[] };
const fail = <T>(...userErrors: UserError[]): Checked<T> => ({ ok: false, userErrors });

const MAX_KEY = 200;

/** The checks that need no other subgraph: what the idempotency key is claimed with. */
export function checkInput(input: CheckoutInput, signedIn: boolean): UserError[] {
  const errors: UserError[] = [];
  if (!input.idempotencyKey || input.idempotencyKey.length > MAX_KEY) errors.push(userError(CheckoutError.INVALID, `idempotencyKey must be 1 to ${MAX_KEY} characters`, 'input.idempotencyKey'));
  if (!isUuid(input.cartId)) errors.push(userError(CheckoutError.NOT_FOUND, 'No such cart', 'input.cartId'));
  if (!isUuid(input.shippingMethodId)) errors.push(userError(CheckoutError.SHIPPING_METHOD_UNAVAILABLE, 'No such shipping method', 'input.shippingMethodId'));
  if (!input.paymentToken?.trim() || input.paymentToken.length > 200) errors.push(userError(CheckoutError.INVALID, 'paymentToken is required', 'input.paymentToken'));
  if (!signedIn && !input.email) errors.push(userError(CheckoutError.INVALID, 'A guest checkout needs an email', 'input.email'));
  if (input.email && !isEmail(input.email.trim())) errors.push(userError(CheckoutError.INVALID, 'email is not a valid address', 'input.email'));
  if (!input.shippingAddressId && !input.shippingAddress) errors.push(userError(CheckoutError.INVALID, 'Give shippingAddressId or shippingAddress', 'input.shippingAddress'));
  if (input.shippingAddressId && (!signedIn || !isUuid(input.shippingAddressId))) errors.push(userError(CheckoutError.NOT_FOUND, 'No such address of yours', 'input.shippingAddressId'));
  if (input.note && input.note.length > 1000) errors.push(userError(CheckoutError.INVALID, 'note is at most 1000 characters', 'input.note'));
  for (const [field, a] of [['input.shippingAddress', input.shippingAddress], ['input.billingAddress', input.billingAddress]] as const) {
    if (a) errors.push(...checkAddress(a, field));
  }
  return errors;
}

function checkAddress(a: AddressInput, field: string): UserError[] {
  const errors: UserError[] = [];
  for (const key of ['street', 'city', 'postalCode'] as const) {
    if (!a[key]?.trim() || a[key].length > 200) errors.push(userError(CheckoutError.INVALID, `${key} is required (at most 200 characters)`, `${field}.${key}`));
  }
  if (!isCountryCode(a.country?.toUpperCase() ?? '')) errors.push(userError(CheckoutError.INVALID, 'country must be an ISO 3166-1 alpha-2 code', `${field}.country`));
  return errors;
}

const fromInput = (a: AddressInput): OrderAddressData => ({
  street: a.street.trim(),
  city: a.city.trim(),
  state: a.state?.trim() || null,
  postalCode: a.postalCode.trim(),
  country: a.country.toUpperCase(),
  deliveryInstructions: a.deliveryInstructions?.trim() || null,
});

async function shippingAddressOf(ctx: OrdersContext, input: CheckoutInput, userId: string | null): Promise<OrderAddressData | null> {
  if (input.shippingAddress) return fromInput(input.shippingAddress);
  if (!userId || !input.shippingAddressId) return null;
  const { addressForCheckout: a } = await callService(ctx, 'users', ADDRESS_FOR_CHECKOUT, { userId, id: input.shippingAddressId });
  return a && { street: a.street, city: a.city, state: a.state, postalCode: a.postalCode, country: a.country.toUpperCase(), deliveryInstructions: a.deliveryInstructions };
}

/**
 * Reads the cart, the address, the products, the shipping rates and the tax rate, and checks the
 * checkout can go ahead: the cart is the buyer's, active and not empty; every product is ACTIVE with
 * enough units; the method is among the rates for the address (its price is taken from there).
 */
export async function planCheckout(ctx: OrdersContext, input: CheckoutInput, orderId: string, userId: string | null, email: string): Promise<Checked<CheckoutPlan>> {
  const cartId = input.cartId.toLowerCase();
  const [{ cartForCheckout: cart }, address] = await Promise.all([callService(ctx, 'cart', CART_FOR_CHECKOUT, { id: cartId }), shippingAddressOf(ctx, input, userId)]);
  if (!cart || (cart.userId && cart.userId !== userId)) return fail(userError(CheckoutError.NOT_FOUND, 'No such cart', 'input.cartId'));
  if (cart.status !== 'ACTIVE' && cart.status !== 'ABANDONED') return fail(userError(CheckoutError.CART_NOT_ACTIVE, `The cart is ${cart.status.toLowerCase()}`, 'input.cartId'));
  if (!cart.lines.length) return fail(userError(CheckoutError.CART_EMPTY, 'The cart is empty', 'input.cartId'));
  if (!address) return fail(userError(CheckoutError.NOT_FOUND, 'No such address of yours', 'input.shippingAddressId'));

  const [{ productsForCart }, { shippingRates }, tax] = await Promise.all([
    callService(ctx, 'catalog', PRODUCTS_FOR_ORDER, { ids: cart.lines.map((l) => l.productId) }),
    callService(ctx, 'shipping', SHIPPING_RATES, { cartId, countryCode: address.country, postalCode: address.postalCode }),
    ctx.db.read((m) => m.findOneBy(TaxRateEntity, { countryCode: address.country })),
  ]);
  const products = new Map(productsForCart.map((p) => [p.id, p]));
  const errors: UserError[] = [];
  for (const line of cart.lines) {
    const p = products.get(line.productId);
    if (!p || p.status !== 'ACTIVE') errors.push(userError(CheckoutError.PRODUCT_UNAVAILABLE, `${p?.name ?? 'A product'} is no longer for sale`, 'input.cartId'));
    else if (p.available < line.quantity) errors.push(userError(CheckoutError.OUT_OF_STOCK, `Only ${p.available} of ${p.name} available`, 'input.cartId'));
  }
  if (errors.length) return fail(...errors);
  const rate = shippingRates.find((r) => r.method.id === input.shippingMethodId.toLowerCase() || r.method.id === input.shippingMethodId);
  if (!rate) return fail(userError(CheckoutError.SHIPPING_METHOD_UNAVAILABLE, 'This shipping method does not deliver to the address', 'input.shippingMethodId'));

  const lines = cart.lines.map((l) => {
    const p = products.get(l.productId)!;
    return { productId: l.productId, productName: p.name, sku: p.sku, quantity: l.quantity, unitPriceCents: decimalToCents(p.price) };
  });
  const taxRateE4 = tax ? rateE4(tax.rate) : 0;
  return {
    ok: true,
    value: {
      orderId,
      cartId,
      userId,
      email,
      currencyCode: cart.currencyCode,
      lines,
      discountCodes: cart.discountCodes,
      shippingMethodId: rate.method.id,
      shippingAddress: address,
      billingAddress: input.billingAddress ? fromInput(input.billingAddress) : address,
      note: input.note?.trim() || null,
      taxRateE4,
      totals: priceOrder(lines, decimalToCents(cart.discountTotal), decimalToCents(rate.price.amount), taxRateE4),
    },
  };
}
