/**
 * Plugin reviews (docs/products/miyabi.md, Reviews): one per account and plugin, written only by a
 * subscriber; public like the catalogue; the plugin's `rating` is their mean.
 */
import Type from 'typebox';
import { defineOperation } from '../operation.ts';
import { Id, named, Page, PageQuery, Timestamp } from '../schema.ts';
import { PluginId, PluginParams } from './market-plugins.ts';

const reviewExample = {
  id: '4d7c2a91-3b6e-4f08-9a1d-2c5e8b7f6a30',
  accountId: '0b9f6a8e-3c1d-4f7a-9e2b-5d6c7a8b9c0d',
  pluginId: 'miyabi-codegen',
  rating: 5,
  body: 'Opened clean pull requests for most of our backlog.',
  createdAt: '2026-11-30T09:00:00.000Z',
  updatedAt: '2026-11-30T09:00:00.000Z',
};

const Rating = Type.Integer({ minimum: 1, maximum: 5, description: 'From 1 (poor) to 5 (excellent).' });
const Body = Type.String({
  maxLength: 5000,
  description: 'What the reviewer has to say, up to 5000 characters.',
});

export const Review = named(
  'MiyabiReview',
  Type.Object({
    id: Id("The review's id."),
    accountId: Id('The reviewing account.'),
    pluginId: PluginId,
    rating: Rating,
    body: Body,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  }),
  { description: "An account's review of a plugin it subscribes to: public.", example: reviewExample },
);

export const ReviewList = Page('MiyabiReviewList', Review, reviewExample);

export const ReviewRequest = named(
  'MiyabiReviewRequest',
  Type.Object({ rating: Rating, body: Type.Optional(Body) }, { additionalProperties: false }),
  {
    description: 'The rating and text of a review.',
    example: { rating: 5, body: 'Opened clean pull requests for most of our backlog.' },
  },
);

export const put = defineOperation({
  operationId: 'miyabi.reviews.put',
  method: 'PUT',
  path: '/v1/miyabi/plugins/{id}/review',
  tag: 'miyabi',
  summary: 'Review a plugin',
  description:
    "Writes the caller's review of the plugin, or replaces it: one per account and plugin. Only an account subscribed to the plugin (any status) may review it (403 otherwise). The plugin's `rating` follows at once.",
  auth: { scope: 'miyabi:write' },
  params: PluginParams,
  body: ReviewRequest,
  audited: true,
  success: { status: 200, description: 'The review.', schema: Review },
  errors: [403, 404],
});

export const remove = defineOperation({
  operationId: 'miyabi.reviews.delete',
  method: 'DELETE',
  path: '/v1/miyabi/plugins/{id}/review',
  tag: 'miyabi',
  summary: 'Remove your review of a plugin',
  description:
    "Idempotent: 204 whether or not the caller had reviewed it (404 only for an unknown plugin); the plugin's rating follows.",
  auth: { scope: 'miyabi:write' },
  params: PluginParams,
  audited: true,
  success: { status: 204, description: 'The caller has no review of the plugin.' },
  errors: [404],
});

export const list = defineOperation({
  operationId: 'miyabi.reviews.list',
  method: 'GET',
  path: '/v1/miyabi/plugins/{id}/reviews',
  tag: 'miyabi',
  summary: "List a plugin's reviews, newest first",
  description: 'Public: no credentials needed.',
  auth: 'optional',
  params: PluginParams,
  query: PageQuery(),
  success: { status: 200, description: 'A page of reviews.', schema: ReviewList },
  errors: [404],
});
