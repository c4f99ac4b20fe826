import type { Recorder } from './recorder';

/**
 * userErrors that say the system, not the request, failed: the client cannot tell what happened
 * yet (or nothing could be done) and repeats later. Every other userError is a definite answer.
 */
export const FAULT_USER_CODES = new Set(['PAYMENT_UNAVAILABLE', 'IDEMPOTENCY_KEY_IN_USE', 'CHECKOUT_FAILED', 'SERVICE_UNAVAILABLE', 'INTERNAL_SERVER_ERROR']);

/** ok: a full answer; partial: data with errors at some paths; failed: no usable answer. */
export type Outcome = 'ok' | 'partial' | 'failed';

export interface Answer {
  outcome: Outcome;
  /** `network:<code>`, `http:<status>`, `graphql:<code>`, `user:<code>`. */
  codes: string[];
  /** The operation's root field (e.g. the checkout payload), when there is one: as the contract shapes it. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  payload: any;
}

const REQUEST_TIMEOUT_MS = 30_000;

/** POSTs one operation to the gateway as a client would, and records how it went. */
export async function call(url: string, query: string, recorder: Recorder, operation: string, variables: Record<string, unknown>, token?: string): Promise<Answer> {
  const started = Date.now();
  const answer = await send(url, query, variables, token);
  recorder.record({ operation, start: started, end: Date.now(), outcome: answer.outcome, codes: answer.codes });
  return answer;
}

async function send(url: string, query: string, variables: Record<string, unknown>, token?: string): Promise<Answer> {
  let status: number;
  let body: { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: string } }[] };
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    status = response.status;
    const text = await response.text();
    try {
      body = JSON.parse(text);
    } catch {
      return { outcome: 'failed', codes: [`http:${status}`], payload: null };
    }
  } catch (error) {
    return { outcome: 'failed', codes: [`network:${networkCode(error)}`], payload: null };
  }
  const codes: string[] = [];
  if (status !== 200) codes.push(`http:${status}`);
  for (const e of body.errors ?? []) codes.push(`graphql:${e.extensions?.code ?? 'UNKNOWN'}`);
  const root = (body.data ? Object.values(body.data)[0] : null) as { userErrors?: unknown } | null | undefined;
  const userErrors = (root && typeof root === 'object' && Array.isArray(root.userErrors) ? root.userErrors : []) as { code: string }[];
  for (const e of userErrors) codes.push(`user:${e.code}`);
  let outcome: Outcome = 'ok';
  if (root === null || root === undefined || status >= 500) outcome = 'failed';
  else if (userErrors.some((e) => FAULT_USER_CODES.has(e.code))) outcome = 'failed';
  else if (body.errors?.length) outcome = 'partial';
  return { outcome, codes: [...new Set(codes)], payload: root ?? null };
}

function networkCode(error: unknown): string {
  const e = error as { name?: string; code?: string; cause?: { code?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'timeout';
  return e.cause?.code ?? e.code ?? 'error';
}
