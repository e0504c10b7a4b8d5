/**
 * Voicing the partner's replies (docs/products/speak.md, Voice): an interface, with eSpeak NG
 * (WebAssembly, on a worker thread) as the local default. A hosted text-to-speech service would be
 * another implementation chosen by configuration.
 */
import { speak } from '@yorozu/contract';
import { synthesizeSpeechOffThread } from '../../../kernel/threads/index.ts';

export interface SynthesisRequest {
  text: string;
  /** The conversation's target language: its default voice when `voice` is null. */
  language: string;
  /** An eSpeak NG voice from the contract's list, or null. */
  voice: string | null;
  /** 0.5–2.0 of the normal rate. */
  rate: number;
}

export interface SpeechSynthesizer {
  readonly name: string;
  /** A WAV file's bytes. */
  synthesize(request: SynthesisRequest): Promise<Buffer>;
}

/** eSpeak NG's normal rate: 175 words a minute is rate 1.0. */
export const NORMAL_WORDS_PER_MINUTE = 175;

const DEFAULT_VOICES: Readonly<Record<string, string>> = {
  en: 'en-us',
  fr: 'fr-fr',
  zh: 'cmn',
  pt: 'pt-br',
};

/** The voice for a language: the learner's choice, else the language's default, else its primary subtag. */
export function voiceFor(language: string, voice: string | null): string {
  if (voice) return voice;
  const lower = language.toLowerCase();
  if ((speak.languages.SPEAK_VOICES as readonly string[]).includes(lower)) return lower;
  const primary = lower.split('-')[0] ?? lower;
  return DEFAULT_VOICES[primary] ?? primary;
}

export const espeakSynthesizer: SpeechSynthesizer = {
  name: 'espeak-ng',
  async synthesize(request) {
    return synthesizeSpeechOffThread({
      text: request.text,
      voice: voiceFor(request.language, request.voice),
      wordsPerMinute: NORMAL_WORDS_PER_MINUTE * request.rate,
    });
  },
};
