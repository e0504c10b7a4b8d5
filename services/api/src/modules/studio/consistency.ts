import type { CharacterRenderInput } from '@yorozu/renderers';
import { seededRandom } from '@yorozu/renderers';

/**
 * How closely a difference keeps its character, 0 to 100 (the
 * `differences.consistency_score` of docs/products/studio.md, samples 95.7 and 96.1). The built-in
 * renderer draws every expression from the same features, so the score is
 * a stand-in with the same meaning and range: expressions that move more of
 * the face score lower, larger canvases a little higher, and a stable jitter
 * from the input keeps it deterministic (same input, same score). A hosted
 * model's adapter would measure it instead.
 */
const EXPRESSION_BASE: Readonly<Record<CharacterRenderInput['expression'], number>> = {
  neutral: 97,
  happy: 95.8,
  sad: 95,
  surprised: 94.4,
  angry: 94,
  custom: 91.5,
};

const RESOLUTION_BONUS: Readonly<Record<CharacterRenderInput['resolution'], number>> = {
  '1K': 0,
  '2K': 0.6,
  '4K': 1.1,
};

export function consistencyScore(input: CharacterRenderInput): number {
  const jitter = seededRandom(['consistency', input]).between(-1.5, 1.5);
  const score = EXPRESSION_BASE[input.expression] + RESOLUTION_BONUS[input.resolution] + jitter;
  return Math.round(Math.min(100, Math.max(0, score)) * 100) / 100;
}
