/** Construction: missing or bad configuration fails at once; every request says which SDK sent it. */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UsageError, VERSION, Yorozu } from '../src/index';
import { account, client, json, mockFetch } from './helpers';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('configuration', () => {
  it('no credential and no YOROZU_API_KEY is a UsageError at construction', () => {
    vi.stubEnv('YOROZU_API_KEY', undefined);
    expect(() => new Yorozu({ baseUrl: 'https://api.test' })).toThrow(UsageError);
    expect(() => new Yorozu({ baseUrl: 'https://api.test', apiKey: undefined })).toThrow(/YOROZU_API_KEY/);
  });

  it('YOROZU_API_KEY fills in for a missing apiKey', async () => {
    vi.stubEnv('YOROZU_API_KEY', 'yz_from_env');
    const { fetch, calls } = mockFetch(json(account));
    await new Yorozu({ baseUrl: 'https://api.test', apiKey: undefined, fetch }).me.get();
    expect(calls[0]!.headers.get('authorization')).toBe('Bearer yz_from_env');
  });

  it('anonymous: true sends no credential, even with YOROZU_API_KEY set', async () => {
    vi.stubEnv('YOROZU_API_KEY', 'yz_from_env');
    const { fetch, calls } = mockFetch(json(account));
    await new Yorozu({ baseUrl: 'https://api.test', anonymous: true, fetch }).me.get();
    expect(calls[0]!.headers.has('authorization')).toBe(false);
  });

  it.each([
    [{ baseUrl: 'api.example.com' }, /baseUrl/],
    [{ maxRetries: -1 }, /maxRetries/],
    [{ maxRetries: 1.5 }, /maxRetries/],
    [{ timeout: 0 }, /timeout/],
    [{ deadline: Number.NaN }, /deadline/],
  ])('%o is a UsageError', (options, message) => {
    expect(() => new Yorozu({ apiKey: 'yz_x', baseUrl: 'https://api.test', ...options })).toThrow(message);
  });

  it('warns when the base URL is left at the local default in production', () => {
    vi.stubEnv('NODE_ENV', 'production');
    vi.stubEnv('YOROZU_BASE_URL', undefined);
    const warn = vi.fn();
    new Yorozu({ apiKey: 'yz_x', logger: { warn } });
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/local default; set baseUrl or YOROZU_BASE_URL/));
    warn.mockClear();
    new Yorozu({ apiKey: 'yz_x', baseUrl: 'http://localhost:3000', logger: { warn } });
    expect(warn).not.toHaveBeenCalled();
  });
});

describe('identification', () => {
  it('sends Yorozu-SDK: ts/<version> and, outside browsers, a User-Agent', async () => {
    const { fetch, calls } = mockFetch(json(account));
    await client(fetch).me.get();
    expect(VERSION).toBe(version);
    expect(calls[0]!.headers.get('yorozu-sdk')).toBe(`ts/${version}`);
    expect(calls[0]!.headers.get('user-agent')).toMatch(
      new RegExp(`^yorozu-sdk-ts/${version.replace(/\./g, '\\.')} Node\\.js/`),
    );
  });

  it('keeps a User-Agent the caller sets', async () => {
    const { fetch, calls } = mockFetch(json(account));
    await client(fetch, { headers: { 'user-agent': 'my-app/2' } }).me.get();
    expect(calls[0]!.headers.get('user-agent')).toBe('my-app/2');
  });
});
