import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthenticationError, Yorozu } from '../src/index';
import { account, type Call, client, json, mockFetch, problem, SECRET } from './helpers';

const tokens = (n: number, expiresIn = 900) => ({
  accessToken: `access-${n}`,
  tokenType: 'Bearer',
  expiresIn,
  refreshToken: `refresh-${n}`,
});

/** A tiny auth server: login issues generation 1, refresh the next; /v1/me accepts `valid` tokens. */
function authServer(valid: (token: string | null) => boolean, refresh = (n: number) => json(tokens(n))) {
  let generation = 1;
  return (call: Call) => {
    if (call.path === '/v1/auth/login') return json({ account, tokens: tokens(1) });
    if (call.path === '/v1/auth/refresh') return refresh(++generation);
    if (call.path === '/v1/auth/logout') return new Response(null, { status: 204 });
    const token = call.headers.get('authorization')?.replace(/^Bearer /, '') ?? null;
    return valid(token) ? json(account) : problem(401, 'unauthenticated');
  };
}

const options = { baseUrl: 'https://api.test' };

afterEach(() => {
  vi.useRealTimers();
});

describe('credentials', () => {
  it('sends the API key as a bearer token', async () => {
    const { fetch, calls } = mockFetch(json(account));
    await client(fetch).me.get();
    expect(calls[0]!.headers.get('authorization')).toBe(`Bearer ${SECRET}`);
  });

  it('sends an access token', async () => {
    const { fetch, calls } = mockFetch(json(account));
    await new Yorozu({ ...options, fetch, accessToken: 'jwt' }).me.get();
    expect(calls[0]!.headers.get('authorization')).toBe('Bearer jwt');
  });

  it('asks getToken before each attempt', async () => {
    const getToken = vi.fn(async () => 'from-vault');
    const { fetch, calls } = mockFetch(json(account));
    await new Yorozu({ ...options, fetch, getToken }).me.get();
    expect(calls[0]!.headers.get('authorization')).toBe('Bearer from-vault');
    expect(getToken).toHaveBeenCalledWith({});
  });

  it('gives getToken one chance after a 401', async () => {
    let token = 'old';
    const getToken = vi.fn(async ({ stale }: { stale?: string }) => {
      if (stale) token = 'new';
      return token;
    });
    const { fetch, calls } = mockFetch((call) =>
      call.headers.get('authorization') === 'Bearer new' ? json(account) : problem(401, 'unauthenticated'),
    );
    await expect(new Yorozu({ ...options, fetch, getToken }).me.get()).resolves.toEqual(account);
    expect(calls.map((c) => c.headers.get('authorization'))).toEqual(['Bearer old', 'Bearer new']);
    expect(getToken).toHaveBeenLastCalledWith({ stale: 'old' });
  });

  it('does not retry a 401 when getToken returns the same token', async () => {
    const { fetch, calls } = mockFetch(problem(401, 'unauthenticated'));
    const error = await new Yorozu({ ...options, fetch, getToken: () => 'same' }).me.get().catch((e) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(calls).toHaveLength(1);
  });

  it('sends no Authorization without credentials', async () => {
    const { fetch, calls } = mockFetch(json({ account, tokens: tokens(1) }));
    await new Yorozu({ ...options, fetch, anonymous: true }).auth.login({
      email: 'ada@example.com',
      password: 'pw',
    });
    expect(calls[0]!.headers.has('authorization')).toBe(false);
  });
});

describe('Yorozu.login', () => {
  it('signs in, then refreshes once on a 401 and retries with the new token', async () => {
    const { fetch, calls } = mockFetch(authServer((token) => token === 'access-2'));
    const seen: string[] = [];
    const yorozu = await Yorozu.login(
      { email: 'ada@example.com', password: 'correct horse' },
      { ...options, fetch, onTokens: (t) => seen.push(t.refreshToken) },
    );
    expect(yorozu.session?.account).toEqual(account);
    await expect(yorozu.me.get()).resolves.toEqual(account);
    expect(calls.map((c) => `${c.method} ${c.path} ${c.headers.get('authorization') ?? '-'}`)).toEqual([
      'POST /v1/auth/login -',
      'GET /v1/me Bearer access-1',
      'POST /v1/auth/refresh -',
      'GET /v1/me Bearer access-2',
    ]);
    expect(JSON.parse(calls[0]!.body!)).toEqual({ email: 'ada@example.com', password: 'correct horse' });
    expect(JSON.parse(calls[2]!.body!)).toEqual({ refreshToken: 'refresh-1' });
    expect(seen).toEqual(['refresh-1', 'refresh-2']);
    expect(yorozu.session?.refreshToken).toBe('refresh-2');
  });

  it('refreshes at most once per call: a second 401 is thrown', async () => {
    const { fetch, calls } = mockFetch(authServer(() => false));
    const yorozu = await Yorozu.login({ email: 'ada@example.com', password: 'pw' }, { ...options, fetch });
    const error = await yorozu.me.get().catch((e) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(calls.map((c) => c.path)).toEqual(['/v1/auth/login', '/v1/me', '/v1/auth/refresh', '/v1/me']);
  });

  it('throws when the refresh itself is rejected, without looping', async () => {
    const { fetch, calls } = mockFetch(
      authServer(
        () => false,
        () => problem(401, 'unauthenticated'),
      ),
    );
    const yorozu = await Yorozu.login({ email: 'ada@example.com', password: 'pw' }, { ...options, fetch });
    const error = await yorozu.me.get().catch((e) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).url).toBe('https://api.test/v1/auth/refresh');
    expect(calls.map((c) => c.path)).toEqual(['/v1/auth/login', '/v1/me', '/v1/auth/refresh']);
  });

  it('shares one refresh between concurrent 401s', async () => {
    const { fetch, calls } = mockFetch(authServer((token) => token === 'access-2'));
    const yorozu = await Yorozu.login({ email: 'ada@example.com', password: 'pw' }, { ...options, fetch });
    await Promise.all([yorozu.me.get(), yorozu.me.get(), yorozu.me.get()]);
    expect(calls.filter((c) => c.path === '/v1/auth/refresh')).toHaveLength(1);
  });

  it('refreshes shortly before the access token expires', async () => {
    vi.useFakeTimers();
    const { fetch, calls } = mockFetch(authServer((token) => token !== null));
    const yorozu = await Yorozu.login({ email: 'ada@example.com', password: 'pw' }, { ...options, fetch });
    await yorozu.me.get();
    vi.advanceTimersByTime(900_000 - 29_000);
    await yorozu.me.get();
    expect(calls.map((c) => `${c.path} ${c.headers.get('authorization') ?? '-'}`)).toEqual([
      '/v1/auth/login -',
      '/v1/me Bearer access-1',
      '/v1/auth/refresh -',
      '/v1/me Bearer access-2',
    ]);
  });

  it('logs out with the current refresh token', async () => {
    const { fetch, calls } = mockFetch(authServer(() => true));
    const yorozu = await Yorozu.login({ email: 'ada@example.com', password: 'pw' }, { ...options, fetch });
    await yorozu.session?.logout();
    expect(calls.at(-1)!.path).toBe('/v1/auth/logout');
    expect(JSON.parse(calls.at(-1)!.body!)).toEqual({ refreshToken: 'refresh-1' });
  });
});

describe('redaction', () => {
  it('keeps the Authorization header out of every log line and error', async () => {
    vi.useFakeTimers();
    const lines: unknown[] = [];
    const logger = {
      debug: (...args: unknown[]) => lines.push(args),
      warn: (...args: unknown[]) => lines.push(args),
    };
    const { fetch } = mockFetch(
      problem(503, 'unavailable'),
      new TypeError('fetch failed'),
      problem(403, 'forbidden'),
    );
    const call = client(fetch, { logger })
      .apiKeys.create({ name: 'ci', scopes: ['me:read'] })
      .catch((e: unknown) => e);
    await vi.runAllTimersAsync();
    const error = await call;
    const text = JSON.stringify(lines);
    expect(lines.length).toBeGreaterThan(4);
    expect(text).toContain('[redacted]');
    expect(text).not.toContain(SECRET);
    expect(JSON.stringify(error)).not.toContain(SECRET);
    expect(String((error as Error).stack)).not.toContain(SECRET);
  });
});

describe('session secrets', () => {
  it('never show in console.log, util.inspect or JSON.stringify', async () => {
    const { fetch } = mockFetch(authServer(() => true));
    const yorozu = await Yorozu.login({ email: 'ada@example.com', password: 'pw' }, { ...options, fetch });
    const { inspect } = await import('node:util');
    const shown = [
      inspect(yorozu.session, { depth: 5 }),
      JSON.stringify(yorozu.session),
      inspect(yorozu, { depth: 5 }),
    ];
    for (const text of shown) {
      expect(text).not.toContain('access-1');
      expect(text).not.toContain('refresh-1');
    }
    expect(shown[0]).toContain('[redacted]');
    expect(JSON.parse(shown[1]!)).toMatchObject({ account, accessToken: '[redacted]' });
    expect(yorozu.session?.refreshToken).toBe('refresh-1');
  });
});

describe('Yorozu.fromRefreshToken', () => {
  it('rotates the persisted token, reports the new pair, loads the account and keeps refreshing', async () => {
    const { fetch, calls } = mockFetch(authServer((token) => token === 'access-2'));
    const saved: string[] = [];
    const yorozu = await Yorozu.fromRefreshToken('refresh-1', {
      ...options,
      fetch,
      onTokens: (t) => saved.push(t.refreshToken),
    });
    expect(saved).toEqual(['refresh-2']);
    expect(yorozu.session?.account).toEqual(account);
    expect(JSON.parse(calls[0]!.body!)).toEqual({ refreshToken: 'refresh-1' });
    expect(calls[0]!.headers.has('authorization')).toBe(false);
    expect((await yorozu.me.get()).email).toBe(account.email);
  });

  it('a revoked token is an AuthenticationError', async () => {
    const { fetch } = mockFetch(
      authServer(
        () => true,
        () => problem(401, 'unauthenticated'),
      ),
    );
    await expect(Yorozu.fromRefreshToken('refresh-old', { ...options, fetch })).rejects.toBeInstanceOf(
      AuthenticationError,
    );
  });
});
