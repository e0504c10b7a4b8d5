/**
 * Miyabi's connected accounts (docs/products/miyabi.md, Connected accounts): the GitHub and LINE
 * identities of a Yorozu account, linked by OAuth 2.0 with PKCE. The GitHub identity's token is
 * what agents use on GitHub; the LINE identity is the user the LINE bot answers for the account.
 */
import Type from 'typebox';
import { defineOperation } from '../operation.ts';
import { Id, named, Page, PageQuery, StringEnum, Timestamp } from '../schema.ts';

export const IDENTITY_PROVIDERS = ['github', 'line'] as const;

const Provider = StringEnum(
  [...IDENTITY_PROVIDERS],
  { description: 'The provider.' },
  {
    github: 'GitHub (OAuth app): the account agents act as on GitHub.',
    line: 'LINE Login: the LINE user the Miyabi bot answers for this account.',
  },
);

const providerParams = Type.Object(
  {
    provider: StringEnum([...IDENTITY_PROVIDERS], {
      description: 'The provider: `github` or `line`.',
      examples: ['github'],
    }),
  },
  { additionalProperties: false },
);

const identityExample = {
  id: '5e2a9c1d-7b3f-4d6e-8a0b-2c4d6e8f0a1b',
  provider: 'github' as const,
  subject: '583231',
  login: 'octocat',
  linkedVia: 'oauth' as const,
  canCallApi: true,
  createdAt: '2026-11-30T09:00:00.000Z',
  updatedAt: '2026-11-30T09:00:00.000Z',
};

export const Identity = named(
  'MiyabiIdentity',
  Type.Object({
    id: Id("The link's id."),
    provider: Provider,
    subject: Type.String({
      maxLength: 255,
      description:
        "The provider's stable user id: GitHub's numeric user id, LINE's user id (`U` + 32 hex digits).",
    }),
    login: Type.Union([Type.String({ maxLength: 255 }), Type.Null()], {
      description:
        "GitHub's login or LINE's display name when the link was made; null when the provider gave none.",
    }),
    linkedVia: StringEnum(
      ['oauth', 'link_code'],
      { description: 'How the link was made.' },
      {
        oauth: 'The OAuth flow of `/v1/miyabi/identities/{provider}/authorizations`.',
        link_code: 'A code from `POST /v1/miyabi/line/link-codes` sent to the LINE bot (LINE only).',
      },
    ),
    canCallApi: Type.Boolean({
      description:
        "Whether Miyabi holds the provider's access token for this identity (GitHub linked by OAuth): agents can then act on GitHub.",
    }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  }),
  { description: 'An identity at a provider, linked to the account.', example: identityExample },
);

export const IdentityList = Page('MiyabiIdentityList', Identity, identityExample);

export const list = defineOperation({
  operationId: 'miyabi.identities.list',
  method: 'GET',
  path: '/v1/miyabi/identities',
  tag: 'miyabi',
  summary: "List the account's connected accounts",
  description: 'At most one identity per provider, newest link first.',
  auth: { scope: 'miyabi:read' },
  query: PageQuery(),
  success: { status: 200, description: 'A page of identities.', schema: IdentityList },
});

export const Authorization = named(
  'MiyabiIdentityAuthorization',
  Type.Object({
    authorizationUrl: Type.String({
      format: 'uri',
      description:
        "Send the user's browser here. It carries `state` and a PKCE S256 `code_challenge`; the provider sends the browser back to the configured redirect URI with `code` and `state`.",
    }),
    state: Type.String({
      description: 'The flow’s state: the provider hands it back with the code; pass both to the callback.',
    }),
    expiresAt: Timestamp,
  }),
  {
    description: 'The start of linking an identity: valid 10 minutes, for this account only.',
    example: {
      authorizationUrl:
        'https://github.com/login/oauth/authorize?client_id=Iv1.8a61f9b3a7aba766&redirect_uri=https%3A%2F%2Fapp.example.com%2Fconnect%2Fgithub&response_type=code&scope=read%3Auser+repo&state=QVZmY2xvdWRz&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256',
      state: 'QVZmY2xvdWRzLWFyZS1ub3QtYS1zdGF0ZS1zdHJpbmc',
      expiresAt: '2026-11-30T09:10:00.000Z',
    },
  },
);

export const startAuthorization = defineOperation({
  operationId: 'miyabi.identities.authorizations.create',
  method: 'POST',
  path: '/v1/miyabi/identities/{provider}/authorizations',
  tag: 'miyabi',
  summary: 'Start linking a GitHub or LINE identity',
  description: [
    "Makes a fresh OAuth 2.0 state and PKCE verifier (RFC 7636, S256) and answers with the provider's authorization URL.",
    'The verifier stays on the server; the flow belongs to this account, lives 10 minutes, and replaces an unfinished',
    'flow of the account with the same provider. When the provider is not configured on this server',
    '(`MIYABI_GITHUB_OAUTH_*`, `MIYABI_LINE_OAUTH_*`), 503 `unavailable`.',
  ].join('\n'),
  auth: { scope: 'miyabi:write' },
  params: providerParams,
  audited: true,
  success: { status: 201, description: 'The authorization URL.', schema: Authorization },
  errors: [503],
});

export const CallbackRequest = named(
  'MiyabiIdentityCallback',
  Type.Object(
    {
      code: Type.String({
        minLength: 1,
        maxLength: 512,
        description: 'The `code` the provider appended to the redirect URI.',
      }),
      state: Type.String({
        minLength: 1,
        maxLength: 256,
        description: 'The `state` the provider appended to the redirect URI.',
      }),
    },
    { additionalProperties: false },
  ),
  {
    description:
      "What the provider sent the user's browser back with: the page at the redirect URI passes it on, with the account's credentials.",
    example: { code: '3584d83530557fdd1f46', state: 'QVZmY2xvdWRzLWFyZS1ub3QtYS1zdGF0ZS1zdHJpbmc' },
  },
);

export const completeAuthorization = defineOperation({
  operationId: 'miyabi.identities.callback',
  method: 'POST',
  path: '/v1/miyabi/identities/{provider}/callback',
  tag: 'miyabi',
  summary: 'Finish linking a GitHub or LINE identity',
  description: [
    "Spends the flow of `state` (once, only this account's, within 10 minutes), exchanges the code at the provider's",
    "token endpoint with the flow's PKCE verifier, and reads who the user is there (GitHub `GET /user`, LINE",
    '`GET /v2/profile`). The identity is then linked to this account, replacing an earlier identity of the account at',
    'that provider and any link of the same identity to another account. A LINE identity linked here is the user the',
    'Miyabi bot answers for this account (the same link a `link <code>` message makes). Any failure is 400',
    '`identity_link_failed`: start again.',
  ].join('\n'),
  auth: { scope: 'miyabi:write' },
  params: providerParams,
  body: CallbackRequest,
  audited: true,
  success: { status: 200, description: 'The linked identity.', schema: Identity },
  errors: [503],
});

export const remove = defineOperation({
  operationId: 'miyabi.identities.delete',
  method: 'DELETE',
  path: '/v1/miyabi/identities/{provider}',
  tag: 'miyabi',
  summary: 'Unlink a GitHub or LINE identity',
  description:
    "Forgets the account's identity at the provider, and the token Miyabi held for it; for LINE, the bot stops answering for the account. 404 when none is linked.",
  auth: { scope: 'miyabi:write' },
  params: providerParams,
  audited: true,
  success: { status: 204, description: 'Unlinked.' },
  errors: [404],
});
