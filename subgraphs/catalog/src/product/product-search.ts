import { GraphQLError } from 'graphql';

export const MAX_SEARCH_LENGTH = 200;

/**
 * A PostgreSQL tsquery for what a shopper typed: every word must match (AND), and the last word
 * also matches as a prefix, so results appear while typing ("wireless head" → "wireless & head:*").
 * Only letters and digits reach the query, so no input can break its syntax. Null when nothing
 * searchable is left.
 */
export function toPrefixTsQuery(search: string): string | null {
  if (search.length > MAX_SEARCH_LENGTH) {
    throw new GraphQLError(`search must be at most ${MAX_SEARCH_LENGTH} characters`, {
      extensions: { code: 'BAD_USER_INPUT', argumentName: 'filter.search' },
    });
  }
  const words = search.toLowerCase().match(/[\p{L}\p{N}]+/gu)?.slice(0, 16) ?? [];
  if (!words.length) return null;
  return words.map((w, i) => (i === words.length - 1 ? `${w}:*` : w)).join(' & ');
}
