import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { as, expectProblem, signUp, testApp, uniqueEmail } from '../../../../test/harness.ts';
import { ConfigError, loadConfig } from '../../../config.ts';
import { cookiePair, type FakeUser, startFakeOAuth } from '../../../testing/fake-oauth.ts';

const fake = await startFakeOAuth();
afterAll(() => fake.close());
const { app } = await testApp(fake.env(['github', 'google']));
const unconfigured = (await testApp()).app;

type Provider = 'github' | 'google';

const newUser = (overrides: Partial<FakeUser> = {}): FakeUser => ({
  // GitHub's ids are numbers; Google's `sub` is a numeric string too.
  subject: String(Math.floor(Math.random() * 1e12)),
  email: uniqueEmail(),
  emailVerified: true,
  name: 'Ada Lovelace',
  ...overrides,
});

/** The browser's part: open the start URL, let the provider redirect back, follow it with the cookie. */
async function authorize(provider: Provider, user: FakeUser) {
  const start = await app.inject({ method: 'GET', url: `/v1/auth/oauth/${provider}/start` });
  expect(start.statusCode).toBe(302);
  const cookie = cookiePair(start.headers['set-cookie']);
  fake.nextUser = user;
  const consent = await fetch(String(start.headers.location), { redirect: 'manual' });
  expect(consent.status).toBe(302);
  const back = new URL(String(consent.headers.get('location')));
  return { start, cookie, callback: `${back.pathname}${back.search}`, back };
}

function callback(url: string, cookie: string) {
  return app.inject({ method: 'GET', url, headers: { cookie } });
}

async function signIn(provider: Provider, user: FakeUser) {
  const { cookie, callback: url } = await authorize(provider, user);
  return callback(url, cookie);
}

const identitiesOf = async (accessToken: string) =>
  (await as(app, accessToken, { method: 'GET', url: '/v1/me/identities' })).json().data;

describe('sign-in with GitHub or Google', () => {
  it('starts with a redirect carrying state, an S256 challenge and a nonce, and a sealed HttpOnly cookie', async () => {
    const start = await app.inject({ method: 'GET', url: '/v1/auth/oauth/google/start' });
    expect(start.statusCode).toBe(302);
    const location = new URL(String(start.headers.location));
    expect(location.origin + location.pathname).toBe(`${fake.url}/google/authorize`);
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    for (const name of ['state', 'nonce', 'code_challenge']) {
      expect(location.searchParams.get(name)?.length).toBeGreaterThanOrEqual(43);
    }
    expect(location.searchParams.get('redirect_uri')).toBe(
      'http://127.0.0.1:3000/v1/auth/oauth/google/callback',
    );
    const setCookie = String(start.headers['set-cookie']);
    expect(setCookie).toMatch(
      /^yorozu_oauth=[\w-]+; Max-Age=600; Path=\/v1\/auth\/oauth\/; HttpOnly; SameSite=Lax$/,
    );
    // The cookie is sealed: neither the state nor the verifier can be read from it.
    expect(setCookie).not.toContain(location.searchParams.get('state'));
    expect(start.headers['cache-control']).toBe('no-store');
  });

  it('creates an account on the first Google sign-in, and finds it by the identity on the second', async () => {
    const user = newUser();
    const verifiedBefore = fake.pkceVerified;
    const first = await signIn('google', user);
    expect(first.statusCode).toBe(200);
    const session = first.json();
    expect(session.account).toMatchObject({ email: user.email, name: 'Ada Lovelace', role: 'member' });
    expect(session.tokens.refreshToken).toMatch(/^yzr_/);
    expect(first.headers['cache-control']).toBe('no-store');
    expect(String(first.headers['set-cookie'])).toContain('yorozu_oauth=; Max-Age=0');
    // The fake checked the PKCE verifier against the challenge of the authorization request.
    expect(fake.pkceVerified).toBe(verifiedBefore + 1);
    const me = await as(app, session.tokens.accessToken, { method: 'GET', url: '/v1/me' });
    expect(me.json().id).toBe(session.account.id);

    // A new email at the provider: still the same account, found by the identity.
    const second = await signIn('google', { ...user, email: uniqueEmail() });
    expect(second.statusCode).toBe(200);
    expect(second.json().account.id).toBe(session.account.id);
    const identities = await identitiesOf(session.tokens.accessToken);
    expect(identities).toHaveLength(1);
    expect(identities[0]).toMatchObject({ provider: 'google', subject: user.subject });
    expect(identities[0].lastUsedAt).not.toBeNull();

    // The account has no password: logging in with one never works.
    const login = await app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email: user.email, password: 'any password at all' },
    });
    expectProblem(login, 401, 'unauthenticated');
  });

  it('creates an account from GitHub with the primary verified email of /user/emails', async () => {
    const user = newUser();
    const response = await signIn('github', user);
    expect(response.statusCode).toBe(200);
    const session = response.json();
    expect(session.account.email).toBe(user.email);
    const again = await signIn('github', user);
    expect(again.json().account.id).toBe(session.account.id);
    expect(await identitiesOf(session.tokens.accessToken)).toMatchObject([
      { provider: 'github', subject: user.subject, email: user.email },
    ]);
  });

  it('links the identity to the account with the same email when the provider has verified it', async () => {
    const account = await signUp(app);
    const response = await signIn('google', newUser({ email: account.email.toUpperCase() }));
    expect(response.statusCode).toBe(200);
    expect(response.json().account.id).toBe(account.id);
    expect(await identitiesOf(account.accessToken)).toMatchObject([{ provider: 'google' }]);
  });

  it('never links or creates by an email the provider has not verified', async () => {
    const account = await signUp(app);
    for (const provider of ['google', 'github'] as const) {
      const linking = await signIn(provider, newUser({ email: account.email, emailVerified: false }));
      expect(expectProblem(linking, 403, 'oauth_email_unverified').detail).toContain('not verified');
    }
    expect(await identitiesOf(account.accessToken)).toEqual([]);

    // No account was created for an unverified new address either: it can still sign up.
    const email = uniqueEmail();
    expectProblem(
      await signIn('github', newUser({ email, emailVerified: false })),
      403,
      'oauth_email_unverified',
    );
    expectProblem(await signIn('github', newUser({ email: null })), 403, 'oauth_email_unverified');
    const signup = await app.inject({
      method: 'POST',
      url: '/v1/auth/signup',
      payload: { email, password: 'a perfectly fine passphrase' },
    });
    expect(signup.statusCode).toBe(201);
  });

  it('refuses a forged state, a missing cookie and a cookie of another provider or sign-in', async () => {
    const { cookie, back } = await authorize('google', newUser());
    const forged = new URL(back);
    forged.searchParams.set('state', 'forged-state-of-the-attackers-choosing-000000');
    expectProblem(await callback(`${forged.pathname}${forged.search}`, cookie), 400, 'oauth_state_invalid');
    expectProblem(await callback(`${back.pathname}${back.search}`, ''), 400, 'oauth_state_invalid');
    expectProblem(
      await callback(`${back.pathname}${back.search}`, 'yorozu_oauth=AAAA'),
      400,
      'oauth_state_invalid',
    );

    // Another sign-in's cookie (login CSRF: the attacker's code in the victim's browser).
    const other = await authorize('google', newUser());
    expectProblem(await callback(`${back.pathname}${back.search}`, other.cookie), 400, 'oauth_state_invalid');
    // The GitHub flow's cookie does not open for Google.
    const github = await authorize('github', newUser());
    const crossed = `/v1/auth/oauth/google/callback${github.back.search}`;
    expectProblem(await callback(crossed, github.cookie), 400, 'oauth_state_invalid');
    // Without a state at all.
    expectProblem(
      await callback('/v1/auth/oauth/google/callback?code=abc', cookie),
      400,
      'oauth_state_invalid',
    );
  });

  it('refuses a replayed code: the provider redeems it once', async () => {
    for (const provider of ['google', 'github'] as const) {
      const { cookie, callback: url } = await authorize(provider, newUser());
      expect((await callback(url, cookie)).statusCode).toBe(200);
      const replay = await callback(url, cookie);
      const problem = expectProblem(replay, 401, 'oauth_exchange_failed');
      expect(problem.detail).toMatch(
        provider === 'google' ? /invalid_grant/ : /bad_verification_code|verification/,
      );
    }
  });

  it('refuses the exchange when the PKCE verifier does not match what the provider was given', async () => {
    // The fake stores another challenge for this authorization: the app's verifier no longer matches it.
    fake.tamper = { challenge: 'a-challenge-no-verifier-hashes-to-00000000000' };
    const { cookie, callback: url } = await authorize('google', newUser());
    expectProblem(await callback(url, cookie), 401, 'oauth_exchange_failed');
    // And the fake's own check, spoken to directly: a wrong verifier is invalid_grant.
    fake.nextUser = newUser();
    const start = await app.inject({ method: 'GET', url: '/v1/auth/oauth/google/start' });
    const consent = await fetch(String(start.headers.location), { redirect: 'manual' });
    const code = new URL(String(consent.headers.get('location'))).searchParams.get('code') ?? '';
    const token = await fetch(`${fake.url}/google/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: 'http://127.0.0.1:3000/v1/auth/oauth/google/callback',
        code_verifier: 'not-the-verifier-of-this-flow-0000000000000000',
        client_id: fake.clientId,
        client_secret: fake.clientSecret,
      }),
    });
    expect(token.status).toBe(400);
    expect(await token.json()).toEqual({ error: 'invalid_grant' });
  });

  it('refuses an ID token whose nonce is not the one the sign-in sent', async () => {
    fake.tamper = { nonce: 'a-nonce-from-another-sign-in' };
    const user = newUser();
    const { cookie, callback: url } = await authorize('google', user);
    expectProblem(await callback(url, cookie), 401, 'oauth_exchange_failed');
    // Nothing was created for it.
    const signup = await app.inject({
      method: 'POST',
      url: '/v1/auth/signup',
      payload: { email: user.email, password: 'a perfectly fine passphrase' },
    });
    expect(signup.statusCode).toBe(201);
  });

  it('passes on a denial at the provider as oauth_exchange_failed', async () => {
    const { cookie, back } = await authorize('github', newUser());
    const denied = `/v1/auth/oauth/github/callback?error=access_denied&state=${back.searchParams.get('state')}`;
    const problem = expectProblem(await callback(denied, cookie), 401, 'oauth_exchange_failed');
    expect(problem.detail).toContain('access_denied');
  });

  it('lists and unlinks identities, but never the last way into an account without a password', async () => {
    const email = uniqueEmail();
    const google = await signIn('google', newUser({ email }));
    const session = google.json();
    const [googleIdentity] = await identitiesOf(session.tokens.accessToken);
    const unlink = (token: string, id: string) =>
      as(app, token, { method: 'DELETE', url: `/v1/me/identities/${id}` });
    expectProblem(await unlink(session.tokens.accessToken, googleIdentity.id), 409, 'last_sign_in_method');

    // GitHub with the same verified email links a second identity; then Google can go.
    const github = await signIn('github', newUser({ email }));
    expect(github.json().account.id).toBe(session.account.id);
    const both = await identitiesOf(session.tokens.accessToken);
    expect(both.map((identity: { provider: string }) => identity.provider)).toEqual(['github', 'google']);
    expect((await unlink(session.tokens.accessToken, googleIdentity.id)).statusCode).toBe(204);
    const left = await identitiesOf(session.tokens.accessToken);
    expect(left).toMatchObject([{ provider: 'github' }]);
    expectProblem(await unlink(session.tokens.accessToken, left[0].id), 409, 'last_sign_in_method');
    // The unlinked identity is linked to nothing now: signing in with it links it again by its verified email.
    const relinked = await signIn('google', newUser({ subject: googleIdentity.subject, email }));
    expect(relinked.json().account.id).toBe(session.account.id);

    // Someone else's identity, or none, is 404.
    const stranger = await signUp(app);
    expectProblem(await unlink(stranger.accessToken, left[0].id), 404, 'not_found');
    expectProblem(await unlink(session.tokens.accessToken, randomUUID()), 404, 'not_found');
    expect(await identitiesOf(stranger.accessToken)).toEqual([]);
  });

  it('unlinks the only identity of an account that has a password', async () => {
    const account = await signUp(app);
    await signIn('github', newUser({ email: account.email }));
    const [identity] = await identitiesOf(account.accessToken);
    const response = await as(app, account.accessToken, {
      method: 'DELETE',
      url: `/v1/me/identities/${identity.id}`,
    });
    expect(response.statusCode).toBe(204);
    expect(await identitiesOf(account.accessToken)).toEqual([]);
  });

  it("fills an empty profile avatar with the provider's picture, stored as a file of the account", async () => {
    const requestsBefore = fake.avatarRequests;
    const user = newUser({ avatarUrl: `${fake.url}/avatars/ada.png` });
    const session = (await signIn('google', user)).json();
    const profile = await as(app, session.tokens.accessToken, { method: 'GET', url: '/v1/me/profile' });
    const avatarFileId = profile.json().avatarFileId;
    expect(avatarFileId).toEqual(expect.any(String));
    const file = await as(app, session.tokens.accessToken, {
      method: 'GET',
      url: `/v1/files/${avatarFileId}`,
    });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.rawPayload.equals(fake.avatarPng)).toBe(true);
    expect(fake.avatarRequests).toBe(requestsBefore + 1);
    // The next sign-in finds the identity linked: nothing is downloaded again.
    expect((await signIn('google', user)).statusCode).toBe(200);
    expect(fake.avatarRequests).toBe(requestsBefore + 1);
  });

  it('keeps an avatar the owner set, and skips pictures that are too big or on hosts it does not trust', async () => {
    const account = await signUp(app);
    const upload = await as(app, account.accessToken, {
      method: 'POST',
      url: '/v1/files',
      headers: { 'content-type': 'image/png' },
      payload: fake.avatarPng,
    });
    const own = upload.json().id;
    await as(app, account.accessToken, {
      method: 'PATCH',
      url: '/v1/me/profile',
      payload: { avatarFileId: own },
    });
    const linked = await signIn(
      'github',
      newUser({ email: account.email, avatarUrl: `${fake.url}/avatars/ada.png` }),
    );
    expect(linked.statusCode).toBe(200);
    const profile = await as(app, account.accessToken, { method: 'GET', url: '/v1/me/profile' });
    expect(profile.json().avatarFileId).toBe(own);

    const requestsBefore = fake.avatarRequests;
    for (const avatarUrl of [
      `${fake.url}/avatars/huge.png`,
      'https://attacker.example/avatar.png',
      'http://169.254.169.254/latest/meta-data/',
    ]) {
      const response = await signIn('google', newUser({ avatarUrl }));
      expect(response.statusCode).toBe(200);
      const { accessToken } = response.json().tokens;
      const page = await as(app, accessToken, { method: 'GET', url: '/v1/me/profile' });
      expect(page.json().avatarFileId).toBeNull();
    }
    // Only the trusted (the provider's own) URL was fetched, and refused for its size.
    expect(fake.avatarRequests).toBe(requestsBefore + 1);
  });

  it('refuses a provider configured in part, or at a plain-http address other than loopback', () => {
    const problemsOf = (env: Record<string, string>) => {
      try {
        loadConfig({ NODE_ENV: 'test', ...env });
        return [];
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        return error.problems;
      }
    };
    expect(problemsOf({ OAUTH_GITHUB_CLIENT_ID: 'id' })).toEqual([
      'OAUTH_GITHUB_CLIENT_ID, OAUTH_GITHUB_CLIENT_SECRET, OAUTH_GITHUB_REDIRECT_URI: set all three or none',
    ]);
    const google = fake.env(['google']);
    expect(problemsOf({ ...google, OAUTH_GOOGLE_ISSUER: 'http://accounts.example.com' })).toEqual([
      'http://accounts.example.com: a provider endpoint must be https (or a loopback address)',
    ]);
    expect(problemsOf(google)).toEqual([]);
  });

  it('answers 404 oauth_provider_not_configured when no provider is configured', async () => {
    for (const provider of ['github', 'google']) {
      for (const step of ['start', 'callback?code=x&state=y']) {
        const response = await unconfigured.inject({
          method: 'GET',
          url: `/v1/auth/oauth/${provider}/${step}`,
        });
        expect(expectProblem(response, 404, 'oauth_provider_not_configured').detail).toContain(provider);
      }
    }
    expectProblem(
      await unconfigured.inject({ method: 'GET', url: '/v1/auth/oauth/gitlab/start' }),
      400,
      'validation_failed',
    );
  });
});
