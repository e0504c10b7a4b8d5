import { createHmac } from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { ACCESS_TOKEN_TTL_SECONDS, accessTokens } from './access-tokens.ts';

const secret = new TextEncoder().encode('a test secret that is long enough for HS256!');
const accountId = '00000000-0000-4000-8000-000000000001';
const NOW = Date.UTC(2026, 10, 23, 9, 0, 0);

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A token MACed with our key as HS256 whatever its header says: only the checks can refuse it. */
function sign(claims: Record<string, unknown>, header: Record<string, unknown> = { alg: 'HS256' }) {
  const seconds = Math.floor(NOW / 1000);
  const body = { sub: accountId, iss: 'yorozu', aud: 'yorozu-api', exp: seconds + 60, ...claims };
  const input = `${part(header)}.${part(body)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

describe('access tokens', () => {
  const tokens = accessTokens(secret, () => NOW);

  it('verifies what it issues, synchronously, until it expires', async () => {
    const token = await tokens.issue(accountId);
    expect(tokens.verify(token)).toBe(accountId);
    const later = (seconds: number) => accessTokens(secret, () => NOW + seconds * 1000);
    expect(later(ACCESS_TOKEN_TTL_SECONDS - 1).verify(token)).toBe(accountId);
    expect(later(ACCESS_TOKEN_TTL_SECONDS).verify(token)).toBeNull();
  });

  it('refuses another algorithm, issuer, audience, a future nbf, crit headers and claims without exp or sub', async () => {
    const refused = [
      sign({}, { alg: 'HS512' }),
      sign({}, { alg: 'none' }),
      await new SignJWT({ sub: accountId, iss: 'yorozu', aud: 'yorozu-api', exp: NOW / 1000 + 60 })
        .setProtectedHeader({ alg: 'HS512' })
        .sign(secret),
      sign({ iss: 'someone-else' }),
      sign({ aud: 'another-api' }),
      sign({ nbf: NOW / 1000 + 30 }),
      sign({}, { alg: 'HS256', crit: ['exp'] }),
      sign({ exp: undefined }),
      sign({ exp: String(NOW / 1000 + 60) }),
      sign({ sub: undefined }),
    ];
    for (const token of refused) expect(tokens.verify(token)).toBeNull();
    expect(tokens.verify(sign({ aud: ['other', 'yorozu-api'] }))).toBe(accountId);
    expect(tokens.verify(sign({}))).toBe(accountId);
  });

  it('refuses a signature that is not the canonical base64url of the HMAC', async () => {
    const token = await tokens.issue(accountId);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const padded = `${header}.${payload}.${signature}=`;
    const noisy = `${header}.${payload}.${signature.slice(0, -1)}*${signature.slice(-1)}`;
    const hex = `${header}.${payload}.${createHmac('sha256', secret).update(`${header}.${payload}`).digest('hex')}`;
    for (const forged of [padded, noisy, hex, `${token}.extra`, `${header}.${payload}`]) {
      expect(tokens.verify(forged)).toBeNull();
    }
  });
});
