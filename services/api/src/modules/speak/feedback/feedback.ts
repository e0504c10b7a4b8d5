/**
 * Feedback on a message — a translation, grammar corrections — is extra (docs/products/speak.md,
 * Translations and Grammar feedback): a configured model that fails or is slow leaves it null
 * ("not known") rather than costing the learner their turn or the partner's reply.
 */
import type { GrammarChecker, GrammarCorrection, GrammarRequest } from './grammar.ts';
import type { Translator } from './translator.ts';

/** How long a message waits for a hosted model; the built-in engines answer at once. */
export const FEEDBACK_TIMEOUT_MS = 10_000;

async function orNull<T>(work: (signal: AbortSignal) => Promise<T | null>): Promise<T | null> {
  try {
    return await work(AbortSignal.timeout(FEEDBACK_TIMEOUT_MS));
  } catch {
    return null;
  }
}

/** The checker's corrections of a learner turn, or null (not checked). */
export function corrections(
  checker: GrammarChecker,
  request: GrammarRequest,
): Promise<GrammarCorrection[] | null> {
  return orNull((signal) => checker.check(request, signal));
}

/** A message's translation into the learner's language, as its two stored fields. */
export async function translation(
  translator: Translator,
  text: string,
  from: string,
  to: string,
): Promise<{ translatedContent: Record<string, string> | null; translationSource: string | null }> {
  const found = await orNull((signal) => translator.translate({ text, from, to }, signal));
  return found
    ? { translatedContent: { [to]: found.text }, translationSource: found.source }
    : { translatedContent: null, translationSource: null };
}
