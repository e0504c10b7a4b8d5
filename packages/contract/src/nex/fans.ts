/**
 * Fans (docs/products/nex.md, Fans): an account becomes a fan of a creator; lists of fans and of
 * the creators one follows are public, like the counts.
 */
import Type from 'typebox';
import { defineOperation } from '../operation.ts';
import { Id, named, Page, PageQuery, Timestamp } from '../schema.ts';
import { Username, UsernameParams } from './creators.ts';

const fanExample = {
  id: '4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8',
  fanUsername: 'hana_listens',
  creatorUsername: 'yuki_draws',
  createdAt: '2026-11-30T09:00:00.000Z',
};

export const Fan = named(
  'NexFan',
  Type.Object({
    id: Id('The id of the fan relation.'),
    fanUsername: Type.Union([Username, Type.Null()], {
      description: 'The fan, when the fan is a creator too; null for a fan without a creator profile.',
    }),
    creatorUsername: Username,
    createdAt: Timestamp,
  }),
  { description: 'An account being a fan of a creator.', example: fanExample },
);

export const FanList = Page('NexFanList', Fan, fanExample);

export const put = defineOperation({
  operationId: 'nex.creators.fan',
  method: 'PUT',
  path: '/v1/nex/creators/{username}/fan',
  tag: 'nex',
  summary: 'Become a fan of a creator',
  description: 'Idempotent: becoming a fan again returns the same relation. Yourself is 409.',
  auth: { scope: 'nex:write' },
  params: UsernameParams,
  audited: true,
  success: { status: 200, description: 'The fan relation.', schema: Fan },
  errors: [409],
});

export const remove = defineOperation({
  operationId: 'nex.creators.unfan',
  method: 'DELETE',
  path: '/v1/nex/creators/{username}/fan',
  tag: 'nex',
  summary: 'Stop being a fan of a creator',
  description:
    'Idempotent: 204 whether or not the caller was a fan; 404 only when no creator has that username.',
  auth: { scope: 'nex:write' },
  params: UsernameParams,
  audited: true,
  success: { status: 204, description: 'The caller is not a fan of the creator.' },
});

export const listFans = defineOperation({
  operationId: 'nex.fans.list',
  method: 'GET',
  path: '/v1/nex/creators/{username}/fans',
  tag: 'nex',
  summary: "List a creator's fans, newest first",
  description: 'Anyone may call this.',
  auth: { scope: 'nex:read', optional: true },
  params: UsernameParams,
  query: PageQuery(),
  success: { status: 200, description: 'A page of fans.', schema: FanList },
});

export const listFollowing = defineOperation({
  operationId: 'nex.following.list',
  method: 'GET',
  path: '/v1/nex/creators/{username}/following',
  tag: 'nex',
  summary: 'List the creators a creator is a fan of, newest first',
  description: 'Anyone may call this.',
  auth: { scope: 'nex:read', optional: true },
  params: UsernameParams,
  query: PageQuery(),
  success: { status: 200, description: 'A page of fan relations.', schema: FanList },
});
