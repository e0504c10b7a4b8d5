/**
 * Grammar feedback and translations from any OpenAI-compatible chat-completions endpoint
 * (GRAMMAR_CHECKER / TRANSLATOR = `openai-compatible`, with SPEAK_LLM_URL and SPEAK_LLM_MODEL):
 * one JSON answer each, checked against a schema before it is believed (openai-compatible.ts).
 * The model quotes the text it corrects rather than counting offsets, which models do badly; the
 * offsets are found here, and a quote that is not in the turn makes the whole answer malformed.
 */
import Type, { type Static } from 'typebox';
import { type ChatEndpointOptions, chatJson, OpenAiCompatibleError } from '../openai-compatible.ts';
import {
  type GrammarChecker,
  type GrammarCorrection,
  type GrammarRequest,
  MAX_CORRECTIONS,
} from './grammar.ts';
import type { Translator } from './translator.ts';

const TEXT = 2000;

/** What the model must answer when asked for corrections. */
export const ModelCorrections = Type.Object({
  corrections: Type.Array(
    Type.Object({
      original: Type.String({ minLength: 1, maxLength: TEXT }),
      suggestion: Type.String({ maxLength: TEXT }),
      explanation: Type.String({ minLength: 1, maxLength: 1000 }),
    }),
    { maxItems: 50 },
  ),
});

/** What the model must answer when asked for a translation. */
export const ModelTranslation = Type.Object({
  translation: Type.String({ minLength: 1, maxLength: 4 * TEXT }),
});

function grammarPrompt(request: GrammarRequest): string {
  return [
    `You check the grammar of a learner of the language "${request.language}" (their own language is "${request.nativeLanguage}").`,
    'Find grammar and spelling errors in the learner text the user sends; do not rewrite for style.',
    request.spoken
      ? "The text is a speech recogniser's transcript: ignore capital letters and punctuation."
      : 'The text was typed.',
    'Answer with one JSON object and nothing else: {"corrections": [{"original": the exact wrong part, copied from the text,',
    '"suggestion": what to write instead, "explanation": one short sentence in English}]}, in text order; {"corrections": []} when it is correct.',
  ].join('\n');
}

/** Where each quoted `original` is in the text, searching onwards from the previous one. */
export function locate(
  text: string,
  found: Static<typeof ModelCorrections>['corrections'],
): GrammarCorrection[] {
  const out: GrammarCorrection[] = [];
  let from = 0;
  for (const correction of found.slice(0, MAX_CORRECTIONS)) {
    let start = text.indexOf(correction.original, from);
    if (start < 0) start = text.indexOf(correction.original);
    if (start < 0) throw new OpenAiCompatibleError('The model corrected text that is not in the turn.');
    const end = start + correction.original.length;
    out.push({
      rule: 'model',
      start,
      end,
      original: correction.original,
      suggestion: correction.suggestion,
      explanation: correction.explanation,
      method: 'model',
    });
    from = end;
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

export function openAiGrammarChecker(options: ChatEndpointOptions): GrammarChecker {
  return {
    name: `openai:${options.model}`,
    async check(request, signal) {
      const answer = await chatJson(
        options,
        [
          { role: 'system', content: grammarPrompt(request) },
          { role: 'user', content: request.text },
        ],
        ModelCorrections,
        signal,
      );
      return locate(request.text, answer.corrections);
    },
  };
}

export function openAiTranslator(options: ChatEndpointOptions): Translator {
  return {
    name: `openai:${options.model}`,
    async translate(request, signal) {
      const answer = await chatJson(
        options,
        [
          {
            role: 'system',
            content: [
              `Translate the text the user sends from the language "${request.from}" into the language "${request.to}", faithfully and naturally.`,
              'Answer with one JSON object and nothing else: {"translation": string}.',
            ].join('\n'),
          },
          { role: 'user', content: request.text },
        ],
        ModelTranslation,
        signal,
      );
      return { text: answer.translation, source: `model:${options.model}` };
    },
  };
}
