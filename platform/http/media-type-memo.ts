import { createRequire } from 'node:module';

interface NegotiatorPrototype {
  mediaTypes(this: { request: { headers: { accept?: unknown } } }, available?: string[]): string[];
}

/** The copy of `negotiator` that Apollo Server itself loads. */
const apolloNegotiator = () => createRequire(require.resolve('@apollo/server'))('negotiator') as { prototype: NegotiatorPrototype };

/** Distinct (Accept header, offered types) pairs remembered; past that, the memo starts over. */
const MAX_ENTRIES = 256;

let installed = false;

/**
 * Apollo Server negotiates the response's media type with `negotiator` on every request, some
 * of it with offers that never change (whether to use the legacy incremental format is asked
 * even without an Accept header), and parsing the offered types costs more than the rest of the
 * content negotiation. The answer depends only on the Accept header and the offers, so it is
 * remembered per pair (a copy is returned, so no caller can change another's answer).
 */
export function memoizeMediaTypeNegotiation(): void {
  if (installed) return;
  installed = true;
  const memo = new Map<string, string[]>();
  const prototype = apolloNegotiator().prototype;
  const negotiate = prototype.mediaTypes;
  prototype.mediaTypes = function mediaTypes(available) {
    const accept = this.request.headers.accept;
    if (!Array.isArray(available) || (accept !== undefined && typeof accept !== 'string')) return negotiate.call(this, available);
    // no Accept header means */*, unlike an empty one
    const key = `${accept === undefined ? '\u0000' : accept}\n${available.join('\n')}`;
    let types = memo.get(key);
    if (!types) {
      types = negotiate.call(this, available);
      if (memo.size >= MAX_ENTRIES) memo.clear();
      memo.set(key, types);
    }
    return types.slice();
  };
}
