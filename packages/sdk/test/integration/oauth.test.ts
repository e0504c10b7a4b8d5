/**
 * Sign-in with GitHub or Google through the SDK: a server of its own whose providers point at a
 * local fake (the browser's part done with fetch), then `client.me.identities`.
 */
import {
  cookiePair,
  type FakeOAuth,
  startFakeOAuth,
  startTestServer,
  type TestServer,
} from '@yorozu/api/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, Yorozu } from '../../src/index';
import { anonymous, signUp, uniqueEmail } from './accounts';

let fake: FakeOAuth;
let server: TestServer;
beforeAll(async () => {
  fake = await startFakeOAuth();
  server = await startTestServer(fake.env(['github']));
});
afterAll(async () => {
  await server?.stop();
  await fake?.close();
});

describe('auth.oauth and me.identities', () => {
  it('builds the start URL, signs in through the provider and manages the linked identity', async () => {
    const client = new Yorozu({ baseUrl: server.baseUrl, anonymous: true });
    const startUrl = client.auth.oauth.startUrl({ provider: 'github' });
    expect(startUrl).toBe(`${server.baseUrl}/v1/auth/oauth/github/start`);

    // What a browser does: open the URL, consent at the provider, come back with the cookie.
    const start = await fetch(startUrl, { redirect: 'manual' });
    expect(start.status).toBe(302);
    const cookie = cookiePair(start.headers.get('set-cookie') ?? undefined);
    const email = uniqueEmail('oauth');
    fake.nextUser = { subject: '4242', email, emailVerified: true, name: 'Grace' };
    const consent = await fetch(String(start.headers.get('location')), { redirect: 'manual' });
    const back = new URL(String(consent.headers.get('location')));
    const callback = await fetch(`${server.baseUrl}${back.pathname}${back.search}`, { headers: { cookie } });
    expect(callback.status).toBe(200);
    const session = await callback.json();
    expect(session.account.email).toBe(email);

    const signedIn = new Yorozu({ baseUrl: server.baseUrl, accessToken: session.tokens.accessToken });
    const page = await signedIn.me.identities.list();
    expect(page.data).toMatchObject([{ provider: 'github', subject: '4242', email }]);
    // The only way into an account without a password cannot be unlinked.
    const refused = await signedIn.me.identities.delete({ id: page.data[0]!.id }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConflictError);
    expect(refused).toMatchObject({ status: 409, code: 'last_sign_in_method' });
  });

  it('answers 404 for a provider the server does not configure, and lists no identity of a password account', async () => {
    const url = anonymous().auth.oauth.startUrl({ provider: 'google' });
    const response = await fetch(url, { redirect: 'manual' });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 'oauth_provider_not_configured' });
    const { client } = await signUp('identities');
    expect((await client.me.identities.list()).data).toEqual([]);
    const missing = await client.me.identities
      .delete({ id: '00000000-0000-4000-8000-000000000000' })
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NotFoundError);
  });
});
