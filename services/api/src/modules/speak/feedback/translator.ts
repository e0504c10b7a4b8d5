/**
 * Translations of messages into the learner's own language (docs/products/speak.md,
 * Translations): an interface with a built-in translator that knows only the catalogue scripts'
 * own lines (glossary.ts, stored translations written with the scripts) and an adapter for any
 * OpenAI-compatible chat-completions endpoint (openai.ts), chosen by TRANSLATOR. The built-in one
 * never invents a translation: for any other text it answers null.
 */
import { normalizeLine } from '../words.ts';
import { GLOSSARY } from './glossary.ts';
import { primaryLanguage } from './grammar.ts';

export interface TranslationRequest {
  text: string;
  /** The text's language (BCP 47). */
  from: string;
  /** The language wanted (BCP 47): the learner's native language. */
  to: string;
}

export interface Translation {
  text: string;
  /** Where it comes from: `script` (a catalogue line's stored translation) or `model:<model>`. */
  source: string;
}

export interface Translator {
  /** Shown in logs, e.g. `script-glossary`, `openai:gpt-4o-mini`. */
  readonly name: string;
  /** The translation, or null when this translator has none for the text. */
  translate(request: TranslationRequest, signal: AbortSignal): Promise<Translation | null>;
}

function key(from: string, to: string, text: string): string {
  return `${primaryLanguage(from)}>${primaryLanguage(to)}>${normalizeLine(text, from)}`;
}

const entries = new Map<string, string>();
for (const script of GLOSSARY) {
  for (const [line, translation] of Object.entries(script.lines)) {
    entries.set(key(script.from, script.to, line), translation);
  }
}

/** A catalogue line's stored translation: the same words as the line (case and punctuation aside), or null. */
export function glossaryTranslation(request: TranslationRequest): string | null {
  if (primaryLanguage(request.from) === primaryLanguage(request.to)) return null;
  return entries.get(key(request.from, request.to, request.text)) ?? null;
}

export const glossaryTranslator: Translator = {
  name: 'script-glossary',
  async translate(request) {
    const text = glossaryTranslation(request);
    return text === null ? null : { text, source: 'script' };
  },
};
