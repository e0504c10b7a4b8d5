/**
 * LINE webhook signatures (https://developers.line.biz/en/reference/messaging-api/#signature-validation):
 * `X-Line-Signature` is the base64 HMAC-SHA256 of the raw request body under the channel secret.
 * Compared in constant time; the body must be the bytes LINE sent, not a re-serialisation.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { DomainError } from '../../../../kernel/errors.ts';

export function lineSignature(channelSecret: string, rawBody: Buffer): string {
  return createHmac('sha256', channelSecret).update(rawBody).digest('base64');
}

/** Throws a 400 unless `header` signs `rawBody`. */
export function assertLineSignature(rawBody: Buffer, header: string, channelSecret: string): void {
  const expected = Buffer.from(lineSignature(channelSecret, rawBody), 'base64');
  const given = Buffer.from(header, 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new DomainError('validation_failed', 'Invalid X-Line-Signature: it does not sign this body.', {
      errors: [{ path: '/header/x-line-signature', message: 'does not sign the body' }],
    });
  }
}
