import { randomUUID } from 'node:crypto';
import {
  loggableToken,
  ProviderUnavailableError,
  type AuthorizeRequest,
  type ChargeRequest,
  type PaymentProvider,
  type ProviderResult,
  type RefundRequest,
} from './payment-provider';
import { INVALID_TOKEN, TEST_TOKENS } from './simulated-tokens';

export type LedgerOperation = 'authorize' | 'capture' | 'void' | 'refund';

/** One operation the simulated gateway performed, under the caller's idempotency key. */
export interface LedgerEntry {
  idempotencyKey: string;
  operation: LedgerOperation;
  /** The gateway's own id of the operation (an authorization's is what capture, void and refund name). */
  reference: string;
  /** The authorization a capture, void or refund acts on. */
  targetReference: string | null;
  request: Record<string, unknown>;
  result: ProviderResult;
}

/** Where the simulated gateway keeps its ledger (a table of the payments database; see simulated-ledger.ts). */
export interface SimulatedLedger {
  /** Stores `entry` unless its key is known, and returns what is stored under the key: the first entry. */
  recordOnce(entry: LedgerEntry): Promise<LedgerEntry>;
  find(idempotencyKey: string): Promise<LedgerEntry | null>;
  findByReference(reference: string): Promise<LedgerEntry | null>;
  /** The captures, voids and refunds of an authorization. */
  targeting(reference: string): Promise<LedgerEntry[]>;
}

export interface SimulatedProviderOptions {
  /** Added to every call, in milliseconds. */
  latencyMs: number;
  /** The share of calls, 0 to 1, that fail before doing anything (as an HTTP 503 would). */
  failureRate: number;
  /** How long a hanging call (tok_timeout) waits before it gives up answering; far beyond any deadline. */
  hangMs?: number;
  random?: () => number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * A card gateway that needs no network: test tokens (simulated-tokens.ts) decide the answer, and
 * its ledger makes every call idempotent by key, as a real gateway's is. `lookup` reads the
 * ledger, so an operation whose answer was lost (tok_timeout) can be reconciled.
 */
export class SimulatedProvider implements PaymentProvider {
  readonly name = 'simulated';
  private readonly random: () => number;

  constructor(private readonly ledger: SimulatedLedger, private readonly options: SimulatedProviderOptions) {
    this.random = options.random ?? Math.random;
  }

  async authorize(request: AuthorizeRequest): Promise<ProviderResult> {
    await this.arrive();
    const test = TEST_TOKENS[request.paymentToken];
    const entry = await this.once(request.idempotencyKey, 'authorize', null, { ...request, paymentToken: loggableToken(request.paymentToken) }, (reference) => {
      if (!test) return { status: 'declined', reference, declineCode: INVALID_TOKEN.code, message: INVALID_TOKEN.message };
      if (test.decline) return { status: 'declined', reference, declineCode: test.decline.code, message: test.decline.message, card: test.card };
      return { status: 'succeeded', reference, card: test.card };
    });
    if (TEST_TOKENS[String(entry.request.paymentToken)]?.hangs) await this.hang();
    return entry.result;
  }

  async capture(request: ChargeRequest): Promise<ProviderResult> {
    await this.arrive();
    return this.onAuthorization(request, 'capture', (auth, done) => {
      if (done.some((e) => e.operation === 'void')) return ['charge_voided', 'The authorization was voided'];
      if (request.amountCents > Number(auth.request.amountCents)) return ['amount_too_large', 'More than was authorized'];
      return null;
    });
  }

  async void(request: ChargeRequest): Promise<ProviderResult> {
    await this.arrive();
    return this.onAuthorization(request, 'void', (_auth, done) =>
      done.some((e) => e.operation === 'capture') ? ['charge_captured', 'The charge was captured: refund it instead'] : null,
    );
  }

  async refund(request: RefundRequest): Promise<ProviderResult> {
    await this.arrive();
    return this.onAuthorization(request, 'refund', (_auth, done) => {
      const captured = done.filter((e) => e.operation === 'capture').reduce((sum, e) => sum + Number(e.request.amountCents), 0);
      if (!captured) return ['charge_not_captured', 'Nothing was captured'];
      const refunded = done.filter((e) => e.operation === 'refund').reduce((sum, e) => sum + Number(e.request.amountCents), 0);
      if (refunded + request.amountCents > captured) return ['amount_too_large', 'More than the captured amount left'];
      return null;
    });
  }

  async lookup(idempotencyKey: string): Promise<ProviderResult | null> {
    await this.arrive();
    return (await this.ledger.find(idempotencyKey))?.result ?? null;
  }

  /** Latency, then the configured share of failures (nothing is recorded when a call fails). */
  private async arrive(): Promise<void> {
    if (this.options.latencyMs > 0) await sleep(this.options.latencyMs);
    if (this.options.failureRate > 0 && this.random() < this.options.failureRate) {
      throw new ProviderUnavailableError('The simulated provider is unavailable (PAYMENT_PROVIDER_FAILURE_RATE)');
    }
  }

  private hang(): Promise<never> {
    return sleep(this.options.hangMs ?? 600_000).then(() => {
      throw new ProviderUnavailableError('The simulated provider never answered');
    });
  }

  private async once(
    key: string,
    operation: LedgerOperation,
    target: string | null,
    request: Record<string, unknown>,
    decide: (reference: string) => ProviderResult,
  ): Promise<LedgerEntry> {
    const known = await this.ledger.find(key);
    if (known) return known;
    const reference = `sim_${randomUUID()}`;
    return this.ledger.recordOnce({ idempotencyKey: key, operation, reference, targetReference: target, request, result: decide(reference) });
  }

  /** A capture, void or refund of an authorization, declined with `[code, message]` when `refuse` says so. */
  private async onAuthorization(
    request: ChargeRequest,
    operation: 'capture' | 'void' | 'refund',
    refuse: (auth: LedgerEntry, done: LedgerEntry[]) => [string, string] | null,
  ): Promise<ProviderResult> {
    const known = await this.ledger.find(request.idempotencyKey);
    if (known) return known.result;
    const auth = await this.ledger.findByReference(request.authorization);
    let problem: [string, string] | null;
    if (!auth || auth.operation !== 'authorize' || auth.result.status !== 'succeeded') problem = ['no_such_charge', 'No approved authorization has this reference'];
    else problem = refuse(auth, (await this.ledger.targeting(auth.reference)).filter((e) => e.result.status === 'succeeded'));
    const entry = await this.once(request.idempotencyKey, operation, request.authorization, { ...request }, (reference) =>
      problem ? { status: 'declined', reference, declineCode: problem[0], message: problem[1] } : { status: 'succeeded', reference },
    );
    return entry.result;
  }
}
