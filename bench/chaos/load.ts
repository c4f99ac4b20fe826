import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { call, FAULT_USER_CODES, type Answer } from './client';
import type { Profile } from './options';
import type { CheckoutRecord, Recorder } from './recorder';

const PASSWORD = 'demo-customer-password';
const ADDRESS = { street: '1 Market St', city: 'San Francisco', state: 'CA', postalCode: '94105', country: 'US' };
/** Answers after which the cart's lines are taken out (they cannot be bought). */
const DROP_CART = new Set(['OUT_OF_STOCK', 'PRODUCT_UNAVAILABLE', 'CART_EMPTY']);

interface Session {
  email: string;
  token?: string;
  userId?: string;
  iterations: number;
}

/**
 * Virtual users doing what a storefront's customers do, one flow after another: browse the list
 * and a product page, sign in (now and then again), put a product in the cart, ask for shipping
 * rates and check out with tok_visa; some only browse, signed out. A checkout that gets no definite answer is repeated with the
 * same idempotency key, as a real client would, until it gets one or its deadline passes.
 */
export class Load {
  private stopping = false;
  private running: Promise<void>[] = [];

  constructor(
    private readonly url: string,
    private readonly documents: Map<string, string>,
    private readonly recorder: Recorder,
    private readonly profile: Profile,
  ) {}

  /** A third of the users (at least one) only browse, signed out; the others shop. */
  start(): void {
    this.stopping = false;
    const browsers = Math.max(1, Math.round(this.profile.users / 3));
    this.running = Array.from({ length: this.profile.users }, (_, i) =>
      i < browsers ? this.browser() : this.user({ email: `customer${i + 1 - browsers}@example.com`, iterations: 0 }),
    );
  }

  private async browser(): Promise<void> {
    while (!this.stopping) {
      const list = await this.send('ProductList', { first: 20, sortBy: Math.random() < 0.5 ? 'BEST_SELLING' : 'NEWEST' });
      const slugs: string[] = (list.payload?.edges ?? []).map((e: { node: { slug: string } }) => e.node.slug);
      await this.think();
      if (slugs.length) await this.send('ProductDetail', { slug: slugs[Math.floor(Math.random() * slugs.length)] });
      await this.think();
    }
  }

  /** Lets every user finish its flow (a checkout under way runs to its answer or deadline). */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.running);
  }

  private think(): Promise<void> {
    return sleep(Math.random() * this.profile.thinkMs);
  }

  private async user(session: Session): Promise<void> {
    while (!this.stopping) {
      try {
        await this.flow(session);
      } catch (error) {
        console.error(`virtual user ${session.email}: ${(error as Error).stack}`);
        await sleep(500);
      }
      await this.think();
    }
  }

  private send(operation: string, variables: Record<string, unknown>, token?: string): Promise<Answer> {
    const query = this.documents.get(operation);
    if (!query) throw new Error(`no operation ${operation} in the trusted-documents manifest`);
    return call(this.url, query, this.recorder, operation, variables, token);
  }

  private async flow(session: Session): Promise<void> {
    session.iterations += 1;
    const list = await this.send('ProductList', { first: 20, filter: { inStock: true } }, session.token);
    const products: { id: string; slug: string }[] = (list.payload?.edges ?? []).map((e: { node: { id: string; slug: string } }) => e.node);
    if (!products.length) return;
    const product = products[Math.floor(Math.random() * products.length)];
    await this.think();
    await this.send('ProductDetail', { slug: product.slug }, session.token);
    await this.think();

    if (!session.token || session.iterations % 5 === 0) {
      const login = await this.send('Login', { input: { email: session.email, password: PASSWORD } });
      if (login.payload?.accessToken) {
        session.token = login.payload.accessToken;
        session.userId = login.payload.user.id;
      }
      await this.think();
    }
    if (!session.token || !session.userId) return;

    const mine = await this.send('MyCart', {}, session.token);
    if (mine.codes.includes('graphql:UNAUTHENTICATED')) session.token = undefined;
    const cart = mine.payload?.cart as { id: string; lines: { id: string }[] } | undefined;
    if (!cart?.id) return;
    await this.think();
    const added = await this.send('CartLinesAdd', { cartId: cart.id, lines: [{ productId: product.id, quantity: 1 }] }, session.token);
    if (added.outcome === 'failed') return;
    await this.think();
    const rates = await this.send('ShippingRates', { cartId: cart.id, countryCode: 'US', postalCode: '94105' }, session.token);
    const methodId: string | undefined = Array.isArray(rates.payload) ? rates.payload[0]?.method?.id : undefined;
    if (!methodId) return;
    await this.think();
    const record = await this.checkout(session, cart.id, methodId);
    if (record.result === 'refused' && DROP_CART.has(record.detail ?? '')) {
      const current = await this.send('MyCart', {}, session.token);
      const lines = (current.payload?.cart?.lines ?? []) as { id: string }[];
      if (lines.length) await this.send('CartLinesRemove', { cartId: current.payload.cart.id, lineIds: lines.map((l) => l.id) }, session.token);
    }
  }

  private async checkout(session: Session, cartId: string, shippingMethodId: string): Promise<CheckoutRecord> {
    const record: CheckoutRecord = { key: randomUUID(), userId: session.userId!, cartId, phase: this.recorder.phase, attempts: 0, startedAt: Date.now(), result: 'unresolved' };
    this.recorder.checkouts.push(record);
    const input = { cartId, shippingAddress: ADDRESS, shippingMethodId, paymentToken: 'tok_visa', idempotencyKey: record.key };
    const deadline = record.startedAt + this.profile.checkoutDeadlineSeconds * 1000;
    for (let delay = 250; Date.now() < deadline; delay = Math.min(delay * 2, 2000)) {
      record.attempts += 1;
      const answer = await this.send('Checkout', { input }, session.token);
      const payload = answer.payload as { order?: { id: string; status: string } | null; userErrors?: { code: string }[] } | null;
      const definite = payload?.userErrors?.find((e) => !FAULT_USER_CODES.has(e.code) || e.code === 'CHECKOUT_FAILED');
      if (payload?.order?.status === 'CONFIRMED') {
        Object.assign(record, { result: 'confirmed', orderId: payload.order.id, answeredAt: Date.now() });
        return record;
      }
      if (definite) {
        Object.assign(record, { result: 'refused', detail: definite.code, answeredAt: Date.now() });
        return record;
      }
      record.detail = answer.codes.join(' ') || 'no order';
      if (answer.codes.includes('graphql:UNAUTHENTICATED')) break;
      await sleep(delay);
    }
    return record;
  }
}
