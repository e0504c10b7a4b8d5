/**
 * Opaque secrets (API keys `yz_…`, refresh tokens `yzr_…`): 32 random bytes,
 * stored only as a SHA-256 hash. They carry 256 bits of entropy, so a fast
 * hash is enough; passwords, which do not, use argon2id (passwords.ts).
 */
import { createHash, randomBytes } from 'node:crypto';

export const API_KEY_PREFIX = 'yz_';
export const REFRESH_TOKEN_PREFIX = 'yzr_';

export function newSecret(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}
