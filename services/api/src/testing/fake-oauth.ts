/**
 * A small local stand-in for the sign-in providers, started inside a test on a loopback port:
 *
 * - an OpenID Connect provider under `/google` (discovery document, authorize, token, JWKS with a
 *   key generated here with jose, userinfo), signing ES256 ID tokens;
 * - GitHub under `/github` (authorize, access_token: GitHub answers its errors with HTTP 200 and
 *   an `error` field) and its REST API under `/github-api` (`/user`, `/user/emails`);
 * - LINE Login under `/line` (authorize) and `/line-api` (token, `/v2/profile`), for Miyabi's
 *   connected accounts.
 *
 * Both check what a real provider checks: the client's id and secret, the redirect URI, and the
 * PKCE verifier against the S256 challenge of the authorization request; a code is used once.
 * The test says who signs in next (`nextUser`), and can make the provider misbehave (`tamper`).
 * Avatars are served under `/avatars/`: `ada.png` (a PNG) and `huge.png` (2 MiB), counted.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

export interface FakeUser {
  /** Google's `sub`, GitHub's numeric id as a string, or LINE's user id. */
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string;
  avatarUrl?: string;
}

interface Grant {
  provider: 'google' | 'github' | 'line';
  clientId: string;
  redirectUri: string;
  challenge: string;
  nonce: string | null;
  user: FakeUser;
  used: boolean;
}

export interface FakeOAuth {
  url: string;
  clientId: string;
  clientSecret: string;
  /** The user the next authorization request signs in. */
  nextUser: FakeUser;
  /** Misbehaviour for the next authorization: an ID token with another nonce, or a stored challenge that no verifier matches. */
  tamper: { nonce?: string; challenge?: string };
  /** Token requests whose PKCE verifier matched the authorization's challenge. */
  pkceVerified: number;
  /** Requests for an avatar image. */
  avatarRequests: number;
  /** The PNG served at `${url}/avatars/ada.png`. */
  avatarPng: Buffer;
  /** Environment that points the service's providers at this fake. */
  env(providers: ('github' | 'google')[]): Record<string, string>;
  /** Environment that points Miyabi's connected-account providers at this fake. */
  miyabiEnv(providers: ('github' | 'line')[]): Record<string, string>;
  /** The redirect URI the Miyabi environment registers for a provider (a client's page). */
  miyabiRedirectUri(provider: 'github' | 'line'): string;
  /** The access tokens handed out, newest last, with whom they belong to. */
  issuedTokens: { token: string; user: FakeUser }[];
  /** Issues created through GitHub's REST API (`POST /github-api/repos/{owner}/{repo}/issues`), oldest first. */
  createdIssues: { repository: string; token: string; title: string; body: string }[];
  /** Statuses the next issue creations answer instead of creating (a 500, a 422), first first. */
  issueStatuses: number[];
  /** How long every request is held before it is answered: a slow provider (0, the default, for none). */
  holdMs: number;
  /** Requests being held right now. */
  held: number;
  close(): Promise<void>;
}

const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function json(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

export async function startFakeOAuth(): Promise<FakeOAuth> {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'fake-key-1', alg: 'ES256', use: 'sig' };
  const grants = new Map<string, Grant>();
  const accessTokens = new Map<string, FakeUser>();

  const fake: FakeOAuth = {
    url: '',
    clientId: 'fake-client-id',
    clientSecret: 'fake-client-secret',
    nextUser: { subject: '1', email: 'someone@example.com', emailVerified: true, name: 'Someone' },
    tamper: {},
    pkceVerified: 0,
    avatarRequests: 0,
    // A 1×1 PNG.
    avatarPng: Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    ),
    env(providers) {
      const env: Record<string, string> = {};
      for (const provider of providers) {
        const name = provider.toUpperCase();
        env[`OAUTH_${name}_CLIENT_ID`] = fake.clientId;
        env[`OAUTH_${name}_CLIENT_SECRET`] = fake.clientSecret;
        env[`OAUTH_${name}_REDIRECT_URI`] = `http://127.0.0.1:3000/v1/auth/oauth/${provider}/callback`;
      }
      env.OAUTH_GITHUB_URL = `${fake.url}/github`;
      env.OAUTH_GITHUB_API_URL = `${fake.url}/github-api`;
      env.OAUTH_GOOGLE_ISSUER = `${fake.url}/google`;
      return env;
    },
    miyabiRedirectUri: (provider) => `http://127.0.0.1:5173/connect/${provider}`,
    miyabiEnv(providers) {
      const env: Record<string, string> = {};
      for (const provider of providers) {
        const name = provider.toUpperCase();
        env[`MIYABI_${name}_OAUTH_CLIENT_ID`] = fake.clientId;
        env[`MIYABI_${name}_OAUTH_CLIENT_SECRET`] = fake.clientSecret;
        env[`MIYABI_${name}_OAUTH_REDIRECT_URI`] = fake.miyabiRedirectUri(provider);
      }
      env.MIYABI_GITHUB_OAUTH_URL = `${fake.url}/github`;
      env.MIYABI_GITHUB_API_URL = `${fake.url}/github-api`;
      env.MIYABI_LINE_OAUTH_URL = `${fake.url}/line`;
      env.MIYABI_LINE_OAUTH_API_URL = `${fake.url}/line-api`;
      return env;
    },
    issuedTokens: [],
    createdIssues: [],
    issueStatuses: [],
    holdMs: 0,
    held: 0,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  function authorize(provider: Grant['provider'], url: URL, response: ServerResponse) {
    const redirectUri = url.searchParams.get('redirect_uri') ?? '';
    const challenge = url.searchParams.get('code_challenge');
    if (url.searchParams.get('client_id') !== fake.clientId || !redirectUri)
      return json(response, 400, { error: 'invalid_request' });
    if (!challenge || url.searchParams.get('code_challenge_method') !== 'S256')
      return json(response, 400, { error: 'invalid_request', error_description: 'PKCE S256 required' });
    const code = randomBytes(16).toString('base64url');
    grants.set(code, {
      provider,
      clientId: fake.clientId,
      redirectUri,
      challenge: fake.tamper.challenge ?? challenge,
      nonce: fake.tamper.nonce ?? url.searchParams.get('nonce'),
      user: fake.nextUser,
      used: false,
    });
    fake.tamper = {};
    const back = new URL(redirectUri);
    back.searchParams.set('code', code);
    back.searchParams.set('state', url.searchParams.get('state') ?? '');
    if (provider === 'google') back.searchParams.set('scope', url.searchParams.get('scope') ?? '');
    response.writeHead(302, { location: back.href }).end();
  }

  /** The checks of RFC 6749 §4.1.3 and RFC 7636 §4.6; the grant, or the OAuth error code. */
  function redeem(provider: Grant['provider'], form: URLSearchParams): Grant | string {
    if (form.get('client_id') !== fake.clientId || form.get('client_secret') !== fake.clientSecret)
      return 'invalid_client';
    const grant = grants.get(form.get('code') ?? '');
    if (!grant || grant.provider !== provider || grant.used) return 'invalid_grant';
    grant.used = true;
    if (form.get('redirect_uri') !== grant.redirectUri) return 'invalid_grant';
    if (s256(form.get('code_verifier') ?? '') !== grant.challenge) return 'invalid_grant';
    fake.pkceVerified++;
    return grant;
  }

  async function googleToken(request: IncomingMessage, response: ServerResponse) {
    const grant = redeem('google', await readForm(request));
    if (typeof grant === 'string') return json(response, 400, { error: grant });
    const accessToken = randomBytes(16).toString('base64url');
    accessTokens.set(accessToken, grant.user);
    const idToken = await new SignJWT({
      email: grant.user.email,
      email_verified: grant.user.emailVerified,
      name: grant.user.name,
      ...(grant.user.avatarUrl ? { picture: grant.user.avatarUrl } : {}),
      ...(grant.nonce ? { nonce: grant.nonce } : {}),
    })
      .setProtectedHeader({ alg: 'ES256', kid: jwk.kid })
      .setIssuer(`${fake.url}/google`)
      .setAudience(grant.clientId)
      .setSubject(grant.user.subject)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
    json(response, 200, {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: 300,
      id_token: idToken,
    });
  }

  function issueToken(user: FakeUser): string {
    const accessToken = randomBytes(16).toString('base64url');
    accessTokens.set(accessToken, user);
    fake.issuedTokens.push({ token: accessToken, user });
    return accessToken;
  }

  // LINE Login answers token errors with 400 and an OAuth error (developers.line.biz, LINE Login v2.1 API reference).
  async function lineToken(request: IncomingMessage, response: ServerResponse) {
    const grant = redeem('line', await readForm(request));
    if (typeof grant === 'string') return json(response, 400, { error: grant });
    json(response, 200, {
      access_token: issueToken(grant.user),
      token_type: 'Bearer',
      expires_in: 2592000,
      scope: 'profile',
      refresh_token: randomBytes(16).toString('base64url'),
    });
  }

  async function githubToken(request: IncomingMessage, response: ServerResponse) {
    const grant = redeem('github', await readForm(request));
    // GitHub reports a bad code with 200 and an `error` field (docs.github.com, Troubleshooting OAuth app access token request errors).
    if (typeof grant === 'string')
      return json(response, 200, { error: grant === 'invalid_grant' ? 'bad_verification_code' : grant });
    json(response, 200, {
      access_token: issueToken(grant.user),
      token_type: 'bearer',
      scope: 'read:user,user:email',
    });
  }

  function bearerUser(request: IncomingMessage): FakeUser | undefined {
    const token = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
    return token ? accessTokens.get(token) : undefined;
  }

  // GitHub's "create an issue" (https://docs.github.com/en/rest/issues/issues#create-an-issue): 201
  // with the issue, numbered per repository, for a token this fake issued.
  async function createIssue(request: IncomingMessage, response: ServerResponse, repository: string) {
    const token = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? '';
    if (!accessTokens.has(token)) return json(response, 401, { message: 'Bad credentials' });
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const { title, body } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      title: string;
      body: string;
    };
    const refused = fake.issueStatuses.shift();
    if (refused !== undefined) return json(response, refused, { message: `status ${refused}` });
    fake.createdIssues.push({ repository, token, title, body });
    const number = fake.createdIssues.filter((issue) => issue.repository === repository).length;
    json(response, 201, { number, title, html_url: `https://github.com/${repository}/issues/${number}` });
  }

  const server = createServer(async (request, response) => {
    if (fake.holdMs > 0) {
      fake.held++;
      await new Promise((resolve) => setTimeout(resolve, fake.holdMs));
      fake.held--;
    }
    const url = new URL(request.url ?? '/', fake.url);
    const route = `${request.method} ${url.pathname}`;
    const issues = /^POST \/github-api\/repos\/([\w.-]+\/[\w.-]+)\/issues$/.exec(route);
    if (issues?.[1]) return createIssue(request, response, issues[1]);
    switch (route) {
      case 'GET /google/.well-known/openid-configuration':
        return json(response, 200, {
          issuer: `${fake.url}/google`,
          authorization_endpoint: `${fake.url}/google/authorize`,
          token_endpoint: `${fake.url}/google/token`,
          jwks_uri: `${fake.url}/google/jwks`,
          userinfo_endpoint: `${fake.url}/google/userinfo`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['ES256'],
          code_challenge_methods_supported: ['S256'],
          token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
        });
      case 'GET /google/authorize':
        return authorize('google', url, response);
      case 'POST /google/token':
        return googleToken(request, response);
      case 'GET /google/jwks':
        return json(response, 200, { keys: [jwk] });
      case 'GET /google/userinfo': {
        const user = bearerUser(request);
        if (!user) return json(response, 401, { error: 'invalid_token' });
        return json(response, 200, {
          sub: user.subject,
          email: user.email,
          email_verified: user.emailVerified,
        });
      }
      case 'GET /github/login/oauth/authorize':
        return authorize('github', url, response);
      case 'POST /github/login/oauth/access_token':
        return githubToken(request, response);
      case 'GET /github-api/user': {
        const user = bearerUser(request);
        if (!user) return json(response, 401, { message: 'Bad credentials' });
        return json(response, 200, {
          id: Number(user.subject),
          login: user.name.toLowerCase().replace(/\W/g, ''),
          name: user.name,
          avatar_url: user.avatarUrl ?? null,
        });
      }
      case 'GET /github-api/user/emails': {
        const user = bearerUser(request);
        if (!user) return json(response, 401, { message: 'Bad credentials' });
        const emails = user.email
          ? [{ email: user.email, primary: true, verified: user.emailVerified, visibility: 'private' }]
          : [];
        return json(response, 200, emails);
      }
      case 'GET /line/oauth2/v2.1/authorize':
        return authorize('line', url, response);
      case 'POST /line-api/oauth2/v2.1/token':
        return lineToken(request, response);
      case 'GET /line-api/v2/profile': {
        const user = bearerUser(request);
        if (!user) return json(response, 401, { message: 'invalid token' });
        return json(response, 200, { userId: user.subject, displayName: user.name });
      }
      case 'GET /avatars/ada.png':
        fake.avatarRequests++;
        return response.writeHead(200, { 'content-type': 'image/png' }).end(fake.avatarPng);
      case 'GET /avatars/huge.png':
        fake.avatarRequests++;
        return response
          .writeHead(200, { 'content-type': 'image/png' })
          .end(Buffer.concat([fake.avatarPng, Buffer.alloc(2 * 1024 * 1024)]));
      default:
        return json(response, 404, { error: 'not_found' });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

/** The first `name=value` pair of a Set-Cookie header, as a browser would send it back. */
export function cookiePair(setCookie: string | string[] | undefined): string {
  const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  return (first ?? '').split(';')[0] ?? '';
}
