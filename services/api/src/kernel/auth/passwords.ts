/** Password hashing with argon2id (docs/architecture.md, Authentication and authorization) at OWASP's recommended cost. */
import argon2 from 'argon2';
import { validationFailed } from '../errors.ts';

const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Verified against when the email is unknown, so both failures take the same time. */
const DUMMY_HASH = argon2.hash('not a real password', OPTIONS);

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  const matches = await argon2.verify(hash ?? (await DUMMY_HASH), password);
  return hash !== null && matches;
}

/** Length is checked by the schema; this rejects long but trivial passwords. */
export function assertStrongPassword(password: string, email: string): void {
  const lowered = password.toLowerCase();
  if (new Set(lowered).size < 5) {
    throw validationFailed('/body/password', 'must use at least 5 different characters');
  }
  if (lowered.includes(email.toLowerCase().split('@')[0] ?? email)) {
    throw validationFailed('/body/password', 'must not contain the email address');
  }
}
