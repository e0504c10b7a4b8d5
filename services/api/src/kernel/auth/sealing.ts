/**
 * Authenticated encryption for secrets the service must keep for a while and
 * show again (a stored idempotent response that holds an API key's secret,
 * the token pair a refresh within its grace window answers with again):
 * AES-256-GCM under a key derived with HKDF-SHA256 from the server secret
 * (JWT_SECRET), so the database alone never holds them in clear.
 *
 * The caller's `context` (say, the account, credential and Idempotency-Key)
 * is bound as additional authenticated data: a sealed value copied to another
 * row does not open there. A value sealed under another server secret (a
 * rotated JWT_SECRET, or the random one of a development process that has
 * since restarted) does not open either: `open` returns null, and the caller
 * decides what that means.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + NONCE_BYTES + TAG_BYTES;

export interface Sealer {
  seal(plaintext: string, context: string): Buffer;
  /** The plaintext, or null when the box was sealed under another key or context, or altered. */
  open(sealed: Buffer, context: string): string | null;
}

export function sealer(serverSecret: Uint8Array): Sealer {
  // A key of its own (RFC 5869): never the HMAC key that signs access tokens.
  const key = Buffer.from(hkdfSync('sha256', serverSecret, Buffer.alloc(0), 'yorozu sealing v1', 32));
  return {
    seal(plaintext, context) {
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(context));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.of(VERSION), nonce, cipher.getAuthTag(), ciphertext]);
    },
    open(sealed, context) {
      if (sealed.length < HEADER_BYTES || sealed[0] !== VERSION) return null;
      const nonce = sealed.subarray(1, 1 + NONCE_BYTES);
      const tag = sealed.subarray(1 + NONCE_BYTES, HEADER_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(tag);
      try {
        return Buffer.concat([decipher.update(sealed.subarray(HEADER_BYTES)), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        return null;
      }
    },
  };
}
