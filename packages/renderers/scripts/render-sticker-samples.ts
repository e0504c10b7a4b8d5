/**
 * Writes one example sticker per rarity to packages/renderers/samples/stickers/<rarity>.svg and .png,
 * so reviewers can see the procedural generator's output without running the API.
 *
 *   cd packages/renderers && npx node scripts/render-sticker-samples.ts
 *
 * PNG text uses the host's fonts: set SAMPLE_FONT_FAMILY / SAMPLE_FONT_FILES
 * (comma-separated paths) to point resvg at a CJK font if titles are Japanese.
 * The sample texts are Latin so the PNGs read correctly on hosts without one.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderSticker, type StickerRarity, type StickerRenderInput } from '../src/stickers/render.ts';
import { renderStickerPng } from '../src/stickers/render-png.ts';

const outputDirectory = join(dirname(fileURLToPath(import.meta.url)), '../samples/stickers');

const samples: Readonly<Record<StickerRarity, StickerRenderInput>> = {
  common: {
    title: 'Forest Guardian',
    characterName: 'Midori',
    attribute: 'wind',
    rarity: 'common',
    backgroundColor: '#f0e6c8',
    effects: {},
    style: { frame: 'simple', pattern: 'dots' },
  },
  rare: {
    title: 'Night Devil',
    characterName: 'Black Zeus',
    attribute: 'dark',
    rarity: 'rare',
    backgroundColor: '#241a3a',
    effects: { glow: true },
    style: { frame: 'classic', pattern: 'dots' },
  },
  super_rare: {
    title: 'Flame Oni',
    characterName: 'Akaoni',
    attribute: 'fire',
    rarity: 'super_rare',
    backgroundColor: '#d84a2c',
    effects: { sparkle: true, glow: true },
    style: { frame: 'classic', pattern: 'stars' },
  },
  secret: {
    title: 'SUPER ZEUS',
    characterName: 'Holy Zeus',
    attribute: 'holy',
    rarity: 'secret',
    backgroundColor: '#3a7bd5',
    effects: { sparkle: true, glow: true, holo: true },
    style: { frame: 'ornate', pattern: 'rays' },
  },
};

const fontFiles = process.env['SAMPLE_FONT_FILES']?.split(',').filter(Boolean) ?? [];
const sansSerifFamily = process.env['SAMPLE_FONT_FAMILY'] ?? 'DejaVu Sans';

mkdirSync(outputDirectory, { recursive: true });
for (const [rarity, input] of Object.entries(samples)) {
  writeFileSync(join(outputDirectory, `${rarity}.svg`), renderSticker(input).bytes);
  writeFileSync(
    join(outputDirectory, `${rarity}.png`),
    renderStickerPng(input, { fontFiles, sansSerifFamily }).bytes,
  );
  console.log(`wrote packages/renderers/samples/stickers/${rarity}.svg and .png`);
}
