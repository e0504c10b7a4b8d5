/**
 * Artworks (docs/products/nex.md, Artworks and Search): drafts are their owner's alone; published
 * artworks are public, found by a Japanese and English search over titles, descriptions and tags.
 */
import Type from 'typebox';
import { defineOperation } from '../operation.ts';
import { Id, IdParams, named, Page, PageQuery, StringEnum, Timestamp } from '../schema.ts';
import { Username } from './creators.ts';

export const ArtworkStatus = StringEnum(['draft', 'published', 'archived'], {
  description:
    '`draft`: only its owner sees it; `published`: anyone does; `archived`: withdrawn, only its owner sees it.',
});

const Title = Type.String({
  minLength: 1,
  maxLength: 255,
  pattern: '^\\S(.*\\S)?$',
  description: 'The title, 1 to 255 characters on one line.',
});
const Description = Type.String({
  maxLength: 5000,
  description: 'What the artwork is, up to 5000 characters.',
});
const CategorySlug = Type.String({
  minLength: 1,
  maxLength: 50,
  pattern: '^[a-z0-9-]+$',
  description: 'A category slug (`GET /v1/nex/categories`).',
  examples: ['landscape'],
});
const Tag = Type.String({
  minLength: 1,
  maxLength: 30,
  pattern: '^\\S(.*\\S)?$',
  description: 'A tag; stored normalised (NFKC, lower case), so `Sunset` and `ｓｕｎｓｅｔ` are one tag.',
});
const Tags = Type.Array(Tag, { maxItems: 10, description: 'Up to 10 tags.' });
const PriceAmount = Type.Integer({
  minimum: 0,
  maximum: 100_000_000,
  description: 'The price in minor units of `currency` (yen for JPY, cents for USD); 0 is free.',
});
const Currency = Type.String({
  pattern: '^[A-Z]{3}$',
  description: 'ISO 4217 currency code.',
  examples: ['JPY'],
});

const artworkExample = {
  id: '6a1f0c2e-9b8d-4e7f-a6c5-3d2b1a0f9e8d',
  creatorUsername: 'yuki_draws',
  title: '夕焼けの海',
  description: '海に沈む夕日を水彩で描きました。',
  category: 'landscape',
  tags: ['夕焼け', 'watercolour'],
  fileId: '9b2e4c71-5a3d-4f68-8e0c-1d7a6b5c4e32',
  previewFileId: '2c4e6a8b-0d1f-4a3b-9c5d-7e9f1a3b5c7d',
  priceAmount: 0,
  currency: 'JPY',
  isFree: true,
  licenseType: 'CC BY 4.0',
  isAdultContent: false,
  status: 'published' as const,
  viewCount: 120,
  likeCount: 8,
  commentCount: 2,
  publishedAt: '2026-11-30T10:00:00.000Z',
  createdAt: '2026-11-30T09:00:00.000Z',
  updatedAt: '2026-11-30T10:00:00.000Z',
};

export const Artwork = named(
  'NexArtwork',
  Type.Object({
    id: Id("The artwork's id."),
    creatorUsername: Username,
    title: Title,
    description: Description,
    category: CategorySlug,
    tags: Type.Array(Type.String({ description: 'A normalised tag.' }), {
      description: 'Its tags, normalised.',
    }),
    fileId: Type.Union([Id('The media file (kernel files).'), Type.Null()], {
      description:
        'The media file; null when it was deleted. Anyone may read it (`GET /v1/files/{id}`) while the artwork is published and free; a paid artwork keeps it private.',
    }),
    previewFileId: Type.Union([Id('The preview (kernel files).'), Type.Null()], {
      description:
        'A PNG preview at most 640 pixels wide, generated from image media (PNG, JPEG, WebP, SVG); null for audio, video, PDF and ZIP media. Anyone may read it while the artwork is published.',
    }),
    priceAmount: PriceAmount,
    currency: Currency,
    isFree: Type.Boolean({ description: 'True exactly when `priceAmount` is 0.' }),
    licenseType: Type.Union([Type.String({ maxLength: 50 }), Type.Null()], {
      description: 'The licence it is offered under, e.g. `CC BY 4.0`; null when unsaid.',
    }),
    isAdultContent: Type.Boolean({ description: 'Whether the artwork is for adults only.' }),
    status: ArtworkStatus,
    viewCount: Type.Integer({
      minimum: 0,
      description: 'Views counted so far (batched: may trail a little).',
    }),
    likeCount: Type.Integer({ minimum: 0, description: 'How many accounts like it.' }),
    commentCount: Type.Integer({ minimum: 0, description: 'Comments that are not deleted.' }),
    publishedAt: Type.Union([Timestamp, Type.Null()], {
      description: 'When it was first published; null for a draft.',
    }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  }),
  { description: "An artwork: public once published, its owner's alone before.", example: artworkExample },
);

export const ArtworkList = Page('NexArtworkList', Artwork, artworkExample);

export const CreateArtworkRequest = named(
  'NexCreateArtworkRequest',
  Type.Object(
    {
      title: Title,
      description: Type.Optional(Description),
      category: CategorySlug,
      tags: Type.Optional(Tags),
      fileId: Id('The media: a file of the caller (`POST /v1/files`).'),
      priceAmount: Type.Optional({ ...PriceAmount, default: 0 }),
      currency: Type.Optional({ ...Currency, default: 'JPY' }),
      isFree: Type.Optional(
        Type.Boolean({
          description: 'May be sent; must then agree with `priceAmount` (true exactly when it is 0).',
        }),
      ),
      licenseType: Type.Optional(
        Type.String({ minLength: 1, maxLength: 50, description: 'The licence, e.g. `CC BY 4.0`.' }),
      ),
      isAdultContent: Type.Optional(
        Type.Boolean({ description: 'Adults only (default false).', default: false }),
      ),
    },
    { additionalProperties: false },
  ),
  {
    description: 'A new artwork; it starts as a draft until published.',
    example: {
      title: '夕焼けの海',
      description: '海に沈む夕日を水彩で描きました。',
      category: 'landscape',
      tags: ['夕焼け', 'watercolour'],
      fileId: '9b2e4c71-5a3d-4f68-8e0c-1d7a6b5c4e32',
      priceAmount: 0,
    },
  },
);

export const UpdateArtworkRequest = named(
  'NexUpdateArtworkRequest',
  Type.Object(
    {
      title: Type.Optional(Title),
      description: Type.Optional(Description),
      category: Type.Optional(CategorySlug),
      tags: Type.Optional(Tags),
      fileId: Type.Optional(Id('The media: a file of the caller.')),
      priceAmount: Type.Optional(PriceAmount),
      currency: Type.Optional(Currency),
      isFree: Type.Optional(Type.Boolean({ description: 'Must agree with the resulting `priceAmount`.' })),
      licenseType: Type.Optional(
        Type.Union([Type.String({ minLength: 1, maxLength: 50 }), Type.Null()], {
          description: 'The licence; null clears it.',
        }),
      ),
      isAdultContent: Type.Optional(Type.Boolean({ description: 'Adults only.' })),
    },
    { additionalProperties: false, minProperties: 1 },
  ),
  {
    description: 'The fields to change; fields left out keep their value.',
    example: { priceAmount: 500, tags: ['夕焼け', '海'] },
  },
);

export const ARTWORK_SORTS = ['newest', 'most_liked', 'most_viewed', 'relevance'] as const;

export const ArtworkListQuery = PageQuery({
  q: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 100,
      description:
        'Search text (Japanese or English) over titles, descriptions and tags: every word must appear, ignoring case, width and katakana/hiragana. Published artworks only.',
      examples: ['夕焼け'],
    }),
  ),
  category: Type.Optional({ ...CategorySlug, description: 'Only this category and its descendants.' }),
  tag: Type.Optional({
    ...Tag,
    description: 'Only artworks with this tag (normalised before matching).',
    examples: ['watercolour'],
  }),
  creator: Type.Optional({ ...Username, description: "Only this creator's artworks." }),
  minPrice: Type.Optional({ ...PriceAmount, description: 'Lowest price, in minor units.', examples: [100] }),
  maxPrice: Type.Optional({
    ...PriceAmount,
    description: 'Highest price, in minor units.',
    examples: [5000],
  }),
  pricing: Type.Optional(
    StringEnum(['free', 'paid'], {
      description: '`free`: free artworks only; `paid`: paid ones only.',
      examples: ['free'],
    }),
  ),
  status: Type.Optional({
    ...ArtworkStatus,
    default: 'published',
    examples: ['draft'],
    description:
      "`published` (default) lists everyone's published artworks; `draft` or `archived` lists only the caller's own.",
  }),
  sort: Type.Optional(
    StringEnum([...ARTWORK_SORTS], {
      description:
        '`newest` (by publication, the default without `q`), `most_liked`, `most_viewed`, or `relevance` (the default with `q`; needs `q`).',
      examples: ['relevance'],
    }),
  ),
});

export const create = defineOperation({
  operationId: 'nex.artworks.create',
  method: 'POST',
  path: '/v1/nex/artworks',
  tag: 'nex',
  summary: 'Create an artwork (a draft)',
  description:
    'The caller must have joined nex (`POST /v1/nex/creators`, else 409). `fileId` must be a file of the caller and `category` a known slug (400 otherwise); `isFree`, when sent, must agree with `priceAmount`.',
  auth: { scope: 'nex:write' },
  body: CreateArtworkRequest,
  idempotent: true,
  audited: true,
  success: { status: 201, description: 'The draft.', schema: Artwork },
  errors: [409],
});

export const list = defineOperation({
  operationId: 'nex.artworks.list',
  method: 'GET',
  path: '/v1/nex/artworks',
  tag: 'nex',
  summary: 'Browse and search artworks',
  description:
    'Anyone may call this. Filters combine with AND. Results come in the order of `sort`, ties broken newest first; `relevance` ranks title matches first, then by trigram similarity of the title to the query (a heuristic, see docs/products/nex.md).',
  auth: { scope: 'nex:read', optional: true },
  query: ArtworkListQuery,
  success: { status: 200, description: 'A page of artworks.', schema: ArtworkList },
});

export const get = defineOperation({
  operationId: 'nex.artworks.get',
  method: 'GET',
  path: '/v1/nex/artworks/{id}',
  tag: 'nex',
  summary: 'Get an artwork',
  description: 'Anyone may read a published artwork; a draft or archived one is 404 to all but its owner.',
  auth: { scope: 'nex:read', optional: true },
  params: IdParams('artwork', artworkExample.id),
  success: { status: 200, description: 'The artwork.', schema: Artwork },
});

export const update = defineOperation({
  operationId: 'nex.artworks.update',
  method: 'PATCH',
  path: '/v1/nex/artworks/{id}',
  tag: 'nex',
  summary: 'Change an artwork',
  description: "Only the owner may; another account's artwork is 404.",
  auth: { scope: 'nex:write' },
  params: IdParams('artwork', artworkExample.id),
  body: UpdateArtworkRequest,
  audited: true,
  success: { status: 200, description: 'The updated artwork.', schema: Artwork },
});

export const remove = defineOperation({
  operationId: 'nex.artworks.delete',
  method: 'DELETE',
  path: '/v1/nex/artworks/{id}',
  tag: 'nex',
  summary: 'Delete an artwork',
  description: 'Deletes it with its tags, likes and comments. Only the owner may.',
  auth: { scope: 'nex:write' },
  params: IdParams('artwork', artworkExample.id),
  audited: true,
  success: { status: 204, description: 'Deleted.' },
});

export const publish = defineOperation({
  operationId: 'nex.artworks.publish',
  method: 'POST',
  path: '/v1/nex/artworks/{id}/publish',
  tag: 'nex',
  summary: 'Publish an artwork',
  description:
    'Makes a draft or archived artwork public. Publishing again changes nothing. The first publication earns `artwork_post` EXP. An artwork without media is 409.',
  auth: { scope: 'nex:write' },
  params: IdParams('artwork', artworkExample.id),
  audited: true,
  success: { status: 200, description: 'The published artwork.', schema: Artwork },
  errors: [409],
});

export const archive = defineOperation({
  operationId: 'nex.artworks.archive',
  method: 'POST',
  path: '/v1/nex/artworks/{id}/archive',
  tag: 'nex',
  summary: 'Archive an artwork',
  description:
    'Withdraws a published artwork from the public (its likes and comments stay). Archiving again changes nothing; a draft cannot be archived (409).',
  auth: { scope: 'nex:write' },
  params: IdParams('artwork', artworkExample.id),
  audited: true,
  success: { status: 200, description: 'The archived artwork.', schema: Artwork },
  errors: [409],
});
