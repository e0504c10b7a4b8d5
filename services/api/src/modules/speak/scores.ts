/**
 * The conversation scores (docs/products/speak.md, Scores): deterministic heuristics over what the
 * service can measure — script lines matched by edit distance, measured speaking time, word
 * counts. They are labelled heuristics in the API; no model judges the learner.
 */

/** Words a minute a conversational speaker reaches; fluency is the learner's rate against it, capped at 100. */
export const FLUENT_WORDS_PER_MINUTE = 110;

export interface ScoredTurn {
  /** Similarity 0–1 to the expected script line; null when the turn had no script line to match. */
  similarity: number | null;
  /** Whether it was spoken (sent with audio). */
  spoken: boolean;
  /** Words in the turn. */
  words: number;
}

export interface ConversationScores {
  /** 0–1, or null without a script. */
  adherence: number | null;
  fluency: number | null;
  accuracy: number | null;
  pronunciation: number | null;
  overall: number | null;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/**
 * - adherence: the sum of the learner lines' similarities ÷ the script's learner lines (a skipped line counts 0);
 * - accuracy: 100 × the mean similarity of the learner's scripted turns;
 * - pronunciation: the same over spoken turns only (the recogniser's transcript stands in for intelligibility);
 * - fluency: 100 × (words of spoken turns ÷ speaking minutes) ÷ 110, capped at 100;
 * - overall: the mean of those that exist.
 */
export function scoreConversation(
  turns: readonly ScoredTurn[],
  scriptLearnerLines: number,
  speakingSeconds: number,
): ConversationScores {
  const scripted = turns.filter((turn) => turn.similarity !== null);
  const similarities = scripted.map((turn) => turn.similarity ?? 0);
  const spokenSimilarities = scripted.filter((turn) => turn.spoken).map((turn) => turn.similarity ?? 0);
  const adherence =
    scriptLearnerLines > 0
      ? Math.min(1, similarities.reduce((sum, s) => sum + s, 0) / scriptLearnerLines)
      : null;
  const accuracy = mean(similarities);
  const pronunciation = mean(spokenSimilarities);
  const spokenWords = turns.filter((turn) => turn.spoken).reduce((sum, turn) => sum + turn.words, 0);
  const fluency =
    speakingSeconds > 0
      ? Math.min(100, (100 * (spokenWords / (speakingSeconds / 60))) / FLUENT_WORDS_PER_MINUTE)
      : null;
  const parts = [
    fluency,
    accuracy === null ? null : accuracy * 100,
    pronunciation === null ? null : pronunciation * 100,
  ];
  const present = parts.filter((part): part is number => part !== null);
  return {
    adherence: adherence === null ? null : round2(adherence),
    fluency: fluency === null ? null : round2(fluency),
    accuracy: accuracy === null ? null : round2(accuracy * 100),
    pronunciation: pronunciation === null ? null : round2(pronunciation * 100),
    overall: present.length === 0 ? null : round2(mean(present) ?? 0),
  };
}
