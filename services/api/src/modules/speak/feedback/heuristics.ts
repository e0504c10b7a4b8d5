/**
 * The built-in grammar checker: a short list of deterministic rules (docs/products/speak.md,
 * Grammar feedback), a heuristic that finds some common learner errors in English and Japanese and
 * misses most others. No model judges the learner. Every rule is one pass over the turn's tokens
 * (the turn is at most 2 000 characters); the regular expressions are single character classes or
 * alternations of literals, so matching stays linear.
 */
import {
  type GrammarChecker,
  type GrammarCorrection,
  type GrammarRequest,
  MAX_CORRECTIONS,
  primaryLanguage,
} from './grammar.ts';

type Found = Omit<GrammarCorrection, 'method'>;

interface Token {
  word: string;
  lower: string;
  start: number;
  end: number;
  /** The text between the previous token and this one (the whole prefix for the first token). */
  gap: string;
}

const WORD = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+)*/gu;
const SPACES = /^[ \t]+$/u;

function tokens(text: string): Token[] {
  const out: Token[] = [];
  let previousEnd = 0;
  for (const match of text.matchAll(WORD)) {
    const start = match.index;
    const word = match[0];
    out.push({
      word,
      lower: word.toLowerCase(),
      start,
      end: start + word.length,
      gap: text.slice(previousEnd, start),
    });
    previousEnd = start + word.length;
  }
  return out;
}

function span(text: string, start: number, end: number) {
  return { start, end, original: text.slice(start, end) };
}

/** Keeps the first letter's case of `like` (`A` → `An`). */
function sameCase(replacement: string, like: string): string {
  const first = like[0] ?? '';
  return first !== first.toLowerCase() ? replacement[0]?.toUpperCase() + replacement.slice(1) : replacement;
}

// --- English -------------------------------------------------------------------------------------

/** Doubles that are grammatical ("I had had enough", "I think that that is true"). */
const ALLOWED_DOUBLES = new Set(['had', 'that', 'is', 'very', 'bye', 'no', 'yes', 'ha', 'so', 'really']);

function repeatedWords(text: string, words: readonly Token[]): Found[] {
  const found: Found[] = [];
  for (let i = 1; i < words.length; i++) {
    const [before, word] = [words[i - 1] as Token, words[i] as Token];
    if (word.lower !== before.lower || !SPACES.test(word.gap) || ALLOWED_DOUBLES.has(word.lower)) continue;
    if (/^\p{N}+$/u.test(word.word)) continue;
    found.push({
      rule: 'en.repeated_word',
      ...span(text, before.start, word.end),
      suggestion: before.word,
      explanation: `"${before.word}" is written twice in a row.`,
    });
  }
  return found;
}

/** Beginnings spelt with a vowel letter but said with a consonant sound ("a university", "a euro"). */
const CONSONANT_SOUND = ['uni', 'use', 'usu', 'uti', 'ute', 'uto', 'ura', 'uri', 'euro', 'eu', 'ewe', 'uk'];
/** "un-" words said with a vowel sound although they start with "uni" ("an uninteresting film"). */
const VOWEL_UNI = ['unin', 'unim', 'unid'];
/** Words spelt with h but said with a vowel sound ("an hour"). */
const SILENT_H = ['hour', 'honest', 'honor', 'honour', 'heir'];

/** Whether a word starts with a vowel sound; null when spelling cannot tell (numbers, abbreviations). */
function vowelSound(word: string): boolean | null {
  if (!/^\p{Ll}/u.test(word) && !/^\p{Lu}\p{Ll}/u.test(word)) return null;
  const lower = word.toLowerCase();
  if (SILENT_H.some((prefix) => lower.startsWith(prefix))) return true;
  if (!/^[aeiou]/u.test(lower)) return false;
  if (lower === 'one' || lower === 'once' || lower.startsWith('one-')) return false;
  if (VOWEL_UNI.some((prefix) => lower.startsWith(prefix))) return true;
  return !CONSONANT_SOUND.some((prefix) => lower.startsWith(prefix));
}

function articles(text: string, words: readonly Token[]): Found[] {
  const found: Found[] = [];
  for (let i = 0; i + 1 < words.length; i++) {
    const [article, next] = [words[i] as Token, words[i + 1] as Token];
    if ((article.lower !== 'a' && article.lower !== 'an') || !SPACES.test(next.gap)) continue;
    const vowel = vowelSound(next.word);
    if (vowel === null || vowel === (article.lower === 'an')) continue;
    const right = sameCase(vowel ? 'an' : 'a', article.word);
    found.push({
      rule: 'en.article',
      ...span(text, article.start, next.end),
      suggestion: `${right} ${next.word}`,
      explanation: vowel
        ? `"an" goes before a vowel sound: "${right} ${next.word}".`
        : `"a" goes before a consonant sound: "${right} ${next.word}".`,
    });
  }
  return found;
}

/**
 * Subject–verb agreement for pronoun subjects, a small fixed list: the pronoun, the wrong verb and
 * the right one. Skipped after an auxiliary or a verb taking a bare infinitive ("does he have",
 * "let it be"), where the base form is right.
 */
const AGREEMENT: Record<string, Record<string, string>> = {
  he: { "don't": "doesn't", have: 'has', do: 'does', are: 'is', am: 'is' },
  she: { "don't": "doesn't", have: 'has', do: 'does', are: 'is', am: 'is' },
  it: { "don't": "doesn't", have: 'has', do: 'does', are: 'is', am: 'is' },
  i: { is: 'am', are: 'am', has: 'have', does: 'do', "doesn't": "don't" },
  you: { is: 'are', am: 'are', was: 'were', has: 'have', does: 'do', "doesn't": "don't" },
  we: { is: 'are', am: 'are', was: 'were', has: 'have', does: 'do', "doesn't": "don't" },
  they: { is: 'are', am: 'are', was: 'were', has: 'have', does: 'do', "doesn't": "don't" },
};
const BARE_INFINITIVE_BEFORE = new Set([
  'do',
  'does',
  'did',
  'can',
  'could',
  'will',
  'would',
  'shall',
  'should',
  'may',
  'might',
  'must',
  'let',
  'lets',
  'make',
  'makes',
  'made',
  'help',
  'helps',
  'see',
  'saw',
  'hear',
  'heard',
  'watch',
  'if',
  'that',
]);

function agreement(text: string, words: readonly Token[]): Found[] {
  const found: Found[] = [];
  for (let i = 0; i + 1 < words.length; i++) {
    const [subject, verb] = [words[i] as Token, words[i + 1] as Token];
    const right = AGREEMENT[subject.lower]?.[verb.lower.replace('’', "'")];
    if (!right || !SPACES.test(verb.gap)) continue;
    const before = words[i - 1];
    if (before && !/[.!?]/u.test(subject.gap) && BARE_INFINITIVE_BEFORE.has(before.lower)) continue;
    const suggestion = `${subject.word} ${sameCase(right, verb.word)}`;
    found.push({
      rule: 'en.agreement',
      ...span(text, subject.start, verb.end),
      suggestion,
      explanation: `The verb agrees with its subject: "${suggestion}".`,
    });
  }
  return found;
}

/** Single letters and short abbreviations that end with a full stop without ending a sentence. */
const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'st', 'vs', 'etc', 'no', 'jr', 'sr', 'prof']);

function capitals(text: string, words: readonly Token[]): Found[] {
  const found: Found[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as Token;
    const before = words[i - 1];
    if (word.word === 'i') {
      found.push({
        rule: 'en.capital_i',
        ...span(text, word.start, word.end),
        suggestion: 'I',
        explanation: 'The pronoun "I" is always a capital letter.',
      });
      continue;
    }
    const gap = word.gap.trimEnd();
    const startsSentence = before
      ? gap.length < word.gap.length &&
        /[.!?]["'”’)]*$/u.test(gap) &&
        before.word.length > 1 &&
        !ABBREVIATIONS.has(before.lower)
      : /^[\s"'“‘(]*$/u.test(word.gap);
    if (!startsSentence || !/^\p{Ll}/u.test(word.word)) continue;
    const suggestion = (word.word[0] ?? '').toUpperCase() + word.word.slice(1);
    found.push({
      rule: 'en.sentence_capital',
      ...span(text, word.start, word.end),
      suggestion,
      explanation: 'A sentence starts with a capital letter.',
    });
  }
  return found;
}

const QUESTION_OPENERS = new Set([
  'what',
  'where',
  'when',
  'who',
  'whom',
  'whose',
  'why',
  'how',
  'which',
  'do',
  'does',
  'did',
  'can',
  'could',
  'would',
  'will',
  'shall',
  'should',
  'may',
  'is',
  'are',
  'am',
  'was',
  'were',
  'have',
  'has',
]);

function endPunctuation(text: string, words: readonly Token[]): Found[] {
  const last = words.at(-1);
  const first = words[0];
  if (!last || !first || words.length < 2) return [];
  const rest = text.slice(last.end);
  if (/[.!?…]/u.test(rest)) return [];
  const mark = QUESTION_OPENERS.has(first.lower) ? '?' : '.';
  return [
    {
      rule: 'en.end_punctuation',
      ...span(text, last.start, last.end),
      suggestion: `${last.word}${mark}`,
      explanation:
        mark === '?'
          ? 'A question ends with a question mark.'
          : 'A written sentence ends with a full stop (or "!" or "?").',
    },
  ];
}

function english(request: GrammarRequest): Found[] {
  const { text } = request;
  const words = tokens(text);
  const found = [...repeatedWords(text, words), ...articles(text, words), ...agreement(text, words)];
  // A recogniser decides capitals and punctuation, so they say nothing about the learner.
  if (!request.spoken) found.push(...capitals(text, words), ...endPunctuation(text, words));
  return found;
}

// --- Japanese ------------------------------------------------------------------------------------

const SENTENCE = /[^。！？!?\n]+[。！？!?\n]*/gu;
const TRAILING = new Set([...'。！？!?、」』）)']);

/** The sentence without its closing punctuation and spaces (a loop: an end-anchored `+` pattern retries from every position). */
function sentenceCore(sentence: string): string {
  let end = sentence.length;
  while (end > 0) {
    const last = sentence[end - 1] ?? '';
    if (!TRAILING.has(last) && last.trim() !== '') break;
    end--;
  }
  return sentence.slice(0, end);
}
/** Sentence-final particles, dropped before the ending is read ("ですよね" → "です"). */
const FINAL_PARTICLES = ['よね', 'よ', 'ね', 'か', 'な', 'わ', 'ぞ', 'ぜ'];
const POLITE_ENDINGS = ['ます', 'ました', 'ません', 'ましょう', 'です', 'でした', 'でしょう', 'ください'];
/** Plain endings and their polite forms; the longest ending is tried first. */
const PLAIN_ENDINGS: [string, string][] = [
  ['じゃなかった', 'じゃなかったです'],
  ['なかった', 'なかったです'],
  ['じゃない', 'じゃないです'],
  ['だった', 'でした'],
  ['だろう', 'でしょう'],
  ['ない', 'ないです'],
  ['だ', 'です'],
];

function withoutFinalParticles(core: string): string {
  let out = core;
  for (let i = 0; i < 3; i++) {
    const particle = FINAL_PARTICLES.find((p) => out.endsWith(p) && out.length > p.length);
    if (!particle) break;
    out = out.slice(0, -particle.length);
  }
  return out;
}

function mixedPoliteness(text: string): Found[] {
  let polite = 0;
  const plain: Found[] = [];
  for (const match of text.matchAll(SENTENCE)) {
    const core = withoutFinalParticles(sentenceCore(match[0]));
    if (POLITE_ENDINGS.some((ending) => core.endsWith(ending))) {
      polite++;
      continue;
    }
    const ending = PLAIN_ENDINGS.find(([plainEnding]) => core.endsWith(plainEnding));
    if (!ending || core.length === ending[0].length) continue;
    const start = match.index + core.length - ending[0].length;
    plain.push({
      rule: 'ja.mixed_politeness',
      ...span(text, start, start + ending[0].length),
      suggestion: ending[1],
      explanation:
        'This turn mixes polite endings (です/ます) with plain ones; keep to one register — with someone you have just met, the polite one.',
    });
  }
  return polite > 0 ? plain : [];
}

const PARTICLES = new Set(['は', 'が', 'を', 'に', 'で', 'と', 'へ', 'も', 'の', 'から', 'まで', 'より']);
const segmenter = new Intl.Segmenter('ja', { granularity: 'word' });

function doubledParticles(text: string): Found[] {
  const parts = [...segmenter.segment(text)];
  const found: Found[] = [];
  for (let i = 1; i + 1 < parts.length; i++) {
    const [before, part, next] = [parts[i - 1], parts[i], parts[i + 1]];
    if (!before || !part || !next || part.segment !== next.segment || !PARTICLES.has(part.segment)) continue;
    // A run of three is laughter or a word ("ははは"), and a word before the pair is needed to tell a particle.
    if (before.segment === part.segment || parts[i + 2]?.segment === part.segment || !before.isWordLike)
      continue;
    found.push({
      rule: 'ja.doubled_particle',
      ...span(text, part.index, next.index + next.segment.length),
      suggestion: part.segment,
      explanation: `The particle "${part.segment}" is written twice.`,
    });
    i++;
  }
  return found;
}

function japanese(request: GrammarRequest): Found[] {
  return [...doubledParticles(request.text), ...mixedPoliteness(request.text)];
}

const RULES: Record<string, (request: GrammarRequest) => Found[]> = { en: english, ja: japanese };

/** The heuristic corrections of a turn, in text order; null for a language without rules. */
export function heuristicCorrections(request: GrammarRequest): GrammarCorrection[] | null {
  const rules = RULES[primaryLanguage(request.language)];
  if (!rules) return null;
  return rules(request)
    .sort((a, b) => a.start - b.start || a.end - b.end)
    .slice(0, MAX_CORRECTIONS)
    .map((found) => ({ ...found, method: 'heuristic' as const }));
}

export const heuristicGrammarChecker: GrammarChecker = {
  name: 'heuristic',
  async check(request) {
    return heuristicCorrections(request);
  },
};
