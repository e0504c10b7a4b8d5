/**
 * The analyser: what a character looks like, read from its base image
 * (docs/products/studio.md). An interface, like the image generator: the built-in one
 * works offline, and a hosted vision model is one more adapter, chosen by
 * CHARACTER_ANALYSER in the composition root (src/composition.ts).
 */
import { createHash } from 'node:crypto';
import type { studio } from '@yorozu/contract';
import { EYE_SHAPES, HAIR_STYLES, seededRandom } from '@yorozu/renderers';
import type { Static } from 'typebox';

type Features = Static<typeof studio.CharacterFeatures>;

export interface BaseImage {
  bytes: Buffer;
  /** One of the file store's types: image/png, image/jpeg, image/webp, image/svg+xml. */
  contentType: string;
}

export interface CharacterAnalysis {
  /** Used when the caller sends no `features` of their own. */
  features: Features;
  /**
   * How well the base image pins the character down, 0 to 100:
   * `characters.consistency_score` ("ベース画像の一貫性スコア", sample 95.2).
   */
  consistencyScore: number;
}

export interface CharacterAnalyser {
  /** Shown in logs, e.g. `local/digest`. */
  readonly name: string;
  analyse(image: BaseImage): Promise<CharacterAnalysis>;
}

const HAIR_COLORS = ['black', 'brown', 'blonde', 'pink', 'silver', 'blue', 'red', 'lavender'] as const;
const EYE_COLORS = ['blue', 'brown', 'green', 'violet', 'red', 'gold', 'teal'] as const;
const OUTFITS = ['white dress', 'navy sailor uniform', 'grey hoodie', 'black blazer', 'red kimono'] as const;
const SECONDARY = ['ribbon', 'red tie', 'gold trim', 'lace collar'] as const;
const BODY_TYPES = ['petite', 'slender', 'athletic'] as const;

/**
 * The built-in analyser. Offline there is no model to look at the picture, so
 * it derives a stable answer from the image bytes: the same image always
 * gives the same features and the same score (within the original
 * design's sample range, 90 to 99), and callers who know better pass `features` themselves.
 */
export const localCharacterAnalyser: CharacterAnalyser = {
  name: 'local/digest',
  async analyse(image) {
    const digest = createHash('sha256').update(image.bytes).digest('hex');
    const random = seededRandom(['base-image-analysis', digest]);
    const features: Features = {
      hair: { color: random.pick(HAIR_COLORS), style: random.pick(HAIR_STYLES) },
      eyes: { color: random.pick(EYE_COLORS), shape: random.pick(EYE_SHAPES) },
      outfit: { primary: random.pick(OUTFITS), secondary: random.pick(SECONDARY) },
      bodyType: random.pick(BODY_TYPES),
    };
    return { features, consistencyScore: Math.round(random.between(90, 99) * 100) / 100 };
  },
};
