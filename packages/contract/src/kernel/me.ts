import Type from 'typebox';
import { defineOperation } from '../operation.ts';
import { Id, IdParams, named, Page, PageQuery, Timestamp } from '../schema.ts';
import { Account, AccountName } from './accounts.ts';
import { OAuthProvider } from './auth.ts';

export const UpdateMeRequest = named(
  'UpdateMeRequest',
  Type.Object(
    {
      name: Type.Union([AccountName, Type.Null()], { description: 'The new display name; null clears it.' }),
    },
    { additionalProperties: false },
  ),
  { description: 'The fields of the account its owner may change.', example: { name: 'Ada Lovelace' } },
);

export const get = defineOperation({
  operationId: 'me.get',
  method: 'GET',
  path: '/v1/me',
  tag: 'me',
  summary: 'Get the calling account',
  description: 'The account the credentials belong to: with an API key, the account that created the key.',
  auth: { scope: 'me:read' },
  success: { status: 200, description: 'The account.', schema: Account },
});

export const update = defineOperation({
  operationId: 'me.update',
  method: 'PATCH',
  path: '/v1/me',
  tag: 'me',
  summary: 'Rename the calling account',
  description: 'Changes the display name. Email and role are not changed here.',
  auth: { scope: 'me:write' },
  body: UpdateMeRequest,
  audited: true,
  success: { status: 200, description: 'The updated account.', schema: Account },
});

const identityExample = {
  id: '5e2c7a1b-9d3f-4b8e-a6c0-1f2e3d4c5b6a',
  provider: 'github' as const,
  subject: '583231',
  email: 'ada@example.com',
  createdAt: '2026-11-23T09:00:00.000Z',
  lastUsedAt: '2026-11-30T08:12:00.000Z',
};

export const Identity = named(
  'Identity',
  Type.Object({
    id: Id("The linked identity's id."),
    provider: OAuthProvider,
    subject: Type.String({
      description: "The user's id at the provider (GitHub's numeric user id, Google's `sub`).",
    }),
    email: Type.Union([Type.String(), Type.Null()], {
      description: 'The email the provider gave at the last sign-in; null if it gave none.',
    }),
    createdAt: Timestamp,
    lastUsedAt: Type.Union([Timestamp, Type.Null()], {
      description: 'When the identity last signed in; null if it was linked and never used since.',
    }),
  }),
  {
    description: 'A GitHub or Google account linked to this account: it signs in to it.',
    example: identityExample,
  },
);

export const IdentityList = Page('IdentityList', Identity, identityExample);

export const listIdentities = defineOperation({
  operationId: 'me.identities.list',
  method: 'GET',
  path: '/v1/me/identities',
  tag: 'me',
  summary: 'List linked sign-in identities, newest first',
  description:
    'The GitHub and Google accounts that sign in to this account (linked by signing in with them). No provider token is kept.',
  auth: { scope: 'me:read' },
  query: PageQuery(),
  success: { status: 200, description: 'A page of identities.', schema: IdentityList },
});

export const deleteIdentity = defineOperation({
  operationId: 'me.identities.delete',
  method: 'DELETE',
  path: '/v1/me/identities/{id}',
  tag: 'me',
  summary: 'Unlink a sign-in identity',
  description:
    'The identity no longer signs in to this account. Refused with 409 `last_sign_in_method` when it is the only ' +
    'way in (no password and no other identity).',
  auth: { scope: 'me:write' },
  params: IdParams('identity', identityExample.id),
  audited: true,
  success: { status: 204, description: 'Unlinked.' },
  errors: [404, 409],
});
