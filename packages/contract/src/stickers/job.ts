/**
 * The `stickers.render` job: draws one sticker from its request in normal form; its result
 * names the sticker image and the file holding its bytes.
 */
import Type, { type TBoolean } from 'typebox';
import { defineJob } from '../job.ts';
import { named } from '../schema.ts';
import {
  STICKER_ATTRIBUTES,
  STICKER_EFFECTS,
  STICKER_FORMATS,
  STICKER_FRAMES,
  STICKER_PATTERNS,
  STICKER_RARITIES,
  type StickerEffect,
} from './options.ts';

export const STICKERS_RENDER_JOB = 'stickers.render' as const;

export const stickersRenderResultExample = {
  imageId: '8d7c6b5a-4f3e-4d2c-9b1a-0f9e8d7c6b5a',
  fileId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  imageUrl: '/v1/files/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
};

export const StickersRenderResult = named(
  'StickersRenderResult',
  Type.Object(
    {
      imageId: Type.String({
        format: 'uuid',
        description: 'The sticker image drawn: `GET /v1/stickers/images/{imageId}`.',
      }),
      fileId: Type.String({ format: 'uuid', description: "The image's bytes: `GET /v1/files/{fileId}`." }),
      imageUrl: Type.String({ description: 'Where to download the image, relative to the API.' }),
    },
    { additionalProperties: false },
  ),
  {
    description: 'The result of a succeeded `stickers.render` job.',
    example: stickersRenderResultExample,
  },
);

/**
 * A sticker request in normal form (lettering NFC with single spaces, lower-case colour, every
 * effect and style named): what the job draws and the prompt cache's key hashes.
 */
export const StickerSpec = Type.Object({
  title: Type.String({ minLength: 1 }),
  characterName: Type.String({ minLength: 1 }),
  attribute: Type.Enum([...STICKER_ATTRIBUTES]),
  rarity: Type.Enum([...STICKER_RARITIES]),
  backgroundColor: Type.String({ pattern: '^#[0-9a-f]{6}$' }),
  effects: Type.Object(
    Object.fromEntries(STICKER_EFFECTS.map((effect) => [effect, Type.Boolean()])) as {
      [Effect in StickerEffect]: TBoolean;
    },
  ),
  style: Type.Object({ frame: Type.Enum([...STICKER_FRAMES]), pattern: Type.Enum([...STICKER_PATTERNS]) }),
  sourceImageFileId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  format: Type.Enum([...STICKER_FORMATS]),
});

export const renderJob = defineJob({
  type: STICKERS_RENDER_JOB,
  payload: Type.Object({
    spec: StickerSpec,
    /** SHA-256 of the spec and the generator's name, hex: the prompt cache's key. */
    promptHash: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    /** The UTC day the quota was spent on: the usage_stats row the outcome is counted on. */
    day: Type.String({ format: 'date' }),
    /** The prompt's size in tokens, added to the day's `total_tokens` once the image is rendered. */
    promptTokens: Type.Integer({ minimum: 0 }),
    /** How long the rendered image answers the same request from the cache. */
    cacheTtlDays: Type.Integer({ minimum: 0 }),
  }),
  result: StickersRenderResult,
  resultExample: stickersRenderResultExample,
});
