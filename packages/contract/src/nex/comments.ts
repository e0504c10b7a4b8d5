/**
 * Comments (docs/products/nex.md, Comments): threaded by `parentId`, an optional rating on
 * top-level ones, editable for 15 minutes, deleted softly so threads keep their shape, hidden by
 * the artwork's owner.
 */
import Type from 'typebox';
import { defineOperation } from '../operation.ts';
import { Id, IdParams, named, Page, PageQuery, StringEnum, Timestamp } from '../schema.ts';
import { Username } from './creators.ts';

const Content = Type.String({
  minLength: 1,
  maxLength: 2000,
  pattern: '\\S',
  description: 'The text, 1 to 2000 characters, not only spaces.',
});
const Rating = Type.Integer({
  minimum: 1,
  maximum: 5,
  description: 'A rating from 1 to 5 (top-level comments only).',
});

const commentExample = {
  id: '7f8e9d0c-1b2a-4c3d-9e4f-5a6b7c8d9e0f',
  artworkId: '6a1f0c2e-9b8d-4e7f-a6c5-3d2b1a0f9e8d',
  parentId: null,
  authorId: '0b9f6a8e-3c1d-4f7a-9e2b-5d6c7a8b9c0d',
  authorUsername: 'hana_listens',
  content: '色がとても綺麗です！',
  rating: 5,
  state: 'visible' as const,
  isEdited: false,
  replyCount: 1,
  createdAt: '2026-11-30T09:00:00.000Z',
  updatedAt: '2026-11-30T09:00:00.000Z',
};

export const Comment = named(
  'NexComment',
  Type.Object({
    id: Id("The comment's id."),
    artworkId: Id('The artwork commented on.'),
    parentId: Type.Union([Id('The comment replied to.'), Type.Null()], {
      description: 'The parent; null at the top.',
    }),
    authorId: Type.Union([Id('The author.'), Type.Null()], {
      description: "The author's account; null once that account is removed.",
    }),
    authorUsername: Type.Union([Username, Type.Null()], {
      description: "The author's creator username; null when the author has none (or is removed).",
    }),
    content: Type.Union([Content, Type.Null()], {
      description: 'The text; null unless `state` is `visible`.',
    }),
    rating: Type.Union([Rating, Type.Null()], {
      description: 'The rating; null when none (or not visible).',
    }),
    state: StringEnum(['visible', 'deleted', 'hidden'], {
      description:
        "`deleted` by its author or with the author's account, `hidden` by the artwork's owner: such comments stay as placeholders so replies keep their place.",
    }),
    isEdited: Type.Boolean({ description: 'Whether the author edited it.' }),
    replyCount: Type.Integer({ minimum: 0, description: 'Direct replies, placeholders included.' }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  }),
  { description: 'A comment on an artwork.', example: commentExample },
);

export const CommentList = Page('NexCommentList', Comment, commentExample);

export const CreateCommentRequest = named(
  'NexCreateCommentRequest',
  Type.Object(
    {
      content: Content,
      rating: Type.Optional(Rating),
      parentId: Type.Optional(Id('The comment to reply to, on the same artwork.')),
    },
    { additionalProperties: false },
  ),
  { description: 'A new comment or reply.', example: { content: '色がとても綺麗です！', rating: 5 } },
);

export const UpdateCommentRequest = named(
  'NexUpdateCommentRequest',
  Type.Object(
    { content: Type.Optional(Content), rating: Type.Optional(Rating) },
    { additionalProperties: false, minProperties: 1 },
  ),
  { description: 'The new text or rating.', example: { content: '色がとても綺麗です！（追記）' } },
);

const ArtworkParams = IdParams('artwork', commentExample.artworkId);
const CommentParams = IdParams('comment', commentExample.id);

export const list = defineOperation({
  operationId: 'nex.comments.list',
  method: 'GET',
  path: '/v1/nex/artworks/{id}/comments',
  tag: 'nex',
  summary: "List an artwork's comments, newest first",
  description:
    'Anyone who can see the artwork may call this. Without `parentId`, the top-level comments; with it, the replies to that comment.',
  auth: { scope: 'nex:read', optional: true },
  params: ArtworkParams,
  query: PageQuery({
    parentId: Type.Optional(Id('Only the replies to this comment.', commentExample.id)),
  }),
  success: { status: 200, description: 'A page of comments.', schema: CommentList },
});

export const create = defineOperation({
  operationId: 'nex.comments.create',
  method: 'POST',
  path: '/v1/nex/artworks/{id}/comments',
  tag: 'nex',
  summary: 'Comment on an artwork',
  description:
    'Only on a published artwork. A reply (`parentId`) carries no rating (400) and cannot answer a deleted or hidden comment (409). Earns `comment_post` EXP within its daily cap.',
  auth: { scope: 'nex:write' },
  params: ArtworkParams,
  body: CreateCommentRequest,
  idempotent: true,
  audited: true,
  success: { status: 201, description: 'The comment.', schema: Comment },
  errors: [409],
});

export const update = defineOperation({
  operationId: 'nex.comments.update',
  method: 'PATCH',
  path: '/v1/nex/comments/{id}',
  tag: 'nex',
  summary: 'Edit a comment',
  description:
    'Only its author, within 15 minutes of writing it (409 after); a deleted or hidden comment is 409.',
  auth: { scope: 'nex:write' },
  params: CommentParams,
  body: UpdateCommentRequest,
  audited: true,
  success: { status: 200, description: 'The edited comment.', schema: Comment },
  errors: [409],
});

export const remove = defineOperation({
  operationId: 'nex.comments.delete',
  method: 'DELETE',
  path: '/v1/nex/comments/{id}',
  tag: 'nex',
  summary: 'Delete a comment',
  description:
    'Only its author. The comment stays as a `deleted` placeholder so its replies keep their thread.',
  auth: { scope: 'nex:write' },
  params: CommentParams,
  audited: true,
  success: { status: 204, description: 'Deleted.' },
});

export const hide = defineOperation({
  operationId: 'nex.comments.hide',
  method: 'POST',
  path: '/v1/nex/comments/{id}/hide',
  tag: 'nex',
  summary: 'Hide a comment on your artwork',
  description: "Only the artwork's owner; idempotent. The comment shows as a `hidden` placeholder.",
  auth: { scope: 'nex:write' },
  params: CommentParams,
  audited: true,
  success: { status: 200, description: 'The hidden comment.', schema: Comment },
});

export const unhide = defineOperation({
  operationId: 'nex.comments.unhide',
  method: 'POST',
  path: '/v1/nex/comments/{id}/unhide',
  tag: 'nex',
  summary: 'Show a comment you hid',
  description: "Only the artwork's owner; idempotent.",
  auth: { scope: 'nex:write' },
  params: CommentParams,
  audited: true,
  success: { status: 200, description: 'The comment.', schema: Comment },
});
