/**
 * Short-lived access tokens: HS256 JWTs, 15 minutes. Verification pins the
 * algorithm, issuer and audience, so `alg: none` and foreign tokens fail.
 */
import { errors, jwtVerify, SignJWT } from 'jose';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
const ISSUER = 'yorozu';
const AUDIENCE = 'yorozu-api';

export interface AccessTokens {
  issue(accountId: string): Promise<string>;
  /** The account id, or null when the token is invalid or expired. */
  verify(token: string): Promise<string | null>;
}

export function accessTokens(secret: Uint8Array, now: () => number = Date.now): AccessTokens {
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
    verify: async (token) => {
      try {
        const { payload } = await jwtVerify(token, secret, {
          algorithms: ['HS256'],
          issuer: ISSUER,
          audience: AUDIENCE,
          currentDate: new Date(now()),
        });
        return typeof payload.sub === 'string' ? payload.sub : null;
      } catch (error) {
        if (error instanceof errors.JOSEError) return null;
        throw error;
      }
    },
  };
}
