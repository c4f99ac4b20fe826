/**
 * The messages the shop sends, one small typed function per template. A link carrying a one-time
 * token uses SECRET_PLACEHOLDER in place of the token: the stored body never holds the token, the
 * sender puts it in when it sends.
 */
export const SECRET_PLACEHOLDER = '{{secret}}';

export interface TemplateData {
  welcome: { name: string; verifyUrl: string | null };
  'password-reset': { name: string; resetUrl: string };
  'email-verification': { name: string; verifyUrl: string };
  /** `orderNumber`: the number customers see, e.g. ORD-2026-000123. */
  'order-confirmed': { name: string | null; orderNumber: string; itemCount: number };
  'order-cancelled': { name: string | null; orderNumber: string };
  'shipment-update': {
    name: string | null;
    orderId: string;
    status: string;
    carrier: string;
    trackingNumber: string | null;
    estimatedDelivery: string | null;
  };
  'refund-issued': { name: string | null; orderId: string; amount: string; currencyCode: string };
  'cart-abandoned': { name: string | null; itemCount: number; cartUrl: string };
  'return-update': { name: string | null; orderId: string; status: string; refundAmount: string | null; currencyCode: string };
}

export type TemplateName = keyof TemplateData;

export interface EmailContent {
  subject: string;
  body: string;
}

const hello = (name: string | null) => (name ? `Hello ${name},` : 'Hello,');
const signOff = '\n\nThe Shop team';
const shortOrder = (orderId: string) => orderId.slice(0, 8).toUpperCase();
/** The order's number, or a short form of its id for an event that carries no number. */
export const orderLabel = (orderId: string, orderNumber?: string | null) => orderNumber || shortOrder(orderId);
const items = (n: number) => `${n} ${n === 1 ? 'item' : 'items'}`;
const humanStatus = (status: string) => status.toLowerCase().replace(/_/g, ' ');

const EMAIL: { [T in TemplateName]: (data: TemplateData[T]) => EmailContent } = {
  welcome: (d) => ({
    subject: 'Welcome to the Shop',
    body:
      `${hello(d.name)}\n\nyour account is ready. Thank you for joining us.` +
      (d.verifyUrl ? `\n\nPlease confirm your e-mail address (the link works for 48 hours):\n${d.verifyUrl}` : '') +
      signOff,
  }),
  'password-reset': (d) => ({
    subject: 'Reset your password',
    body:
      `${hello(d.name)}\n\nsomeone asked to reset the password of your account. To choose a new password, open this link within one hour:\n${d.resetUrl}\n\n` +
      `If it was not you, ignore this message: your password stays as it is.${signOff}`,
  }),
  'email-verification': (d) => ({
    subject: 'Confirm your e-mail address',
    body: `${hello(d.name)}\n\nplease confirm your e-mail address by opening this link within 48 hours:\n${d.verifyUrl}${signOff}`,
  }),
  'order-confirmed': (d) => ({
    subject: `Order ${d.orderNumber} confirmed`,
    body: `${hello(d.name)}\n\nthank you for your order ${d.orderNumber} (${items(d.itemCount)}). We will let you know when it ships.${signOff}`,
  }),
  'order-cancelled': (d) => ({
    subject: `Order ${d.orderNumber} cancelled`,
    body:
      `${hello(d.name)}\n\nyour order ${d.orderNumber} has been cancelled and will not be shipped. ` +
      `Any payment taken for it goes back to your card; you will receive a separate receipt for the refund.${signOff}`,
  }),
  'shipment-update': (d) => ({
    subject: `Order ${shortOrder(d.orderId)}: ${humanStatus(d.status)}`,
    body:
      `${hello(d.name)}\n\nyour shipment of order ${shortOrder(d.orderId)} is now ${humanStatus(d.status)}.\n` +
      `Carrier: ${d.carrier}` +
      (d.trackingNumber ? `\nTracking number: ${d.trackingNumber}` : '') +
      (d.estimatedDelivery ? `\nEstimated delivery: ${d.estimatedDelivery}` : '') +
      signOff,
  }),
  'refund-issued': (d) => ({
    subject: `Refund for order ${shortOrder(d.orderId)}`,
    body: `${hello(d.name)}\n\nwe have refunded ${d.amount} ${d.currencyCode} for order ${shortOrder(d.orderId)}. It may take a few days to appear on your statement.${signOff}`,
  }),
  'cart-abandoned': (d) => ({
    subject: 'You left something in your cart',
    body: `${hello(d.name)}\n\nyour cart still holds ${d.itemCount} ${d.itemCount === 1 ? 'item' : 'items'}. Pick up where you left off:\n${d.cartUrl}${signOff}`,
  }),
  'return-update': (d) => ({
    subject: `Your return for order ${shortOrder(d.orderId)}: ${humanStatus(d.status)}`,
    body:
      `${hello(d.name)}\n\n` +
      (d.status === 'APPROVED'
        ? `we have approved your return for order ${shortOrder(d.orderId)}. Please send the items back; we refund them once they arrive.`
        : d.status === 'REJECTED'
          ? `we are sorry: your return for order ${shortOrder(d.orderId)} was not accepted.`
          : `your return for order ${shortOrder(d.orderId)} is complete` + (d.refundAmount ? `: we have refunded ${d.refundAmount} ${d.currencyCode}.` : '.')) +
      signOff,
  }),
};

/** Text messages exist for the templates worth a text; at most 160 characters. */
const SMS: { [T in TemplateName]?: (data: TemplateData[T]) => string } = {
  'order-confirmed': (d) => `Shop: thank you! Order ${d.orderNumber} (${items(d.itemCount)}) is confirmed. We will let you know when it ships.`,
  'shipment-update': (d) =>
    `Shop: order ${shortOrder(d.orderId)} is ${humanStatus(d.status)}` +
    (d.trackingNumber ? ` (${d.carrier} ${d.trackingNumber})` : '') +
    (d.estimatedDelivery ? `, due ${d.estimatedDelivery}` : '') +
    '.',
};

export function renderEmail<T extends TemplateName>(template: T, data: TemplateData[T]): EmailContent {
  return EMAIL[template](data);
}

/** The text message of a template; null when the template has no text-message form. */
export function renderSms<T extends TemplateName>(template: T, data: TemplateData[T]): string | null {
  const render = SMS[template] as ((data: TemplateData[T]) => string) | undefined;
  return render ? render(data).slice(0, 160) : null;
}

/** Replaces the placeholder with the token at send time. */
export function withSecret(body: string, secret: string | null): string {
  return secret ? body.split(SECRET_PLACEHOLDER).join(encodeURIComponent(secret)) : body;
}
