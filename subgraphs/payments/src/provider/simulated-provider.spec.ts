import { ProviderUnavailableError } from './payment-provider';
import { SimulatedProvider, type LedgerEntry, type SimulatedLedger } from './simulated-provider';
import { TEST_TOKENS } from './simulated-tokens';

/** The ledger's contract in memory (the integration tests run the table one). */
function memoryLedger(): SimulatedLedger & { entries: Map<string, LedgerEntry> } {
  const entries = new Map<string, LedgerEntry>();
  return {
    entries,
    async recordOnce(entry) {
      if (!entries.has(entry.idempotencyKey)) entries.set(entry.idempotencyKey, entry);
      return entries.get(entry.idempotencyKey)!;
    },
    find: async (key) => entries.get(key) ?? null,
    findByReference: async (reference) => [...entries.values()].find((e) => e.reference === reference) ?? null,
    targeting: async (reference) => [...entries.values()].filter((e) => e.targetReference === reference),
  };
}

const auth = (key: string, paymentToken = 'tok_visa', amountCents = 10000) => ({ idempotencyKey: key, amountCents, currencyCode: 'USD', paymentToken });

describe('simulated provider', () => {
  let ledger: ReturnType<typeof memoryLedger>;
  let provider: SimulatedProvider;
  beforeEach(() => {
    ledger = memoryLedger();
    provider = new SimulatedProvider(ledger, { latencyMs: 0, failureRate: 0, hangMs: 50 });
  });

  it('approves tok_visa and tok_mastercard with their fixed cards', async () => {
    expect(await provider.authorize(auth('a1'))).toEqual({ status: 'succeeded', reference: expect.stringMatching(/^sim_/), card: TEST_TOKENS.tok_visa.card });
    expect(await provider.authorize(auth('a2', 'tok_mastercard'))).toMatchObject({ status: 'succeeded', card: { brand: 'mastercard', last4: '4444' } });
  });

  it('declines with distinct reasons', async () => {
    expect(await provider.authorize(auth('d1', 'tok_chargeDeclined'))).toMatchObject({ status: 'declined', declineCode: 'card_declined' });
    expect(await provider.authorize(auth('d2', 'tok_insufficientFunds'))).toMatchObject({ status: 'declined', declineCode: 'insufficient_funds' });
    expect(await provider.authorize(auth('d3', '4242424242424242'))).toMatchObject({ status: 'declined', declineCode: 'invalid_token' });
  });

  it('returns the first result for a repeated key and records it once', async () => {
    const first = await provider.authorize(auth('same'));
    expect(await provider.authorize(auth('same', 'tok_chargeDeclined', 1))).toEqual(first);
    expect(ledger.entries.size).toBe(1);
  });

  it('records a tok_timeout authorization but never answers; lookup tells the truth', async () => {
    await expect(provider.authorize(auth('t1', 'tok_timeout'))).rejects.toBeInstanceOf(ProviderUnavailableError);
    expect(await provider.lookup('t1')).toMatchObject({ status: 'succeeded', card: { last4: '0341' } });
    expect(await provider.lookup('never-sent')).toBeNull();
  });

  it('captures, refunds up to the captured amount, and refuses a void after capture', async () => {
    const { reference } = await provider.authorize(auth('c1'));
    expect(await provider.capture({ idempotencyKey: 'c1-cap', authorization: reference, amountCents: 10000 })).toMatchObject({ status: 'succeeded' });
    expect(await provider.void({ idempotencyKey: 'c1-void', authorization: reference, amountCents: 10000 })).toMatchObject({ status: 'declined', declineCode: 'charge_captured' });
    const refund = (key: string, amountCents: number) => provider.refund({ idempotencyKey: key, authorization: reference, amountCents, currencyCode: 'USD' });
    expect(await refund('r1', 6000)).toMatchObject({ status: 'succeeded' });
    expect(await refund('r2', 5000)).toMatchObject({ status: 'declined', declineCode: 'amount_too_large' });
    expect(await refund('r1', 6000)).toMatchObject({ status: 'succeeded' });
    expect(await refund('r3', 4000)).toMatchObject({ status: 'succeeded' });
  });

  it('refuses to capture a voided or unknown authorization', async () => {
    const { reference } = await provider.authorize(auth('v1'));
    expect(await provider.void({ idempotencyKey: 'v1-void', authorization: reference, amountCents: 10000 })).toMatchObject({ status: 'succeeded' });
    expect(await provider.capture({ idempotencyKey: 'v1-cap', authorization: reference, amountCents: 10000 })).toMatchObject({ declineCode: 'charge_voided' });
    expect(await provider.capture({ idempotencyKey: 'x-cap', authorization: 'sim_unknown', amountCents: 1 })).toMatchObject({ declineCode: 'no_such_charge' });
  });

  it('fails the configured share of calls without recording them', async () => {
    const flaky = new SimulatedProvider(ledger, { latencyMs: 0, failureRate: 0.5, random: (() => { let n = 0; return () => (n++ % 2 ? 0.9 : 0.1); })() });
    await expect(flaky.authorize(auth('f1'))).rejects.toBeInstanceOf(ProviderUnavailableError);
    expect(ledger.entries.has('f1')).toBe(false);
    expect(await flaky.authorize(auth('f1'))).toMatchObject({ status: 'succeeded' });
  });
});
