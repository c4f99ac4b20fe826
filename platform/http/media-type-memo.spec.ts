import { createRequire } from 'node:module';
import { memoizeMediaTypeNegotiation } from './media-type-memo';

const apolloRequire = createRequire(require.resolve('@apollo/server'));
type NegotiatorClass = new (request: { headers: { accept?: string } }) => { mediaType(available: string[]): string | undefined; mediaTypes(available: string[]): string[] };
const Negotiator = apolloRequire('negotiator') as NegotiatorClass;
// the unremembered answer, straight from the library's own function
const preferred = apolloRequire('negotiator/lib/mediaType.js') as (accept: string | undefined, available: string[]) => string[];

const OFFERS = [
  ['application/json', 'application/graphql-response+json', 'application/json; callback'],
  ['multipart/mixed;deferSpec=20220824', 'multipart/mixed'],
  ['text/html', 'application/json'],
];
const ACCEPTS = [undefined, '', '*/*', 'application/json', 'application/graphql-response+json, application/json;q=0.9', 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8', 'image/png'];

describe('memoizeMediaTypeNegotiation', () => {
  beforeAll(() => memoizeMediaTypeNegotiation());

  it('answers as negotiator does, for every Accept header (absent, empty or not) and offer, asked twice', () => {
    for (const offers of OFFERS) {
      for (const accept of ACCEPTS) {
        const expected = preferred(accept, offers);
        for (let i = 0; i < 2; i++) expect(new Negotiator({ headers: { accept } }).mediaTypes(offers)).toEqual(expected);
      }
    }
  });

  it('gives each caller its own copy of a remembered answer', () => {
    const offers = ['application/json', 'text/html'];
    const first = new Negotiator({ headers: { accept: 'text/html' } }).mediaTypes(offers);
    first.length = 0;
    expect(new Negotiator({ headers: { accept: 'text/html' } }).mediaTypes(offers)).toEqual(['text/html']);
  });

  it('is installed on the copy of negotiator that Apollo Server loads', () => {
    const source = String(Negotiator.prototype.mediaTypes);
    expect(source).not.toContain('preferredMediaTypes(this.request.headers.accept');
  });
});
