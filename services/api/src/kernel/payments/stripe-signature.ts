/**
 * Stripe webhook signatures, as Stripe documents them: `Stripe-Signature: t=<unix seconds>,
 * v1=<hex>[,v1=<hex>…]`, where v1 is HMAC-SHA256 under the endpoint secret of
 * `<t>.<raw body>`. Several v1 values appear while Stripe rolls a secret;
 * any one may match. The timestamp bounds replays of a captured request. Our own signed webhooks
 * (nex's stream ingest) use the same scheme under their own header, named in the errors.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { DomainError } from '../errors.ts';

export const SIGNATURE_TOLERANCE_SECONDS = 300;

export function stripeSignature(secret: string, timestamp: number, rawBody: Buffer): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
}

function badSignature(header: string, message: string): DomainError {
  return new DomainError('validation_failed', `Invalid ${header}: ${message}.`, {
    errors: [{ path: `/header/${header.toLowerCase()}`, message }],
  });
}

/** Throws a 400 unless the header signs this raw body, recently enough. */
export function assertStripeSignature(
  rawBody: Buffer,
  header: string,
  secret: string,
  nowMs: number,
  headerName = 'Stripe-Signature',
): void {
  const pairs = header.split(',').map((pair) => pair.trim().split('='));
  const timestamps = pairs.filter(([key]) => key === 't').map(([, value]) => value ?? '');
  const signatures = pairs.filter(([key]) => key === 'v1').map(([, value]) => value ?? '');
  const [timestamp] = timestamps;
  if (timestamps.length !== 1 || !timestamp || !/^\d{1,12}$/.test(timestamp) || signatures.length === 0) {
    throw badSignature(headerName, 'must be t=<unix seconds>,v1=<signature>');
  }
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > SIGNATURE_TOLERANCE_SECONDS) {
    throw badSignature(headerName, `its timestamp is more than ${SIGNATURE_TOLERANCE_SECONDS} seconds away`);
  }
  const expected = Buffer.from(stripeSignature(secret, Number(timestamp), rawBody), 'hex');
  const matches = signatures.some((signature) => {
    const given = Buffer.from(signature, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches) throw badSignature(headerName, 'no v1 signature matches the body');
}
