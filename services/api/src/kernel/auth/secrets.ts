/**
 * Opaque secrets (API keys `yz_…`, refresh tokens `yzr_…`): 32 random bytes,
 * stored only as a SHA-256 hash. They carry 256 bits of entropy, so a fast
 * hash is enough; passwords, which do not, use argon2id (passwords.ts).
 */
import { createHash, randomBytes } from 'node:crypto';

export const API_KEY_PREFIX = 'yz_';
export const REFRESH_TOKEN_PREFIX = 'yzr_';

const SECRET_BYTES = 32;
/** 32 bytes in unpadded base64url. */
const ENCODED_SECRET = /^[A-Za-z0-9_-]{43}$/;

export function newSecret(prefix: string): string {
  return `${prefix}${randomBytes(SECRET_BYTES).toString('base64url')}`;
}

/**
 * Whether `value` has the exact shape `newSecret(prefix)` gives: checked
 * before any database look-up, so a malformed credential costs no query.
 */
export function isWellFormedSecret(prefix: string, value: string): boolean {
  return value.startsWith(prefix) && ENCODED_SECRET.test(value.slice(prefix.length));
}

export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}
