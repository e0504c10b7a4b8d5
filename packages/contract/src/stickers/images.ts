/**
 * Sticker images (docs/products/stickers.md): a request is
 * rendered by a job into a stored file, or served at once
 * from the account's prompt cache.
 */
import Type, { type TBoolean, type TOptional } from 'typebox';
import { Job } from '../kernel/jobs.ts';
import { defineOperation } from '../operation.ts';
import { Id, IdParams, named, Page, PageQuery, StringEnum, Timestamp, Uuid } from '../schema.ts';
import {
  DEFAULT_STICKER_STYLE,
  MAX_NAME_CHARACTERS,
  MAX_TITLE_CHARACTERS,
  STICKER_ATTRIBUTES,
  STICKER_EFFECTS,
  STICKER_FORMATS,
  STICKER_FRAMES,
  STICKER_PATTERNS,
  STICKER_RARITIES,
  type StickerEffect,
} from './options.ts';

/** One line of lettering: no control characters, something other than spaces. */
function Lettering(maxLength: number, description: string) {
  return Type.String({
    minLength: 1,
    maxLength,
    pattern: '^(?=.*\\S)[^\\u0000-\\u001F\\u007F]+$',
    description: `${description} Up to ${maxLength} characters, Japanese welcome.`,
  });
}

export const StickerAttribute = StringEnum([...STICKER_ATTRIBUTES], {
  description: 'The elemental camp, drawn as the emblem and the colour of the info bar.',
});
const STICKER_RARITY_MEANINGS = {
  common: 'A plain frame.',
  rare: 'A silver foil frame.',
  super_rare: 'A gold foil frame.',
  secret: 'A holographic prism gradient frame.',
} as const;

export const StickerRarity = StringEnum(
  [...STICKER_RARITIES],
  { description: 'The frame foil.' },
  STICKER_RARITY_MEANINGS,
);
const StickerFrame = StringEnum(
  [...STICKER_FRAMES],
  { description: 'The border drawn around the sticker.' },
  { classic: 'A double border.', ornate: 'A border with corner jewels.', simple: 'One thin border.' },
);
const StickerPattern = StringEnum([...STICKER_PATTERNS], {
  description: 'The background pattern behind the character.',
});
const StickerFormat = StringEnum([...STICKER_FORMATS], {
  description:
    '`svg` (exact, the same bytes for the same request) or `png` (600×840, rasterised with resvg).',
});

const EFFECT_DESCRIPTIONS: Readonly<Record<StickerEffect, string>> = {
  sparkle: 'Four-pointed glints scattered over the card, more on rarer ones.',
  glow: 'A soft halo around the character and the lettering.',
  holo: 'A hologram sheen: a rainbow wash with diagonal shimmer lines.',
};

const effectFlags = Object.fromEntries(
  STICKER_EFFECTS.map((effect) => [effect, Type.Boolean({ description: EFFECT_DESCRIPTIONS[effect] })]),
) as { [Effect in StickerEffect]: TBoolean };
const optionalEffectFlags = Object.fromEntries(
  STICKER_EFFECTS.map((effect) => [effect, Type.Optional(effectFlags[effect])]),
) as { [Effect in StickerEffect]: TOptional<TBoolean> };

export const StickerEffects = named('StickerEffects', Type.Object(effectFlags), {
  description: 'Which effects the sticker has.',
  example: { sparkle: true, glow: true, holo: false },
});

export const StickerStyle = named(
  'StickerStyle',
  Type.Object({ frame: StickerFrame, pattern: StickerPattern }),
  {
    description: 'The frame and background pattern of the sticker.',
    example: { frame: 'ornate', pattern: 'rays' },
  },
);

const stickerRequestExample = {
  title: 'スーパーゼウス',
  characterName: 'ヘッドロココ',
  attribute: 'holy' as const,
  rarity: 'secret' as const,
  backgroundColor: '#3A7BD5',
  effects: { sparkle: true, glow: true, holo: true },
  style: { frame: 'ornate' as const, pattern: 'rays' as const },
};

export const StickerRequest = named(
  'StickerRequest',
  Type.Object(
    {
      title: Lettering(MAX_TITLE_CHARACTERS, 'The title on the banner at the top.'),
      characterName: Lettering(MAX_NAME_CHARACTERS, 'The name on the plate under the character.'),
      attribute: StickerAttribute,
      rarity: StickerRarity,
      backgroundColor: Type.String({
        pattern: '^#[0-9A-Fa-f]{6}$',
        description: 'The background colour, `#RRGGBB`.',
      }),
      effects: Type.Optional(
        Type.Object(optionalEffectFlags, {
          additionalProperties: false,
          description: 'Effects to switch on; absent ones are off.',
        }),
      ),
      style: Type.Optional(
        Type.Object(
          { frame: Type.Optional(StickerFrame), pattern: Type.Optional(StickerPattern) },
          {
            additionalProperties: false,
            description: `Defaults: \`${DEFAULT_STICKER_STYLE.frame}\` frame, \`${DEFAULT_STICKER_STYLE.pattern}\` pattern.`,
          },
        ),
      ),
      sourceImageFileId: Type.Optional(
        Type.String({
          format: 'uuid',
          description:
            'A PNG, JPEG or WebP uploaded with `POST /v1/files`, drawn in the portrait window instead of a generated character. ' +
            'An id that is not a file of the account, or names an SVG, is 400 `validation_failed` (a field of the body, not the resource of the URL).',
        }),
      ),
      format: Type.Optional(StickerFormat),
    },
    { additionalProperties: false },
  ),
  {
    description:
      'What to draw. Requests that differ only in letter case of the colour, spacing inside the lettering, ' +
      'key order or effects set to false are the same request, and share one cache entry.',
    example: stickerRequestExample,
  },
);

const stickerImageExample = {
  id: '8d7c6b5a-4f3e-4d2c-9b1a-0f9e8d7c6b5a',
  jobId: '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f',
  fileId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  imageUrl: '/v1/files/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  contentType: 'image/svg+xml' as const,
  width: 600,
  height: 840,
  ...stickerRequestExample,
  backgroundColor: '#3a7bd5',
  sourceImageFileId: null,
  prompt:
    'Bikkuriman-style collectible sticker, secret rarity, holy attribute: title "スーパーゼウス", character "ヘッドロココ", background #3a7bd5, ornate frame, rays pattern, effects: sparkle, glow, holo',
  generator: 'procedural-svg/sticker',
  createdAt: '2026-11-23T09:00:01.000Z',
};

export const StickerImage = named(
  'StickerImage',
  Type.Object({
    id: Id("The sticker image's id."),
    jobId: Type.Union([Uuid, Type.Null()], {
      description:
        'The job (task) that rendered it; null once the job is deleted: finished jobs are deleted 7 days after they were created.',
    }),
    fileId: Type.String({ format: 'uuid', description: 'The image file: `GET /v1/files/{fileId}`.' }),
    imageUrl: Type.String({ description: 'Where to download the image, relative to the API.' }),
    contentType: StringEnum(['image/svg+xml', 'image/png'], {
      description: "The image's media type, as the request's `format` asked.",
    }),
    width: Type.Integer({ minimum: 1, description: 'Width in pixels.' }),
    height: Type.Integer({ minimum: 1, description: 'Height in pixels.' }),
    title: Type.String({ description: 'The title on the banner at the top.' }),
    characterName: Type.String({ description: 'The name on the plate under the character.' }),
    attribute: StickerAttribute,
    rarity: StickerRarity,
    backgroundColor: Type.String({ description: '`#rrggbb`, lower case.' }),
    effects: StickerEffects,
    style: StickerStyle,
    sourceImageFileId: Type.Union([Uuid, Type.Null()], {
      description: 'The uploaded file drawn in the portrait window; null when a character was generated.',
    }),
    prompt: Type.String({
      description: 'The request as one line of text, what a hosted model would be asked.',
    }),
    generator: Type.String({ description: 'The generator that drew it, e.g. `procedural-svg/sticker`.' }),
    createdAt: Timestamp,
  }),
  {
    description: 'A rendered sticker: what was asked for, and the image once it is drawn.',
    example: stickerImageExample,
  },
);

export const StickerImageCreation = named(
  'StickerImageCreation',
  Type.Object({
    image: Type.Union([StickerImage, Type.Null()], {
      description:
        'The image, at once (201), when the prompt cache holds this request; null while a job draws it.',
    }),
    job: Type.Union([Job, Type.Null()], {
      description:
        'The task drawing the image (202): follow it with `GET /v1/jobs/{id}` or its events; when it succeeds its ' +
        '`result.imageId` names the image. Null on a cache hit.',
    }),
  }),
  {
    description: 'Either the cached image (201) or the job that renders it (202).',
    example: {
      image: null,
      job: {
        id: '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f',
        type: 'stickers.render',
        status: 'queued',
        progress: 0,
        result: null,
        error: null,
        createdAt: '2026-11-23T09:00:00.000Z',
        updatedAt: '2026-11-23T09:00:00.000Z',
        finishedAt: null,
      },
    },
  },
);

export const StickerImageList = Page('StickerImageList', StickerImage, stickerImageExample);

export const create = defineOperation({
  operationId: 'stickers.images.create',
  method: 'POST',
  path: '/v1/stickers/images',
  tag: 'stickers',
  summary: 'Render a sticker',
  description:
    'Spends one image of the daily quota (free 10, pro 200; resets at 00:00 UTC) and answers 202 with the job ' +
    'that draws it. When the account drew the same request within the cache lifetime (7 days by default), ' +
    'answers 201 with that image at once: no job, no quota.',
  auth: { scope: 'stickers:write' },
  body: StickerRequest,
  idempotent: true,
  audited: true,
  success: { status: 202, description: 'Queued: `job` draws the image.', schema: StickerImageCreation },
  alternativeSuccess: { status: 201, description: 'Served from the prompt cache: `image` is ready.' },
  metered: { product: 'stickers', metric: 'images' },
});

export const list = defineOperation({
  operationId: 'stickers.images.list',
  method: 'GET',
  path: '/v1/stickers/images',
  tag: 'stickers',
  summary: 'List rendered stickers, newest first',
  description: "The account's sticker history, filtered by rarity, attribute and creation time.",
  auth: { scope: 'stickers:read' },
  query: PageQuery({
    rarity: Type.Optional(
      StringEnum(
        [...STICKER_RARITIES],
        { description: 'Only stickers of this rarity.', examples: ['secret'] },
        STICKER_RARITY_MEANINGS,
      ),
    ),
    attribute: Type.Optional(
      StringEnum([...STICKER_ATTRIBUTES], {
        description: 'Only stickers of this attribute.',
        examples: ['holy'],
      }),
    ),
    from: Type.Optional(
      Type.String({
        format: 'date-time',
        description: 'Images created at or after this time.',
        examples: ['2026-11-01T00:00:00Z'],
      }),
    ),
    to: Type.Optional(
      Type.String({
        format: 'date-time',
        description: 'Images created before this time.',
        examples: ['2026-12-01T00:00:00Z'],
      }),
    ),
  }),
  success: { status: 200, description: 'A page of images.', schema: StickerImageList },
});

export const get = defineOperation({
  operationId: 'stickers.images.get',
  method: 'GET',
  path: '/v1/stickers/images/{id}',
  tag: 'stickers',
  summary: 'Get a rendered sticker',
  description: 'What was asked for and where the image is (`imageUrl`, `GET /v1/files/{fileId}`).',
  auth: { scope: 'stickers:read' },
  params: IdParams('sticker image', stickerImageExample.id),
  success: { status: 200, description: 'The image.', schema: StickerImage },
  errors: [404],
});

export const remove = defineOperation({
  operationId: 'stickers.images.delete',
  method: 'DELETE',
  path: '/v1/stickers/images/{id}',
  tag: 'stickers',
  summary: 'Delete a rendered sticker',
  description: 'Deletes the image, its file and its cache entry: the same request renders anew.',
  auth: { scope: 'stickers:write' },
  params: IdParams('sticker image', stickerImageExample.id),
  audited: true,
  success: { status: 204, description: 'Deleted.' },
  errors: [404],
});
