/**
 * Views, popularity and creator statistics (docs/products/nex.md, Views): a view is buffered and
 * counted in batches, so `viewCount` may trail by up to a minute.
 */
import Type from 'typebox';
import { defineOperation } from '../operation.ts';
import { IdParams, named, PageQuery } from '../schema.ts';
import { ArtworkList } from './artworks.ts';
import { Username, UsernameParams } from './creators.ts';

export const record = defineOperation({
  operationId: 'nex.artworks.view',
  method: 'POST',
  path: '/v1/nex/artworks/{id}/views',
  tag: 'nex',
  summary: 'Record a view of an artwork',
  description:
    'Anyone may call this. The view is buffered and added to `viewCount` by a task that runs every minute. Only published artworks (404 otherwise).',
  auth: { scope: 'nex:read', optional: true },
  params: IdParams('artwork', '6a1f0c2e-9b8d-4e7f-a6c5-3d2b1a0f9e8d'),
  audited: true,
  success: { status: 202, description: 'Recorded; counted within a minute.' },
});

export const popular = defineOperation({
  operationId: 'nex.artworks.popular',
  method: 'GET',
  path: '/v1/nex/artworks/popular',
  tag: 'nex',
  summary: 'Popular artworks',
  description:
    "Published artworks by popularity, the original design's weighting: 0.4 × likes + 0.3 × views + 0.3 × comments, ties newest first.",
  auth: { scope: 'nex:read', optional: true },
  query: PageQuery({
    category: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 50,
        pattern: '^[a-z0-9-]+$',
        description: 'Only this category and its descendants.',
        examples: ['illustration'],
      }),
    ),
  }),
  success: { status: 200, description: 'A page of artworks.', schema: ArtworkList },
});

const statsExample = {
  username: 'yuki_draws',
  totalExp: 420,
  level: 3,
  artworkCount: 12,
  fanCount: 30,
  totalLikesReceived: 86,
  totalViews: 1520,
};

export const CreatorStats = named(
  'NexCreatorStats',
  Type.Object({
    username: Username,
    totalExp: Type.Integer({ minimum: 0, description: 'EXP earned so far.' }),
    level: Type.Integer({ minimum: 1, description: 'The level reached.' }),
    artworkCount: Type.Integer({ minimum: 0, description: 'Published artworks.' }),
    fanCount: Type.Integer({ minimum: 0, description: 'Fans.' }),
    totalLikesReceived: Type.Integer({ minimum: 0, description: "Likes on the creator's artworks." }),
    totalViews: Type.Integer({ minimum: 0, description: 'Views of the published artworks (batched).' }),
  }),
  { description: "A creator's statistics (the original design's `user_stats`).", example: statsExample },
);

export const stats = defineOperation({
  operationId: 'nex.creators.stats',
  method: 'GET',
  path: '/v1/nex/creators/{username}/stats',
  tag: 'nex',
  summary: "A creator's statistics",
  description: 'Anyone may call this.',
  auth: { scope: 'nex:read', optional: true },
  params: UsernameParams,
  success: { status: 200, description: 'The statistics.', schema: CreatorStats },
});
