/**
 * Live streams and donations (docs/products/nex.md, Live streams and donations): the streamer's
 * state machine, and donations paid through nex's payment provider, counted in the stream's total
 * and credited to the streamer in the ledger only when the signed webhook confirms the payment.
 */
import type { nex } from '@yorozu/contract';
import type { DatabaseTransactionConnection } from 'slonik';
import type { Static } from 'typebox';
import { hashSecret, newSecret } from '../../../kernel/auth/index.ts';
import { DomainError, notFound, validationFailed } from '../../../kernel/errors.ts';
import { type FileStore, shareFile, unshareFile } from '../../../kernel/files/index.ts';
import { paginate } from '../../../kernel/pagination.ts';
import {
  createPayment,
  type PaymentScope,
  recordEarning,
  registerPaymentPurpose,
} from '../commerce/index.ts';
import { findCreatorOf } from '../creator-queries.ts';
import {
  findDonation,
  findStream,
  insertDonation,
  insertStream,
  listDonations,
  listStreams,
  moveStream,
  type StreamMove,
  setStreamKey,
  settleDonation,
  updateStream,
} from './stream-queries.ts';

type CreateStream = Static<typeof nex.live.streams.CreateStreamRequest>;
type CreateDonation = Static<typeof nex.live.streams.CreateDonationRequest>;
type UpdateStream = Static<typeof nex.live.streams.UpdateStreamRequest>;

const PURPOSE = 'donation';
/** Stream keys are opaque secrets like API keys: 32 random bytes, kept as their SHA-256 digest. */
const STREAM_KEY_PREFIX = 'nexsk_';

/** A new key for the stream, replacing any earlier one; the only moment the key itself exists. */
async function newStreamKey(db: DatabaseTransactionConnection, streamId: string, accountId: string) {
  const streamKey = newSecret(STREAM_KEY_PREFIX);
  const rotatedAt = await setStreamKey(db, streamId, accountId, hashSecret(streamKey));
  return { streamId, streamKey, rotatedAt };
}

export async function getStream(db: DatabaseTransactionConnection, id: string) {
  const stream = await findStream(db, id);
  if (!stream) throw notFound('stream');
  return stream;
}

export async function scheduleStream(
  db: DatabaseTransactionConnection,
  accountId: string,
  body: CreateStream,
) {
  if (!(await findCreatorOf(db, accountId)))
    throw new DomainError('conflict', 'Join nex first (POST /v1/nex/creators).');
  const id = await insertStream(db, {
    accountId,
    title: body.title,
    description: body.description ?? '',
    scheduledAt: body.scheduledAt ?? null,
    currency: body.currency ?? 'JPY',
  });
  const { streamKey } = await newStreamKey(db, id, accountId);
  return { ...(await getStream(db, id)), streamKey };
}

/** Only the streamer learns the stream has a key: anyone else gets the 404 of a missing stream. */
export async function rotateStreamKey(db: DatabaseTransactionConnection, accountId: string, id: string) {
  const stream = await findStream(db, id);
  if (!stream || stream.accountId !== accountId) throw notFound('stream');
  if (stream.status === 'ended' || stream.status === 'cancelled')
    throw new DomainError('conflict', `The stream is ${stream.status}; it needs no key.`);
  return newStreamKey(db, id, accountId);
}

export function listStreamsPage(
  db: DatabaseTransactionConnection,
  query: { limit?: number; cursor?: string },
) {
  return paginate('nex-streams', query, (after, take) => listStreams(db, after, take));
}

export async function moveOwnStream(
  db: DatabaseTransactionConnection,
  accountId: string,
  id: string,
  move: StreamMove,
) {
  if (await moveStream(db, accountId, id, move)) return getStream(db, id);
  const stream = await getStream(db, id);
  if (stream.accountId !== accountId) throw new DomainError('forbidden', 'Only the streamer may do this.');
  throw new DomainError('conflict', `The stream is ${stream.status}; it cannot ${move} from there.`);
}

/**
 * The streamer's thumbnail, archive and settings. A file must be the streamer's own; it is shared
 * with anyone (kernel file shares), as the stream is public, like a public nex event's cover, and
 * the share is withdrawn when the file is replaced or removed.
 */
export async function changeStream(
  db: DatabaseTransactionConnection,
  files: FileStore,
  accountId: string,
  id: string,
  changes: UpdateStream,
) {
  const stored = await getStream(db, id);
  if (stored.accountId !== accountId) throw new DomainError('forbidden', 'Only the streamer may do this.');
  for (const field of ['thumbnailFileId', 'archiveFileId'] as const) {
    const fileId = changes[field];
    if (fileId && fileId !== stored[field] && !(await files.findOwn(db, accountId, fileId)))
      throw validationFailed(`/body/${field}`, 'is not a file of this account');
  }
  const fields = {
    thumbnailFileId: changes.thumbnailFileId !== undefined ? changes.thumbnailFileId : stored.thumbnailFileId,
    archiveFileId: changes.archiveFileId !== undefined ? changes.archiveFileId : stored.archiveFileId,
    ...stored.settings,
    ...changes.settings,
  };
  if (!(await updateStream(db, accountId, id, fields))) {
    const status = (await getStream(db, id)).status;
    throw new DomainError(
      'conflict',
      status === 'cancelled'
        ? 'The stream is cancelled: it no longer changes.'
        : `The stream is ${status}: an archive is set once it has ended.`,
    );
  }
  // A replaced or removed file stops being public: the stream no longer shows it.
  for (const [field, reason] of [
    ['thumbnailFileId', `nex.stream_thumbnail:${id}`],
    ['archiveFileId', `nex.stream_archive:${id}`],
  ] as const) {
    const [before, after] = [stored[field], fields[field]];
    if (before && before !== after) await unshareFile(db, { fileId: before, readerId: null, reason });
    if (after) await shareFile(db, { fileId: after, readerId: null, reason });
  }
  return getStream(db, id);
}

/** A donation to a live stream of someone else, pending its payment. Bound to the donor. */
export async function donate(scope: PaymentScope, donorId: string, streamId: string, body: CreateDonation) {
  const stream = await findStream(scope.db, streamId);
  if (!stream) throw notFound('stream');
  if (stream.status !== 'live')
    throw new DomainError('conflict', `The stream is ${stream.status}, not live.`);
  if (stream.accountId === donorId)
    throw new DomainError('conflict', 'You cannot donate to your own stream.');
  if (!stream.settings.donationsEnabled)
    throw new DomainError('conflict', 'The streamer has turned donations off for this stream.');
  if (body.amount < stream.settings.minDonationAmount)
    throw validationFailed(
      '/body/amount',
      `is below this stream's minimum of ${stream.settings.minDonationAmount}`,
    );
  const id = await insertDonation(scope.db, {
    streamId,
    streamerId: stream.accountId,
    accountId: donorId,
    amount: body.amount,
    currency: stream.currency,
    message: body.message ?? '',
    isAnonymous: body.isAnonymous ?? false,
  });
  const payment = await createPayment(scope, {
    payerId: donorId,
    purpose: PURPOSE,
    referenceId: id,
    amount: body.amount,
    currency: stream.currency,
    description: `Eldonia-Nex donation to 「${stream.title.slice(0, 100)}」`,
  });
  const donation = await findDonation(scope.db, id);
  if (!donation) throw notFound('donation');
  return { ...donation, payment: { id: payment.id, clientSecret: payment.clientSecret } };
}

export async function listStreamDonations(
  db: DatabaseTransactionConnection,
  streamId: string,
  query: { limit?: number; cursor?: string },
) {
  await getStream(db, streamId);
  return paginate('nex-donations', query, (after, take) => listDonations(db, streamId, after, take));
}

registerPaymentPurpose(PURPOSE, {
  async confirmed(scope, payment) {
    const donor = payment.accountId;
    const donation = await scope.withAccount(donor, async () =>
      (await settleDonation(scope.db, payment.referenceId, true))
        ? findDonation(scope.db, payment.referenceId)
        : null,
    );
    if (!donation) {
      scope.log.warn(
        { paymentId: payment.id },
        'a donation payment succeeded for a donation no longer pending',
      );
      return;
    }
    await recordEarning(scope, {
      kind: 'donation',
      sellerId: donation.streamerId,
      amount: donation.amount,
      currency: donation.currency,
      paymentId: payment.id,
      referenceType: 'donation',
      referenceId: donation.id,
      description: 'Donation',
    });
  },
  async failed(scope, payment) {
    await scope.withAccount(payment.accountId, () => settleDonation(scope.db, payment.referenceId, false));
  },
});
