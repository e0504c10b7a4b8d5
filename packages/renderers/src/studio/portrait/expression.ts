import type { Random } from '../../core/prng.ts';

/**
 * Expressions are the `differences.expression` CHECK list:
 * neutral, happy, angry, sad, surprised, custom. Each becomes a face recipe
 * (brows, eyes, mouth and extras) so the face parts stay independent of the
 * expression vocabulary; "custom" reads keywords from the custom prompt.
 */
export const CHARACTER_EXPRESSIONS = ['neutral', 'happy', 'angry', 'sad', 'surprised', 'custom'] as const;
export type CharacterExpression = (typeof CHARACTER_EXPRESSIONS)[number];

export type BrowShape = 'calm' | 'raised' | 'angry' | 'worried';
export type EyeState = 'open' | 'wide' | 'narrow' | 'smiling' | 'closed' | 'wink';
export type MouthShape = 'closed' | 'smile' | 'grin' | 'open' | 'frown' | 'wavy' | 'gritted' | 'smirk';

export type FaceRecipe = {
  brows: BrowShape;
  eyes: EyeState;
  /** Upper-lid tilt: positive lowers the inner corner (anger), negative lowers the outer (sorrow). */
  lidTilt: number;
  mouth: MouthShape;
  blush: boolean;
  tears: boolean;
  angerMark: boolean;
  sweat: boolean;
};

const CALM: FaceRecipe = {
  brows: 'calm',
  eyes: 'open',
  lidTilt: 0,
  mouth: 'closed',
  blush: false,
  tears: false,
  angerMark: false,
  sweat: false,
};

const BASIC_RECIPES: Readonly<Record<Exclude<CharacterExpression, 'custom'>, FaceRecipe>> = {
  neutral: CALM,
  happy: { ...CALM, eyes: 'smiling', mouth: 'smile', blush: true },
  angry: { ...CALM, brows: 'angry', eyes: 'narrow', lidTilt: 0.5, mouth: 'gritted', angerMark: true },
  sad: { ...CALM, brows: 'worried', lidTilt: -0.45, mouth: 'wavy', tears: true },
  surprised: { ...CALM, brows: 'raised', eyes: 'wide', mouth: 'open', sweat: true },
};

// Keyword → partial recipe, applied in order so later, more specific words win.
const PROMPT_WORDS: readonly (readonly [RegExp, Partial<FaceRecipe>])[] = [
  [/smil|happy|joy|cheer|笑/, { mouth: 'smile', eyes: 'smiling' }],
  [/laugh|grin|excite|爆笑/, { mouth: 'grin', eyes: 'smiling', blush: true }],
  [/smug|confident|sly|ドヤ/, { mouth: 'smirk', eyes: 'narrow', lidTilt: -0.1 }],
  [/wink|ウインク/, { eyes: 'wink', mouth: 'smile' }],
  [/blush|shy|embarrass|love|照れ|恥/, { blush: true, brows: 'worried', mouth: 'wavy' }],
  [/sleep|tired|calm|peace|relax|眠/, { eyes: 'closed', mouth: 'closed', brows: 'calm' }],
  [
    /angry|mad|furious|rage|怒/,
    { brows: 'angry', eyes: 'narrow', lidTilt: 0.5, mouth: 'gritted', angerMark: true },
  ],
  [/pout|sulk|annoy|むっ/, { brows: 'angry', mouth: 'frown', blush: true }],
  [/sad|cry|tear|sorrow|泣|悲/, { brows: 'worried', lidTilt: -0.45, tears: true, mouth: 'frown' }],
  [/surpris|shock|astonish|gasp|驚/, { brows: 'raised', eyes: 'wide', mouth: 'open' }],
  [/nervous|panic|sweat|焦/, { sweat: true, brows: 'worried', mouth: 'wavy' }],
  [/determined|serious|focus|真剣/, { brows: 'angry', lidTilt: 0.2, mouth: 'closed' }],
];

function recipeFromPrompt(prompt: string, random: Random): FaceRecipe {
  const text = prompt.toLowerCase();
  const matches = PROMPT_WORDS.filter(([pattern]) => pattern.test(text));
  if (matches.length > 0) return Object.assign({ ...CALM }, ...matches.map(([, part]) => part));
  // No recognisable mood words: a stable mix seeded by the prompt itself, so two prompts
  // still give two different (but repeatable) faces.
  return {
    brows: random.pick(['calm', 'raised', 'angry', 'worried'] as const),
    eyes: random.pick(['open', 'wide', 'smiling', 'wink'] as const),
    lidTilt: random.between(-0.3, 0.3),
    mouth: random.pick(['closed', 'smile', 'grin', 'open', 'smirk', 'wavy'] as const),
    blush: random.chance(0.5),
    tears: false,
    angerMark: false,
    sweat: random.chance(0.25),
  };
}

export function faceRecipeFor(
  expression: CharacterExpression,
  customPrompt: string | undefined,
  random: Random,
): FaceRecipe {
  if (expression !== 'custom') return BASIC_RECIPES[expression];
  return recipeFromPrompt(customPrompt ?? '', random);
}
