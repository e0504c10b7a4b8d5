import { createHash } from 'node:crypto';
import type { studio } from '@yorozu/contract';
import type { Static } from 'typebox';
import { seededRandom } from '../../kernel/images/prng.ts';
import { EYE_SHAPES, HAIR_STYLES } from './render.ts';

type Features = Static<typeof studio.CharacterFeatures>;

const HAIR_COLORS = ['black', 'brown', 'blonde', 'pink', 'silver', 'blue', 'red', 'lavender'] as const;
const EYE_COLORS = ['blue', 'brown', 'green', 'violet', 'red', 'gold', 'teal'] as const;
const OUTFITS = ['white dress', 'navy sailor uniform', 'grey hoodie', 'black blazer', 'red kimono'] as const;
const SECONDARY = ['ribbon', 'red tie', 'gold trim', 'lace collar'] as const;
const BODY_TYPES = ['petite', 'slender', 'athletic'] as const;

/**
 * Features for a character created without them. The original design gets them from a
 * hosted model's analysis of the base image; offline, the built-in analyser
 * derives a stable set from the image bytes: the same image always gives the
 * same character, and callers who know better pass `features` themselves.
 */
export function analyseBaseImage(bytes: Buffer): Features {
  const digest = createHash('sha256').update(bytes).digest('hex');
  const random = seededRandom(['base-image-analysis', digest]);
  return {
    hair: { color: random.pick(HAIR_COLORS), style: random.pick(HAIR_STYLES) },
    eyes: { color: random.pick(EYE_COLORS), shape: random.pick(EYE_SHAPES) },
    outfit: { primary: random.pick(OUTFITS), secondary: random.pick(SECONDARY) },
    bodyType: random.pick(BODY_TYPES),
  };
}
