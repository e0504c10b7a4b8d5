/**
 * The AI partner (docs/products/speak.md, The partner): an interface with a local deterministic
 * default (local.ts) and an adapter for any OpenAI-compatible chat-completions endpoint
 * (openai.ts), chosen by configuration (SPEAK_LLM_URL).
 */

export interface ScriptLine {
  order: number;
  speaker: 'ai' | 'user';
  text: string;
  alternatives: string[];
}

export interface ReplyRequest {
  conversation: {
    id: string;
    /** Fixed at the start: the local engine's choices are a function of it and the turn. */
    seed: number;
    nativeLanguage: string;
    targetLanguage: string;
    scenario: string;
    difficultyLevel: number;
  };
  script: { title: string; segments: readonly ScriptLine[] } | null;
  /** The learner's turn being answered; `scriptSegment`: the learner line it matched, null past the script's end. */
  turn: { text: string; number: number; scriptSegment: number | null };
  /** The conversation so far, oldest first, the turn included (at most the last 20 messages). */
  history: readonly { role: 'user' | 'assistant'; content: string }[];
}

export interface ConversationEngine {
  /** Shown in logs and stored in the reply's metadata, e.g. `local/script`, `openai:gpt-4o-mini`. */
  readonly name: string;
  /** The reply, in pieces as they are written; the pieces joined are the whole reply. */
  reply(request: ReplyRequest, signal: AbortSignal): AsyncIterable<string>;
}

/** The script's partner line that answers a learner line: the first `ai` segment after it. */
export function scriptReply(segments: readonly ScriptLine[], after: number): ScriptLine | null {
  return segments.find((segment) => segment.speaker === 'ai' && segment.order > after) ?? null;
}

/** The learner's next line after a point of the script. */
export function nextLearnerLine(segments: readonly ScriptLine[], after: number): ScriptLine | null {
  return segments.find((segment) => segment.speaker === 'user' && segment.order > after) ?? null;
}
