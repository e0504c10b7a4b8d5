/**
 * Text folding for search and tags (docs/products/nex.md, Search): NFKC (full-width Latin and
 * half-width katakana become their usual forms, UAX #15), lower case, and katakana folded to
 * hiragana (the Unicode blocks are parallel: U+30A1–U+30F6 map to U+3041–U+3096), so `ユウヤケ`,
 * `ゆうやけ` and `ﾕｳﾔｹ` match one another. The same folding runs on stored text and on queries.
 */
const KATAKANA = /[\u30a1-\u30f6]/g;

export function fold(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(KATAKANA, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0x60));
}

/** A tag as stored: folded like search text, but keeping katakana (a tag is shown as written). */
export function normaliseTag(tag: string): string {
  return tag.normalize('NFKC').toLowerCase().trim().replace(/\s+/g, ' ');
}

/** The words of a query, folded; at most 8 (a query is at most 100 characters). */
export function queryTerms(query: string): string[] {
  return fold(query)
    .split(/\s+/)
    .filter((term) => term.length > 0)
    .slice(0, 8);
}

/** `%term%` for LIKE, with the pattern's own metacharacters escaped (backslash is LIKE's default escape). */
export function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/** The stored search columns of an artwork. */
export function searchColumns(title: string, description: string, tags: readonly string[]) {
  return { searchTitle: fold(title), searchText: fold([title, description, ...tags].join('\n')) };
}
