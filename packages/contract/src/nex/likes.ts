/**
 * Likes (docs/products/nex.md, Likes): one per account and artwork, on published artworks of
 * others; readable by the liker and by the artwork's owner.
 */
import Type from 'typebox';
import { defineOperation } from '../operation.ts';
import { Id, IdParams, named, Page, PageQuery, StringEnum, Timestamp } from '../schema.ts';

const likeExample = {
  id: '2b7e1c4a-6d3f-4e8a-9b0c-5f1e2d3c4b5a',
  accountId: '0b9f6a8e-3c1d-4f7a-9e2b-5d6c7a8b9c0d',
  artworkId: '6a1f0c2e-9b8d-4e7f-a6c5-3d2b1a0f9e8d',
  artworkOwnerId: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
  createdAt: '2026-11-30T09:00:00.000Z',
};

export const Like = named(
  'NexLike',
  Type.Object({
    id: Id("The like's id."),
    accountId: Id('The account that likes the artwork.'),
    artworkId: Id('The liked artwork.'),
    artworkOwnerId: Id("The artwork's owner, who receives the like."),
    createdAt: Timestamp,
  }),
  {
    description: "One account liking an artwork: readable by the liker and the artwork's owner.",
    example: likeExample,
  },
);

export const LikeList = Page('NexLikeList', Like, likeExample);

const ArtworkParams = IdParams('artwork', likeExample.artworkId);

export const put = defineOperation({
  operationId: 'nex.artworks.like',
  method: 'PUT',
  path: '/v1/nex/artworks/{id}/like',
  tag: 'nex',
  summary: 'Like an artwork',
  description:
    "Idempotent: liking again returns the same like. Only published artworks can be liked (a draft is 404 to others); your own artwork is 409. The artwork's owner earns `like_received` EXP within its daily cap.",
  auth: { scope: 'nex:write' },
  params: ArtworkParams,
  audited: true,
  success: { status: 200, description: 'The like.', schema: Like },
  errors: [409],
});

export const remove = defineOperation({
  operationId: 'nex.artworks.unlike',
  method: 'DELETE',
  path: '/v1/nex/artworks/{id}/like',
  tag: 'nex',
  summary: 'Remove a like',
  description: 'Idempotent: 204 whether or not the caller liked the artwork. EXP already earned stays.',
  auth: { scope: 'nex:write' },
  params: ArtworkParams,
  audited: true,
  success: { status: 204, description: 'The caller no longer likes the artwork.' },
});

export const list = defineOperation({
  operationId: 'nex.likes.list',
  method: 'GET',
  path: '/v1/nex/likes',
  tag: 'nex',
  summary: 'List likes given or received by the caller, newest first',
  description:
    "`direction=given` (default): the caller's likes; `direction=received`: likes on the caller's artworks.",
  auth: { scope: 'nex:read' },
  query: PageQuery({
    direction: Type.Optional(
      StringEnum(['given', 'received'], {
        description: 'Which side the caller is on (default `given`).',
        examples: ['received'],
        default: 'given',
      }),
    ),
  }),
  success: { status: 200, description: 'A page of likes.', schema: LikeList },
});
