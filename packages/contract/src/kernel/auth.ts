import Type from 'typebox';
import { defineOperation } from '../operation.ts';
import { named, StringEnum } from '../schema.ts';
import { Account, AccountName } from './accounts.ts';

const Email = Type.String({
  format: 'email',
  maxLength: 254,
  description: 'The email the account signs in with.',
});
/** Length is checked here; strength (not a common password, not the email) by the service. */
const NewPassword = Type.String({ minLength: 10, maxLength: 200, description: 'At least 10 characters.' });

export const TokenPair = named(
  'TokenPair',
  Type.Object({
    accessToken: Type.String({
      description: 'JWT for `Authorization: Bearer`, valid for `expiresIn` seconds.',
    }),
    tokenType: Type.Literal('Bearer', {
      description: 'Always `Bearer`: send the access token as `Authorization: Bearer <accessToken>`.',
    }),
    expiresIn: Type.Integer({ description: 'Seconds until the access token expires.' }),
    refreshToken: Type.String({
      description: 'Opaque, single use, valid for 30 days; rotate it with auth.refresh.',
    }),
  }),
  {
    description: 'Credentials issued by signup, login and refresh.',
    example: {
      accessToken: 'eyJhbGciOiJIUzI1NiJ9…',
      tokenType: 'Bearer',
      expiresIn: 900,
      refreshToken: 'yzr_2b1f…',
    },
  },
);

export const Session = named('Session', Type.Object({ account: Account, tokens: TokenPair }), {
  description: 'A new account or login with its credentials.',
  example: {
    account: {
      id: '0b9f6a8e-3c1d-4f7a-9e2b-5d6c7a8b9c0d',
      email: 'ada@example.com',
      name: 'Ada',
      role: 'member',
      createdAt: '2026-11-23T09:00:00.000Z',
    },
    tokens: {
      accessToken: 'eyJhbGciOiJIUzI1NiJ9…',
      tokenType: 'Bearer',
      expiresIn: 900,
      refreshToken: 'yzr_2b1f…',
    },
  },
});

export const SignupRequest = named(
  'SignupRequest',
  Type.Object(
    { email: Email, password: NewPassword, name: Type.Optional(AccountName) },
    { additionalProperties: false },
  ),
  {
    description: 'A new account.',
    example: { email: 'ada@example.com', password: 'correct horse battery', name: 'Ada' },
  },
);

export const LoginRequest = named(
  'LoginRequest',
  Type.Object(
    {
      email: Email,
      password: Type.String({ minLength: 1, maxLength: 200, description: "The account's password." }),
    },
    { additionalProperties: false },
  ),
  {
    description: 'Email and password.',
    example: { email: 'ada@example.com', password: 'correct horse battery' },
  },
);

export const RefreshRequest = named(
  'RefreshRequest',
  Type.Object(
    {
      refreshToken: Type.String({
        minLength: 1,
        maxLength: 200,
        description: 'The refresh token (`yzr_…`).',
      }),
    },
    { additionalProperties: false },
  ),
  {
    description: 'A refresh token from signup, login or a previous refresh.',
    example: { refreshToken: 'yzr_2b1f…' },
  },
);

export const signup = defineOperation({
  operationId: 'auth.signup',
  method: 'POST',
  path: '/v1/auth/signup',
  tag: 'auth',
  summary: 'Create an account and sign in',
  description:
    "Creates the account on every product's free plan and answers with its first tokens. An email already in use is a 409. " +
    'Repeated attempts are rate-limited.',
  auth: 'public',
  body: SignupRequest,
  audited: true,
  success: { status: 201, description: 'The new account with its first tokens.', schema: Session },
  errors: [409],
});

export const login = defineOperation({
  operationId: 'auth.login',
  method: 'POST',
  path: '/v1/auth/login',
  tag: 'auth',
  summary: 'Sign in with email and password',
  description: 'A wrong password and an unknown email give the same 401. Repeated failures are rate-limited.',
  auth: 'public',
  body: LoginRequest,
  audited: true,
  success: { status: 200, description: 'The account with new tokens.', schema: Session },
  errors: [401],
});

export const refresh = defineOperation({
  operationId: 'auth.refresh',
  method: 'POST',
  path: '/v1/auth/refresh',
  tag: 'auth',
  summary: 'Rotate a refresh token',
  description:
    'Returns new tokens and retires the one sent. Sending a retired token again revokes every token of its family.',
  auth: 'public',
  body: RefreshRequest,
  audited: true,
  success: { status: 200, description: 'New tokens.', schema: TokenPair },
  errors: [401],
});

export const logout = defineOperation({
  operationId: 'auth.logout',
  method: 'POST',
  path: '/v1/auth/logout',
  tag: 'auth',
  summary: 'Revoke a refresh token and its family',
  description:
    'Signs out: the refresh token and every token rotated from the same login stop working. Access tokens already issued stay valid until they expire (15 minutes).',
  auth: 'public',
  body: RefreshRequest,
  audited: true,
  success: { status: 204, description: 'Revoked.' },
  errors: [401],
});

/** The sign-in providers the service knows; which of them are on is configuration. */
export const OAUTH_PROVIDERS = ['github', 'google'] as const;

export const OAuthProvider = StringEnum([...OAUTH_PROVIDERS], {
  description: '`github` (OAuth 2.0 and its user API) or `google` (OpenID Connect).',
  examples: ['github'],
});

const ProviderParams = Type.Object({ provider: OAuthProvider }, { additionalProperties: false });

/** What a provider may append to the redirect (RFC 6749 §4.1.2, RFC 9207, and Google's extras). */
const callbackParameter = (description: string, example: string) =>
  Type.Optional(Type.String({ maxLength: 2048, description, examples: [example] }));

const CallbackQuery = Type.Object(
  {
    code: callbackParameter('The authorization code, when the user agreed.', '4/0AeanS0b…'),
    state: callbackParameter(
      'The `state` the start of the sign-in sent, echoed back by the provider.',
      'Xq3vTt0m3Lr0d0Z4aWqY0g',
    ),
    error: callbackParameter(
      'Why the provider refused (RFC 6749 §4.1.2.1), e.g. `access_denied`.',
      'access_denied',
    ),
    error_description: callbackParameter(
      "The provider's explanation of `error`.",
      'The user has denied your application access.',
    ),
    error_uri: callbackParameter('A page about `error`.', 'https://docs.github.com/apps/troubleshooting'),
    iss: callbackParameter(
      "The provider's issuer (RFC 9207), checked when its metadata announces it.",
      'https://accounts.google.com',
    ),
    scope: callbackParameter('The scopes granted (Google sends them).', 'openid email profile'),
    authuser: callbackParameter("Google's index of the signed-in Google account.", '0'),
    prompt: callbackParameter('Which prompt Google showed.', 'consent'),
    hd: callbackParameter("The user's Google Workspace domain.", 'example.com'),
  },
  { additionalProperties: false },
);

export const oauthStart = defineOperation({
  operationId: 'auth.oauth.start',
  method: 'GET',
  path: '/v1/auth/oauth/{provider}/start',
  tag: 'auth',
  summary: 'Start signing in with GitHub or Google',
  description:
    "Open this URL in the user's browser (the SDK's `client.auth.oauth.startUrl({ provider })` builds it). It " +
    "answers `302` to the provider's consent page with a fresh `state`, a PKCE `S256` code challenge and, for " +
    'OpenID Connect, a `nonce`, and sets a sealed cookie (10 minutes) that binds them to this browser. The ' +
    'provider then sends the browser to `/v1/auth/oauth/{provider}/callback`. A provider that is not configured ' +
    'on the server is 404 `oauth_provider_not_configured`.',
  auth: 'public',
  params: ProviderParams,
  success: {
    status: 302,
    description: "To the provider's authorization page.",
    headers: ['Location', 'SetCookie'],
  },
  errors: [404, 503],
});

export const oauthCallback = defineOperation({
  operationId: 'auth.oauth.callback',
  method: 'GET',
  path: '/v1/auth/oauth/{provider}/callback',
  tag: 'auth',
  summary: 'Finish signing in with GitHub or Google',
  description:
    'Where the provider sends the browser back. Checks `state` against the cookie the start set (once: the ' +
    'cookie is cleared), exchanges the code with the PKCE verifier, verifies the ID token (Google: signature, ' +
    'issuer, audience, expiry, nonce) or reads the user API (GitHub: `/user` and `/user/emails`), then signs in: ' +
    'the account linked to this identity; else the account with the same email when the provider has verified ' +
    'it (the identity is linked to it); else a new account without a password. An email the provider has not ' +
    'verified never links or creates an account (403 `oauth_email_unverified`). Answers with the same `Session` ' +
    'as a login. The browser reaches it through the provider, not the SDK.',
  auth: 'public',
  params: ProviderParams,
  query: CallbackQuery,
  audited: true,
  internal: true,
  success: { status: 200, description: 'The account with new tokens.', schema: Session },
  errors: [400, 401, 403, 404, 409, 503],
});
