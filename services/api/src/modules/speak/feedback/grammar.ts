/**
 * Grammar feedback on a learner turn (docs/products/speak.md, Grammar feedback): an interface
 * with a built-in deterministic heuristic checker (heuristics.ts) and an adapter for any
 * OpenAI-compatible chat-completions endpoint (openai.ts), chosen by GRAMMAR_CHECKER.
 */
import type { speak } from '@yorozu/contract';
import type { Static } from 'typebox';

export type GrammarCorrection = Static<typeof speak.messages.GrammarCorrection>;

/** The most corrections one turn gets: what a learner can read, and a bound on the stored row. */
export const MAX_CORRECTIONS = 20;

export interface GrammarRequest {
  /** The learner's turn (at most 2 000 characters, the contract's limit). */
  text: string;
  /** Its language: a BCP 47 tag such as `en` or `ja-JP`. */
  language: string;
  /** The learner's own language, which explanations could be written in. */
  nativeLanguage: string;
  /** A recogniser's transcript: capitals and punctuation are the recogniser's, not the learner's. */
  spoken: boolean;
}

export interface GrammarChecker {
  /** Shown in logs, e.g. `heuristic`, `openai:gpt-4o-mini`. */
  readonly name: string;
  /** The corrections (`[]`: nothing found), or null when the checker has nothing for the language. */
  check(request: GrammarRequest, signal: AbortSignal): Promise<GrammarCorrection[] | null>;
}

/** The language's primary subtag (`ja-JP` → `ja`). */
export function primaryLanguage(tag: string): string {
  return tag.split('-')[0]?.toLowerCase() ?? '';
}
