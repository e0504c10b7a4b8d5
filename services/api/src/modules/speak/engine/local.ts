/**
 * The built-in partner: no model, no network. With a script it says the script's next partner
 * line (the learner's alternatives are accepted by the scorer, not here); without one it answers
 * from per-scenario templates in the target language, picked by a PRNG seeded with the
 * conversation's seed and the turn number, so the same conversation always gets the same replies.
 * Replies stream word by word, like a hosted model's tokens.
 */
import { seededRandom } from '@yorozu/renderers';
import { type ConversationEngine, type ReplyRequest, scriptReply } from './engine.ts';
import { templatesFor } from './templates.ts';

export function localReplyText(request: ReplyRequest): string {
  const { conversation, script, turn } = request;
  const templates = templatesFor(conversation.targetLanguage, conversation.scenario);
  if (script) {
    // A turn past the script's last learner line matches no segment: the script is over.
    const line = turn.scriptSegment === null ? null : scriptReply(script.segments, turn.scriptSegment);
    return line ? line.text : templates.closing;
  }
  const random = seededRandom({ seed: conversation.seed, turn: turn.number });
  const opener = random.pick(templates.acknowledgements);
  const question = random.pick(templates.questions);
  return `${opener} ${question}`;
}

/** Splits after each space (or each character in scripts without spaces), keeping every character. */
export function* pieces(text: string): Generator<string> {
  const parts = text.match(/\S+\s*|\s+/gu) ?? [];
  for (const part of parts) yield part;
}

export const localConversationEngine: ConversationEngine = {
  name: 'local/templates',
  async *reply(request, signal) {
    for (const piece of pieces(localReplyText(request))) {
      signal.throwIfAborted();
      yield piece;
    }
  },
};
