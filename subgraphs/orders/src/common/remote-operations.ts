import { typedDocument } from '../../../../platform/service-client/service-client';
import type { UserError } from '../../../../platform/graphql/types';

/** The internal operations of other subgraphs that orders calls (their resolvers give the exact types). */

interface Errors {
  userErrors: UserError[];
}

export interface CheckoutCart {
  id: string;
  userId: string | null;
  status: string;
  orderId: string | null;
  currencyCode: string;
  lines: { productId: string; quantity: number; unitPrice: string; currentUnitPrice: string }[];
  discountCodes: string[];
  subtotal: string;
  discountTotal: string;
  total: string;
}

export const CART_FOR_CHECKOUT = typedDocument<{ cartForCheckout: CheckoutCart | null }, { id: string }>(
  `query CartForCheckout($id: ID!) { cartForCheckout(id: $id) { id userId status orderId currencyCode lines { productId quantity unitPrice currentUnitPrice } discountCodes subtotal discountTotal total } }`,
);

export const REDEEM_DISCOUNT_CODES = typedDocument<{ redeemDiscountCodes: Errors & { discountTotal: { amount: string } } }, { reference: string; cartId: string; userId: string | null }>(
  `mutation RedeemDiscountCodes($reference: String!, $cartId: ID!, $userId: ID) { redeemDiscountCodes(reference: $reference, cartId: $cartId, userId: $userId) { discountTotal { amount } userErrors { field message code } } }`,
);

export const RELEASE_DISCOUNT_CODES = typedDocument<{ releaseDiscountCodes: Errors }, { reference: string }>(
  `mutation ReleaseDiscountCodes($reference: String!) { releaseDiscountCodes(reference: $reference) { userErrors { field message code } } }`,
);

export const CONVERT_CART = typedDocument<{ convertCart: Errors }, { cartId: string; orderId: string }>(
  `mutation ConvertCart($cartId: ID!, $orderId: ID!) { convertCart(cartId: $cartId, orderId: $orderId) { userErrors { field message code } } }`,
);

export interface CatalogProduct {
  id: string;
  name: string;
  sku: string;
  status: string;
  price: string;
  currencyCode: string;
  available: number;
}

export const PRODUCTS_FOR_ORDER = typedDocument<{ productsForCart: CatalogProduct[] }, { ids: string[] }>(
  `query ProductsForOrder($ids: [ID!]!) { productsForCart(ids: $ids) { id name sku status price currencyCode available } }`,
);

export const RESERVE_STOCK = typedDocument<{ reserveStock: Errors }, { reference: string; lines: { productId: string; quantity: number }[]; ttlSeconds: number }>(
  `mutation ReserveStock($reference: String!, $lines: [StockLineInput!]!, $ttlSeconds: Int) { reserveStock(reference: $reference, lines: $lines, ttlSeconds: $ttlSeconds) { userErrors { field message code } } }`,
);

export const COMMIT_RESERVATION = typedDocument<{ commitReservation: Errors }, { reference: string }>(
  `mutation CommitReservation($reference: String!) { commitReservation(reference: $reference) { userErrors { field message code } } }`,
);

export const RELEASE_RESERVATION = typedDocument<{ releaseReservation: Errors }, { reference: string; reason: string }>(
  `mutation ReleaseReservation($reference: String!, $reason: String) { releaseReservation(reference: $reference, reason: $reason) { userErrors { field message code } } }`,
);

export interface ShippingRate {
  method: { id: string; name: string };
  price: { amount: string; currencyCode: string };
}

export const SHIPPING_RATES = typedDocument<{ shippingRates: ShippingRate[] }, { cartId: string; countryCode: string; postalCode: string | null }>(
  `query ShippingRatesForOrder($cartId: ID!, $countryCode: String!, $postalCode: String) { shippingRates(cartId: $cartId, countryCode: $countryCode, postalCode: $postalCode) { method { id name } price { amount currencyCode } } }`,
);

export interface SavedAddress {
  street: string;
  city: string;
  state: string | null;
  postalCode: string;
  country: string;
  deliveryInstructions: string | null;
}

export const ADDRESS_FOR_CHECKOUT = typedDocument<{ addressForCheckout: SavedAddress | null }, { userId: string; id: string }>(
  `query AddressForCheckout($userId: ID!, $id: ID!) { addressForCheckout(userId: $userId, id: $id) { street city state postalCode country deliveryInstructions } }`,
);

export interface RemotePayment {
  id: string;
  status: string;
}

export type PaymentAnswer = Errors & { payment: RemotePayment | null; declineCode: string | null };

export const AUTHORIZE_PAYMENT = typedDocument<
  { authorizePayment: PaymentAnswer },
  { orderId: string; amount: string; currencyCode: string; paymentToken: string; idempotencyKey: string; userId: string | null; email: string }
>(
  `mutation AuthorizePayment($orderId: ID!, $amount: Decimal!, $currencyCode: String!, $paymentToken: String!, $idempotencyKey: String!, $userId: ID, $email: String) {
    authorizePayment(orderId: $orderId, amount: $amount, currencyCode: $currencyCode, paymentToken: $paymentToken, idempotencyKey: $idempotencyKey, userId: $userId, email: $email) { payment { id status } declineCode userErrors { field message code } }
  }`,
);

export const CAPTURE_PAYMENT = typedDocument<{ capturePayment: PaymentAnswer }, { orderId: string; idempotencyKey: string }>(
  `mutation CapturePayment($orderId: ID!, $idempotencyKey: String!) { capturePayment(orderId: $orderId, idempotencyKey: $idempotencyKey) { payment { id status } declineCode userErrors { field message code } } }`,
);

export const VOID_PAYMENT = typedDocument<{ voidPayment: PaymentAnswer }, { orderId: string; idempotencyKey: string }>(
  `mutation VoidPayment($orderId: ID!, $idempotencyKey: String!) { voidPayment(orderId: $orderId, idempotencyKey: $idempotencyKey) { payment { id status } declineCode userErrors { field message code } } }`,
);

export const REFUND_ORDER_PAYMENT = typedDocument<{ refundOrderPayment: Errors & { payment: RemotePayment | null } }, { orderId: string; reason: string | null; idempotencyKey: string }>(
  `mutation RefundOrderPayment($orderId: ID!, $reason: String, $idempotencyKey: String!) { refundOrderPayment(orderId: $orderId, reason: $reason, idempotencyKey: $idempotencyKey) { payment { id status } userErrors { field message code } } }`,
);

export const RECONCILE_PAYMENT = typedDocument<{ reconcilePayment: PaymentAnswer }, { orderId: string }>(
  `mutation ReconcilePayment($orderId: ID!) { reconcilePayment(orderId: $orderId) { payment { id status } declineCode userErrors { field message code } } }`,
);

export const PAYMENT_FOR_ORDER = typedDocument<{ paymentForOrder: RemotePayment | null }, { orderId: string }>(
  `query PaymentForOrder($orderId: ID!) { paymentForOrder(orderId: $orderId) { id status } }`,
);

export const CUSTOMER_FOR_CHECKOUT = typedDocument<{ customerForCheckout: { id: string; email: string } | null }, { userId: string }>(
  `query CustomerForCheckout($userId: ID!) { customerForCheckout(userId: $userId) { id email } }`,
);

export interface RemoteRefund {
  id: string;
  status: string;
}

/** A return's refund: a part of the order's payment, by the return's idempotency key. */
export const REFUND_RETURN = typedDocument<
  { refundOrderPayment: Errors & { refund: RemoteRefund | null; payment: RemotePayment | null } },
  { orderId: string; amount: string; reason: string; idempotencyKey: string }
>(
  `mutation RefundReturn($orderId: ID!, $amount: Decimal!, $reason: String, $idempotencyKey: String!) { refundOrderPayment(orderId: $orderId, amount: $amount, reason: $reason, idempotencyKey: $idempotencyKey) { refund { id status } payment { id status } userErrors { field message code } } }`,
);

export const RETURN_STOCK = typedDocument<{ returnStock: Errors & { success: boolean } }, { reference: string; lines: { productId: string; quantity: number }[] }>(
  `mutation ReturnStock($reference: String!, $lines: [StockLineInput!]!) { returnStock(reference: $reference, lines: $lines) { success userErrors { field message code } } }`,
);
