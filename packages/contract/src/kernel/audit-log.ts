import Type from 'typebox';
import { defineOperation } from '../operation.ts';
import { Id, named, Page, PageQuery, StringEnum, Timestamp, Uuid } from '../schema.ts';

export const AuditChange = named(
  'AuditChange',
  Type.Object({
    before: Type.Unknown({
      description: 'The value before the request; null when the resource did not exist.',
    }),
    after: Type.Unknown({ description: 'The value after the request; null when the request deleted it.' }),
  }),
  {
    description: 'One field a request changed, as the API shows it.',
    example: { before: 'Ada', after: 'Ada Lovelace' },
  },
);

const auditEntryExample = {
  id: '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d',
  actor: { type: 'api_key' as const, id: '7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f' },
  action: 'apiKeys.create',
  resource: 'api-keys',
  resourceId: '7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f',
  requestId: 'req_5f0c6f2b1d6e4a8f',
  ip: '203.0.113.7',
  userAgent: 'yorozu-sdk/1.2.0 node/24.11.0',
  changes: { name: { before: null, after: 'CI deploys' } },
  createdAt: '2026-11-23T09:00:00.000Z',
};

export const AuditEntry = named(
  'AuditEntry',
  Type.Object({
    id: Id("The audit entry's id."),
    actor: Type.Object(
      {
        type: StringEnum(
          ['account', 'api_key'],
          { description: 'How the caller signed the request.' },
          {
            account: 'Signed in with a password or an access token.',
            api_key: 'With an API key.',
          },
        ),
        id: Id('The id of the account or of the API key, as `type` says.'),
      },
      { description: 'Who made the request.' },
    ),
    action: Type.String({ description: 'The operationId that was performed.' }),
    resource: Type.String({ description: 'The kind of resource acted on, e.g. `api-keys`.' }),
    resourceId: Type.Union([Uuid, Type.Null()], {
      description: 'The id of the resource acted on; null when the operation names none.',
    }),
    requestId: Type.String({ description: "The request's id, as in its `X-Request-Id` and the logs." }),
    ip: Type.Union([Type.String(), Type.Null()], {
      description:
        "The client's IP address, when known (behind a proxy, the address it forwarded, if the server trusts it).",
    }),
    userAgent: Type.Union([Type.String({ maxLength: 512 }), Type.Null()], {
      description: "The client's `User-Agent` header (its first 512 characters); null when it sent none.",
    }),
    changes: Type.Union([Type.Record(Type.String(), AuditChange), Type.Null()], {
      description:
        'The fields the request changed, each with its value before and after (null before a create, after a delete). Secrets (passwords, keys, tokens and their hashes) are never included. Null when the operation records no changes.',
    }),
    createdAt: Timestamp,
  }),
  { description: 'One successful mutating request. Append-only.', example: auditEntryExample },
);

export const AuditEntryList = Page('AuditEntryList', AuditEntry, auditEntryExample);

export const list = defineOperation({
  operationId: 'auditLog.list',
  method: 'GET',
  path: '/v1/audit-log',
  tag: 'audit-log',
  summary: "List the account's audit log, newest first",
  description:
    'Every successful request that changed something in the account: who, what, when and from where.',
  auth: { scope: 'audit-log:read' },
  query: PageQuery(),
  success: { status: 200, description: 'A page of entries.', schema: AuditEntryList },
});
