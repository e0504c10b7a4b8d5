/**
 * Short-lived access tokens: HS256 JWTs, 15 minutes. Verification pins the
 * algorithm, issuer and audience, so `alg: none` and foreign tokens fail.
 *
 * jose signs (once per login or refresh). Verification, on every request, is
 * node:crypto's synchronous HMAC instead: jose verifies HS256 through the async
 * WebCrypto API, ~12 % of the service's CPU on the list bench (bench/list-endpoint.ts). It
 * accepts exactly what this module issues: a compact JWS whose header says
 * HS256, whose signature is the canonical base64url of the HMAC (compared in
 * constant time), with our issuer and audience, a string subject and an
 * expiry in the future.
 */
import { createHmac, createSecretKey, type KeyObject, timingSafeEqual } from 'node:crypto';
import { SignJWT } from 'jose';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
const ISSUER = 'yorozu';
const AUDIENCE = 'yorozu-api';

export interface AccessTokens {
  issue(accountId: string): Promise<string>;
  /** The account id, or null when the token is invalid or expired. */
  verify(token: string): string | null;
}

function decodeJson(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

function hasValidSignature(key: KeyObject, signingInput: string, signature: string): boolean {
  const expected = Buffer.from(createHmac('sha256', key).update(signingInput).digest('base64url'));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The claims this module issues; anything else (another issuer, audience, expired) fails. */
function subjectOf(claims: Record<string, unknown>, nowSeconds: number): string | null {
  const { sub, iss, aud, exp, nbf } = claims;
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (iss !== ISSUER || !audiences.includes(AUDIENCE)) return null;
  if (typeof exp !== 'number' || exp <= nowSeconds) return null;
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf > nowSeconds)) return null;
  return typeof sub === 'string' ? sub : null;
}

export function accessTokens(secret: Uint8Array, now: () => number = Date.now): AccessTokens {
  const key = createSecretKey(secret);
  return {
    issue: (accountId) => {
      const issuedAt = Math.floor(now() / 1000);
      return new SignJWT({})
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(accountId)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + ACCESS_TOKEN_TTL_SECONDS)
        .sign(secret);
    },
    verify: (token) => {
      const parts = token.split('.');
      if (parts.length !== 3) return null;
      const [header, payload, signature] = parts as [string, string, string];
      if (!hasValidSignature(key, `${header}.${payload}`, signature)) return null;
      // The algorithm is pinned: a token signed with our key under another `alg`, or with
      // extensions we do not understand (`crit`), is refused like jose refused it.
      const protectedHeader = decodeJson(header);
      if (protectedHeader?.alg !== 'HS256' || protectedHeader.crit !== undefined) return null;
      const claims = decodeJson(payload);
      return claims ? subjectOf(claims, Math.floor(now() / 1000)) : null;
    },
  };
}
