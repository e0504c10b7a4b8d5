import Type from 'typebox';
import { defineOperation } from '../operation.ts';
import { Id, IdParams, named, Page, PageQuery, StringEnum, Timestamp } from '../schema.ts';
import { SCOPES } from '../scopes.ts';

const ScopeList = Type.Array(StringEnum([...SCOPES]), {
  minItems: 1,
  maxItems: SCOPES.length,
  uniqueItems: true,
  description: 'What the key may do: `<resource>:read` or `<resource>:write`.',
});

const apiKeyExample = {
  id: '7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f',
  name: 'CI deploys',
  prefix: 'yz_3Fq9',
  scopes: ['me:read'] as ('me:read' | 'me:write')[],
  createdAt: '2026-11-23T09:00:00.000Z',
  lastUsedAt: null,
  revokedAt: null,
};

export const ApiKey = named(
  'ApiKey',
  Type.Object({
    id: Id("The API key's id."),
    name: Type.String({ description: 'What the key is for, as its creator named it.' }),
    prefix: Type.String({ description: 'The first characters of the secret, to recognise it.' }),
    scopes: ScopeList,
    createdAt: Timestamp,
    lastUsedAt: Type.Union([Timestamp, Type.Null()], {
      description:
        'When the key last authenticated a request (updated at most once a minute); null if never.',
    }),
    revokedAt: Type.Union([Timestamp, Type.Null()], {
      description: 'When the key was revoked; null while it works.',
    }),
  }),
  { description: 'An API key, without its secret.', example: apiKeyExample },
);

export const CreatedApiKey = named(
  'CreatedApiKey',
  Type.Object({
    ...ApiKey.properties,
    secret: Type.String({ description: 'The key itself (`yz_…`). Shown once: store it now.' }),
  }),
  {
    description: 'A new API key with its secret, shown only in this response.',
    example: { ...apiKeyExample, secret: 'yz_3Fq9…' },
  },
);

export const CreateApiKeyRequest = named(
  'CreateApiKeyRequest',
  Type.Object(
    {
      name: Type.String({
        minLength: 1,
        maxLength: 100,
        description: 'What the key is for, 1 to 100 characters.',
      }),
      scopes: ScopeList,
    },
    { additionalProperties: false },
  ),
  {
    description: 'A name and the scopes of a new key.',
    example: { name: 'CI deploys', scopes: ['me:read'] },
  },
);

export const ApiKeyList = Page('ApiKeyList', ApiKey, apiKeyExample);

export const create = defineOperation({
  operationId: 'apiKeys.create',
  method: 'POST',
  path: '/v1/api-keys',
  tag: 'api-keys',
  summary: 'Create an API key',
  description: 'An API key can only grant scopes it has itself.',
  auth: { scope: 'api-keys:write' },
  body: CreateApiKeyRequest,
  idempotent: true,
  audited: true,
  success: { status: 201, description: 'The key, with its secret shown once.', schema: CreatedApiKey },
  errors: [403],
});

export const list = defineOperation({
  operationId: 'apiKeys.list',
  method: 'GET',
  path: '/v1/api-keys',
  tag: 'api-keys',
  summary: 'List API keys, newest first',
  description: "The account's keys, revoked ones included, without their secrets.",
  auth: { scope: 'api-keys:read' },
  query: PageQuery(),
  success: { status: 200, description: 'A page of keys.', schema: ApiKeyList },
});

export const revoke = defineOperation({
  operationId: 'apiKeys.delete',
  method: 'DELETE',
  path: '/v1/api-keys/{id}',
  tag: 'api-keys',
  summary: 'Revoke an API key',
  description: 'The key fails from the very next request on.',
  auth: { scope: 'api-keys:write' },
  params: IdParams('API key', apiKeyExample.id),
  audited: true,
  success: { status: 204, description: 'Revoked.' },
  errors: [404],
});
