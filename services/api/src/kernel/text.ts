/**
 * Text PostgreSQL can store. `text` and `jsonb` cannot hold U+0000 (SQLSTATE 22021 / 22P05),
 * and an unpaired UTF-16 surrogate is no Unicode character at all: it has no UTF-8 encoding
 * (node-postgres would silently replace it with U+FFFD) and jsonb refuses its `\ud800` escape.
 * With the `u` flag a surrogate pair is one code point, so the class matches only unpaired ones.
 */
const UNPAIRED_SURROGATE = /[\uD800-\uDFFF]/u;

export function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && !UNPAIRED_SURROGATE.test(value);
}
