/** auth.signup/login/refresh/logout and `Yorozu.login` sessions against the real service. */
import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  ConflictError,
  Session,
  type TokenPair,
  ValidationError,
  Yorozu,
} from '../../src/index';
import { anonymous, baseUrl, PASSWORD, recordingFetch, signUp, uniqueEmail } from './accounts';

describe('auth', () => {
  it('signs up, logs in, rotates the refresh token and logs out', async () => {
    const auth = anonymous().auth;
    const { email, session } = await signUp('auth');
    expect(session.account).toMatchObject({ email, name: 'Ada', role: 'member' });
    expect(session.tokens).toMatchObject({ tokenType: 'Bearer', expiresIn: expect.any(Number) });

    const login = await auth.login({ email, password: PASSWORD });
    expect(login.account.id).toBe(session.account.id);

    const rotated = await auth.refresh({ refreshToken: login.tokens.refreshToken });
    expect(rotated.refreshToken).not.toBe(login.tokens.refreshToken);
    // The new access token works.
    const me = await new Yorozu({ baseUrl, accessToken: rotated.accessToken }).me.get();
    expect(me.id).toBe(session.account.id);

    await expect(auth.logout({ refreshToken: rotated.refreshToken })).resolves.toBeUndefined();
    const afterLogout = await auth.refresh({ refreshToken: rotated.refreshToken }).catch((e: unknown) => e);
    expect(afterLogout).toBeInstanceOf(AuthenticationError);
    expect(afterLogout).toMatchObject({ status: 401, code: 'unauthenticated', retryable: false });
  });

  it('refuses a wrong password, a taken email and a short password with typed errors', async () => {
    const auth = anonymous().auth;
    const { email } = await signUp('auth-errors');

    const wrong = await auth.login({ email, password: 'not the password' }).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(AuthenticationError);
    expect((wrong as AuthenticationError).requestId).toEqual(expect.any(String));

    const taken = await auth.signup({ email, password: PASSWORD }).catch((e: unknown) => e);
    expect(taken).toBeInstanceOf(ConflictError);
    expect(taken).toMatchObject({ status: 409, code: 'conflict', method: 'POST', attempts: 1 });

    const short = await auth
      .signup({ email: uniqueEmail('short'), password: 'short' })
      .catch((e: unknown) => e);
    expect(short).toBeInstanceOf(ValidationError);
    expect((short as ValidationError).errors.map((problem) => problem.path)).toContain('/body/password');
  });
});

describe('Yorozu.login', () => {
  it('signs in, calls the API with the access token, refreshes and logs out', async () => {
    const { email, session: signup } = await signUp('session');
    const issued: TokenPair[] = [];
    const client = await Yorozu.login(
      { email, password: PASSWORD },
      { baseUrl, onTokens: (tokens) => issued.push(tokens) },
    );
    expect(client.session?.account.id).toBe(signup.account.id);
    expect((await client.me.get()).email).toBe(email);

    await client.session?.refresh();
    expect(issued).toHaveLength(2);
    expect(issued[1]?.refreshToken).not.toBe(issued[0]?.refreshToken);
    expect(client.session?.refreshToken).toBe(issued[1]?.refreshToken);
    expect((await client.me.get()).email).toBe(email);

    await client.session?.logout();
    const revoked = await client.session?.refresh().catch((e: unknown) => e);
    expect(revoked).toBeInstanceOf(AuthenticationError);
  });

  it('refreshes once after a 401 and retries the call once', async () => {
    // The server's clock cannot be moved, so the access token is made stale instead: a session
    // resumed with a token the server rejects (garbled), but a live refresh token.
    const { session: signup } = await signUp('stale');
    const { fetch, exchanges } = recordingFetch();
    const options = { baseUrl, fetch };
    const stale = { ...signup.tokens, accessToken: `${signup.tokens.accessToken}garbled` };
    const client = new Yorozu(options, new Session(anonymous(options).auth, { ...signup, tokens: stale }));

    expect((await client.me.get()).id).toBe(signup.account.id);
    expect(exchanges).toEqual(['GET /v1/me 401', 'POST /v1/auth/refresh 200', 'GET /v1/me 200']);
  });

  it('throws the 401 when the refresh fails too, without looping', async () => {
    const { session: signup } = await signUp('revoked');
    await anonymous().auth.logout({ refreshToken: signup.tokens.refreshToken });
    const { fetch, exchanges } = recordingFetch();
    const options = { baseUrl, fetch };
    const stale = { ...signup.tokens, accessToken: `${signup.tokens.accessToken}garbled` };
    const client = new Yorozu(options, new Session(anonymous(options).auth, { ...signup, tokens: stale }));

    const error = await client.me.get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(exchanges).toEqual(['GET /v1/me 401', 'POST /v1/auth/refresh 401']);
  });
});

describe('Yorozu.fromRefreshToken', () => {
  it('resumes a persisted login: rotates the token, reports it, and the old one is spent', async () => {
    const { email } = await signUp('resume');
    let persisted = '';
    await Yorozu.login(
      { email, password: PASSWORD },
      { baseUrl, onTokens: (t) => (persisted = t.refreshToken) },
    );
    const first = persisted;

    const resumed = await Yorozu.fromRefreshToken(first, {
      baseUrl,
      onTokens: (t) => (persisted = t.refreshToken),
    });
    expect(persisted).not.toBe(first);
    expect(resumed.session?.account.email).toBe(email);
    expect((await resumed.me.get()).email).toBe(email);
    expect(JSON.stringify(resumed.session)).not.toContain(persisted);
    await expect(Yorozu.fromRefreshToken('not-a-token', { baseUrl })).rejects.toBeInstanceOf(
      AuthenticationError,
    );
  });
});
