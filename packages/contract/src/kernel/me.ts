import Type from 'typebox';
import { defineOperation } from '../operation.ts';
import { named } from '../schema.ts';
import { Account, AccountName } from './accounts.ts';

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
