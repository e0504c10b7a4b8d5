import { SignJWT } from 'jose';
import { sql } from 'slonik';
import { describe, expect, it } from 'vitest';
import { as, bearer, expectProblem, signUp, testApp, uniqueEmail } from '../../../test/harness.ts';
import { superuserPool } from '../../../test/superuser.ts';
import { hashPassword } from '../../kernel/auth/index.ts';

const { app, clock, databaseUrl } = await testApp();
const superuser = await superuserPool(databaseUrl);

describe('auth', () => {
  it('signs up, then logs in with the same credentials', async () => {
    const account = await signUp(app);
    const me = await as(app, account.accessToken, { method: 'GET', url: '/v1/me' });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ id: account.id, email: account.email, name: null, role: 'member' });

    const login = await app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email: account.email.toUpperCase(), password: account.password },
    });
    expect(login.statusCode).toBe(200);
    expect(login.json().account.id).toBe(account.id);
    expect(login.json().tokens).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
  });

  it('refuses a duplicate email with 409 and a weak or short password with 400', async () => {
    const account = await signUp(app);
    const duplicate = await app.inject({
      method: 'POST',
      url: '/v1/auth/signup',
      payload: { email: account.email, password: 'another fine passphrase' },
    });
    expectProblem(duplicate, 409, 'conflict');

    const short = await app.inject({
      method: 'POST',
      url: '/v1/auth/signup',
      payload: { email: uniqueEmail(), password: 'short' },
    });
    expect(expectProblem(short, 400, 'validation_failed').errors).toEqual([
      { path: '/body/password', message: 'must NOT have fewer than 10 characters' },
    ]);
    const trivial = await app.inject({
      method: 'POST',
      url: '/v1/auth/signup',
      payload: { email: uniqueEmail(), password: 'aaaaaaaaaaaa' },
    });
    expect(expectProblem(trivial, 400, 'validation_failed').errors[0].path).toBe('/body/password');
  });

  it('answers a taken email only after the same password hashing as a free one: sign-up timing tells nothing', async () => {
    const taken = await signUp(app);
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const timed = async (work: () => Promise<unknown>) => {
      const started = performance.now();
      await work();
      return performance.now() - started;
    };
    // Against the hash itself rather than a free sign-up, whose commit time varies with the machine.
    const hashing: number[] = [];
    const refusing: number[] = [];
    for (let i = 0; i < 5; i++) {
      hashing.push(await timed(() => hashPassword('a perfectly fine passphrase')));
      refusing.push(
        await timed(async () => {
          const response = await app.inject({
            method: 'POST',
            url: '/v1/auth/signup',
            payload: { email: taken.email, password: 'a perfectly fine passphrase' },
          });
          expectProblem(response, 409, 'conflict');
        }),
      );
    }
    expect(median(refusing)).toBeGreaterThan(0.6 * median(hashing));
  });

  it('answers a wrong password and an unknown email with the same 401', async () => {
    const account = await signUp(app);
    const wrongPassword = await app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email: account.email, password: 'not the password' },
    });
    const unknownEmail = await app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email: uniqueEmail(), password: 'not the password' },
    });
    const a = expectProblem(wrongPassword, 401, 'unauthenticated');
    const b = expectProblem(unknownEmail, 401, 'unauthenticated');
    expect({ ...a, requestId: '' }).toEqual({ ...b, requestId: '' });
  });

  it('rate-limits repeated login failures with 429, Retry-After and RateLimit headers', async () => {
    const limited = await testApp({ LOGIN_ATTEMPTS_PER_MINUTE: '3' });
    const account = await signUp(limited.app);
    const attempt = () =>
      limited.app.inject({
        method: 'POST',
        url: '/v1/auth/login',
        payload: { email: account.email, password: 'wrong wrong' },
      });
    for (let i = 0; i < 3; i++) expectProblem(await attempt(), 401, 'unauthenticated');
    const blocked = await attempt();
    expectProblem(blocked, 429, 'rate_limited');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(blocked.headers['ratelimit-limit']).toBe('3');
    expect(blocked.headers['ratelimit-remaining']).toBe('0');
  });

  it('rotates refresh tokens, and reuse of a rotated one revokes the whole family (no grace window)', async () => {
    const { app } = await testApp({ REFRESH_GRACE_SECONDS: '0' });
    const account = await signUp(app);
    const first = await app.inject({
      method: 'POST',
      url: '/v1/auth/refresh',
      payload: { refreshToken: account.refreshToken },
    });
    expect(first.statusCode).toBe(200);
    const rotated = first.json().refreshToken;
    expect(rotated).not.toBe(account.refreshToken);

    const reuse = await app.inject({
      method: 'POST',
      url: '/v1/auth/refresh',
      payload: { refreshToken: account.refreshToken },
    });
    expectProblem(reuse, 401, 'unauthenticated');
    // The family is gone: even the newest token of it no longer works.
    const afterReuse = await app.inject({
      method: 'POST',
      url: '/v1/auth/refresh',
      payload: { refreshToken: rotated },
    });
    expectProblem(afterReuse, 401, 'unauthenticated');
  });

  it('gives two concurrent refreshes of one token the same new pair instead of revoking the family', async () => {
    const account = await signUp(app);
    const results = await Promise.all(
      [1, 2].map(() =>
        app.inject({
          method: 'POST',
          url: '/v1/auth/refresh',
          payload: { refreshToken: account.refreshToken },
        }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual([200, 200]);
    const [a, b] = results.map((r) => r.json());
    expect(b).toEqual(a);
    // The family lives on: the pair both tabs hold works.
    expect((await as(app, a.accessToken, { method: 'GET', url: '/v1/me' })).statusCode).toBe(200);
    const next = await app.inject({
      method: 'POST',
      url: '/v1/auth/refresh',
      payload: { refreshToken: a.refreshToken },
    });
    expect(next.statusCode).toBe(200);
  });

  it('revokes the family when a rotated token comes back after the grace window', async () => {
    const account = await signUp(app);
    const refresh = (refreshToken: string) =>
      app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken } });
    const first = await refresh(account.refreshToken);
    expect(first.statusCode).toBe(200);
    const rotated = first.json().refreshToken;
    // Within the window (default 10 s) the same pair again; then the rotation is made older than it.
    expect((await refresh(account.refreshToken)).json()).toEqual(first.json());
    await superuser.query(sql.unsafe`
      UPDATE platform.refresh_tokens SET rotated_at = rotated_at - interval '11 seconds'
      WHERE account_id = ${account.id} AND rotated_at IS NOT NULL
    `);
    expectProblem(await refresh(account.refreshToken), 401, 'unauthenticated');
    expectProblem(await refresh(rotated), 401, 'unauthenticated');
  });

  it('keeps no refresh token in clear, not even the pair kept for the grace window', async () => {
    const account = await signUp(app);
    const first = await app.inject({
      method: 'POST',
      url: '/v1/auth/refresh',
      payload: { refreshToken: account.refreshToken },
    });
    const pair = first.json();
    const rows = await superuser.manyFirst(sql.unsafe`
      SELECT to_jsonb(t)::text FROM platform.refresh_tokens t WHERE account_id = ${account.id}
    `);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      for (const secret of [account.refreshToken, pair.refreshToken, pair.accessToken]) {
        expect(row).not.toContain(secret.slice(4, 30));
        expect(row).not.toContain(Buffer.from(secret).toString('hex').slice(8, 60));
      }
    }
  });

  it('logs out: the refresh family is revoked', async () => {
    const account = await signUp(app);
    const logout = await app.inject({
      method: 'POST',
      url: '/v1/auth/logout',
      payload: { refreshToken: account.refreshToken },
    });
    expect(logout.statusCode).toBe(204);
    const refresh = await app.inject({
      method: 'POST',
      url: '/v1/auth/refresh',
      payload: { refreshToken: account.refreshToken },
    });
    expectProblem(refresh, 401, 'unauthenticated');
    expectProblem(
      await app.inject({ method: 'POST', url: '/v1/auth/logout', payload: { refreshToken: 'yzr_unknown' } }),
      401,
      'unauthenticated',
    );
  });

  it('rejects expired, tampered, alg-none and foreign-key JWTs', async () => {
    const account = await signUp(app);
    const [header, payload, signature] = account.accessToken.split('.') as [string, string, string];

    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = Buffer.from(
      JSON.stringify({ ...claims, sub: '00000000-0000-4000-8000-000000000000' }),
    ).toString('base64url');
    const tampered = `${header}.${forged}.${signature}`;
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    const wrongKey = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('a different secret that is long enough!!'));

    for (const token of [tampered, none, wrongKey, 'not-a-jwt', '']) {
      const response = await app.inject({ method: 'GET', url: '/v1/me', headers: bearer(token) });
      expectProblem(response, 401, 'unauthenticated');
    }

    clock.offsetMs = 16 * 60 * 1000;
    try {
      expectProblem(
        await as(app, account.accessToken, { method: 'GET', url: '/v1/me' }),
        401,
        'unauthenticated',
      );
    } finally {
      clock.offsetMs = 0;
    }
  });

  it('refuses credentials in the query string and malformed Authorization headers', async () => {
    const account = await signUp(app);
    const inQuery = await app.inject({ method: 'GET', url: `/v1/me?access_token=${account.accessToken}` });
    expect(expectProblem(inQuery, 400, 'validation_failed').errors[0].path).toBe('/query/access_token');
    const basic = await app.inject({
      method: 'GET',
      url: '/v1/me',
      headers: { authorization: `Basic ${account.accessToken}` },
    });
    expectProblem(basic, 401, 'unauthenticated');
  });
});
