import type { studio } from '@yorozu/contract';
import type { Static } from 'typebox';

type Features = Static<typeof studio.CharacterFeatures>;
type ArtStyle = Static<typeof studio.ArtStyle>;

const ART_STYLE_WORDS: Readonly<Record<ArtStyle, string>> = {
  illustration: 'An illustration-style',
  realistic: 'A realistic',
  '3d': 'A 3D-rendered',
  anime: 'An anime-style',
};

/**
 * The master prompt (the original design's `gemini_prompt`, "一貫性保持用マスタープロンプト"):
 * one sentence naming every feature, sent with each expression so a hosted
 * model keeps the character identical across them. Derived, never edited, so
 * it always matches the stored features. The original design's sample reads
 * "A cute anime-style character with long pink hair, blue round eyes, wearing a white dress with ribbon...".
 */
export function masterPrompt(artStyle: ArtStyle, features: Features): string {
  const { hair, eyes, outfit } = features;
  const hairLength = hair.length ? ` (${hair.length} length)` : '';
  const eyeShape = eyes.shape ? `${eyes.shape} ` : '';
  const secondary = outfit.secondary ? ` with ${outfit.secondary}` : '';
  const colors = outfit.colors ? ` in ${outfit.colors.join(' and ')}` : '';
  const accessories = [...(outfit.accessories ?? []), ...(features.accessories ?? [])];
  const parts = [
    `${ART_STYLE_WORDS[artStyle]} character with ${hair.style} ${hair.color} hair${hairLength}`,
    `${eyeShape}${eyes.color} eyes`,
    ...(features.skinTone ? [`${features.skinTone} skin`] : []),
    `wearing ${outfit.primary}${secondary}${colors}`,
    ...(accessories.length > 0 ? [`accessories: ${accessories.join(', ')}`] : []),
    `${features.bodyType} build`,
  ];
  return `${parts.join(', ')}. Keep the face, hair, colours and outfit identical in every expression.`;
}
