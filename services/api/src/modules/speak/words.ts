/**
 * Words and line similarity for the heuristic scores (docs/products/speak.md, Scores). Words come
 * from Unicode word segmentation (`Intl.Segmenter`, ICU's dictionaries), so Japanese and Chinese,
 * written without spaces, are split into words too.
 */

const segmenters = new Map<string, Intl.Segmenter>();

function segmenter(language: string): Intl.Segmenter {
  let found = segmenters.get(language);
  if (!found) {
    found = new Intl.Segmenter(language, { granularity: 'word' });
    segmenters.set(language, found);
  }
  return found;
}

/** The words of a text, lower-cased in the language's rules. */
export function wordsOf(text: string, language: string): string[] {
  const words: string[] = [];
  for (const part of segmenter(language).segment(text)) {
    if (part.isWordLike) words.push(part.segment.toLocaleLowerCase(language));
  }
  return words;
}

/** The phrases of a script's vocabulary focus that a text uses, as whole words. */
export function vocabularyUsed(text: string, focus: readonly string[], language: string): string[] {
  const said = ` ${wordsOf(text, language).join(' ')} `;
  return focus.filter((phrase) => said.includes(` ${wordsOf(phrase, language).join(' ')} `));
}

/** Lower case, punctuation and symbols dropped, spaces collapsed: what a recogniser's transcript can be compared on. */
export function normalizeLine(text: string, language: string): string {
  return text
    .normalize('NFKC')
    .toLocaleLowerCase(language)
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** Levenshtein distance over code points: O(n·m) time, O(m) memory; callers bound the lengths. */
export function editDistance(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  let previous = Array.from({ length: right.length + 1 }, (_, j) => j);
  for (let i = 1; i <= left.length; i++) {
    const current = [i];
    for (let j = 1; j <= right.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (left[i - 1] === right[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[right.length] ?? 0;
}

/** 1 − distance ÷ the longer length, over normalised lines: 1 identical, 0 nothing in common. */
export function lineSimilarity(said: string, expected: string, language: string): number {
  const a = normalizeLine(said, language);
  const b = normalizeLine(expected, language);
  const longest = Math.max([...a].length, [...b].length);
  if (longest === 0) return 1;
  return 1 - editDistance(a, b) / longest;
}

/** The closest of the accepted lines, and how close. */
export function bestMatch(said: string, accepted: readonly string[], language: string) {
  let best = { expected: accepted[0] ?? '', similarity: -1 };
  for (const line of accepted) {
    const similarity = lineSimilarity(said, line, language);
    if (similarity > best.similarity) best = { expected: line, similarity };
  }
  return { expected: best.expected, similarity: Math.max(best.similarity, 0) };
}
