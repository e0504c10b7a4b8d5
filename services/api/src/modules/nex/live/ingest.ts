/**
 * The media server's ingest webhook (docs/products/nex.md, Live streams and donations): nginx-rtmp
 * or SRS, through a relay that signs their publish hooks, tells us an encoder started or stopped
 * sending under a stream key. The signature is the scheme of the payments webhook (HMAC-SHA256 of
 * `<t>.<raw body>`, a 5-minute window bounding replays), and the stream moves are one-way, so a
 * replayed event within the window only meets a 409.
 */
import type { nex } from '@yorozu/contract';
import type { DatabaseTransactionConnection } from 'slonik';
import type { Static } from 'typebox';
import { hashSecret } from '../../../kernel/auth/index.ts';
import { DomainError } from '../../../kernel/errors.ts';
import { assertStripeSignature } from '../../../kernel/payments/index.ts';
import { streamForKey } from './stream-queries.ts';
import { moveOwnStream } from './streams.ts';
import type { Scope } from './tickets.ts';

type IngestEvent = Static<typeof nex.live.streams.IngestEvent>;

export const INGEST_SIGNATURE_HEADER = 'Nex-Ingest-Signature';

export interface IngestInput {
  /** NEX_INGEST_SECRET; null: the webhook answers 503. */
  secret: string | null;
  rawBody: Buffer;
  signature: string;
  event: IngestEvent;
  nowMs: number;
}

export async function receiveIngestEvent(
  { db, withAccount }: Pick<Scope, 'withAccount'> & { db: DatabaseTransactionConnection },
  input: IngestInput,
) {
  if (!input.secret) {
    throw new DomainError('unavailable', 'Stream ingest is not configured on this server.', {
      retryAfter: 3600,
    });
  }
  assertStripeSignature(input.rawBody, input.signature, input.secret, input.nowMs, INGEST_SIGNATURE_HEADER);
  // Found by the key's SHA-256 digest through a unique index: the digest of a guess reveals nothing
  // about a real key, so the look-up needs no constant-time comparison of its own.
  const owner = await streamForKey(db, hashSecret(input.event.streamKey));
  if (!owner) throw new DomainError('forbidden', 'The stream key is not valid.');
  const move = input.event.event === 'publish' ? 'start' : 'end';
  return withAccount(owner.accountId, () => moveOwnStream(db, owner.accountId, owner.streamId, move));
}
