/**
 * Writes the sample character ("ゆあちゃん": long pink hair, blue round
 * eyes, white dress with ribbon, earrings) in each basic expression to
 * packages/renderers/samples/studio/sample-<expression>.svg.
 *
 *   cd packages/renderers && npx node scripts/render-character-samples.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHARACTER_EXPRESSIONS, type CharacterFeatures, renderCharacter } from '../src/studio/render.ts';

const outputDirectory = join(dirname(fileURLToPath(import.meta.url)), '../samples/studio');

// The sample character's features (docs/products/studio.md).
const features: CharacterFeatures = {
  hair: { color: 'pink', style: 'long', length: 'waist' },
  eyes: { color: 'blue', shape: 'round' },
  outfit: { primary: 'white dress', secondary: 'ribbon', accessories: ['earrings'] },
  bodyType: 'slender',
};

mkdirSync(outputDirectory, { recursive: true });
for (const expression of CHARACTER_EXPRESSIONS.filter((name) => name !== 'custom')) {
  const image = renderCharacter({
    name: 'ゆあちゃん',
    features,
    expression,
    resolution: '1K',
    aspectRatio: '1:1',
  });
  writeFileSync(join(outputDirectory, `sample-${expression}.svg`), image.bytes);
  console.log(
    `wrote packages/renderers/samples/studio/sample-${expression}.svg (${image.width}x${image.height})`,
  );
}
