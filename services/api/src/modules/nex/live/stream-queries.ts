/** Live streams and donations (migration 0405): each status move is one conditional UPDATE. */
import { nex } from '@yorozu/contract';
import { type CommonQueryMethods, sql } from 'slonik';
import Type, { type Static } from 'typebox';
import { rowType } from '../../../db/row-type.ts';
import { afterPosition, type Position } from '../../../kernel/pagination.ts';

const StreamRecord = Type.Object({ ...nex.live.streams.Stream.properties, accountId: Type.String() });
export type StreamRecord = Static<typeof StreamRecord>;
const StreamRow = rowType(StreamRecord);

const streamColumns = sql.fragment`
  s.id, s.account_id AS "accountId", c.username AS "streamerUsername", s.title, s.description, s.status,
  s.scheduled_at AS "scheduledAt", s.started_at AS "startedAt", s.ended_at AS "endedAt", s.currency,
  s.total_donations AS "totalDonations", s.donation_count AS "donationCount",
  nex.stream_viewer_count(s.id) AS "viewerCount", s.max_viewers AS "maxViewers",
  s.thumbnail_file_id AS "thumbnailFileId", s.archive_file_id AS "archiveFileId",
  jsonb_build_object('donationsEnabled', s.donations_enabled, 'minDonationAmount', s.min_donation_amount) AS settings,
  s.created_at AS "createdAt",
  s.updated_at AS "updatedAt"
`;
const streamSource = sql.fragment`nex.streams s LEFT JOIN nex.creators c ON c.account_id = s.account_id`;

const IdRow = rowType(Type.Object({ id: Type.String() }));

export function insertStream(
  db: CommonQueryMethods,
  stream: {
    accountId: string;
    title: string;
    description: string;
    scheduledAt: string | null;
    currency: string;
  },
) {
  return db.oneFirst(sql.type(IdRow)`
    INSERT INTO nex.streams (account_id, title, description, scheduled_at, currency)
    VALUES (${stream.accountId}, ${stream.title}, ${stream.description}, ${stream.scheduledAt}, ${stream.currency})
    RETURNING id
  `);
}

export function findStream(db: CommonQueryMethods, id: string) {
  return db.maybeOne(sql.type(StreamRow)`SELECT ${streamColumns} FROM ${streamSource} WHERE s.id = ${id}`);
}

export function listStreams(db: CommonQueryMethods, after: Position | null, take: number) {
  return db.any(sql.type(StreamRow)`
    SELECT ${streamColumns} FROM ${streamSource}
    WHERE true ${afterPosition(after, 's')}
    ORDER BY s.created_at DESC, s.id DESC
    LIMIT ${take}
  `);
}

const RotatedRow = rowType(Type.Object({ rotatedAt: Type.String() }));

/** Sets the stream's key digest (nex.stream_keys, migration 0420), replacing any earlier one. */
export function setStreamKey(db: CommonQueryMethods, streamId: string, accountId: string, keyHash: Buffer) {
  return db.oneFirst(sql.type(RotatedRow)`
    INSERT INTO nex.stream_keys (stream_id, account_id, key_hash)
    VALUES (${streamId}, ${accountId}, ${sql.binary(keyHash)})
    ON CONFLICT (stream_id) DO UPDATE SET key_hash = EXCLUDED.key_hash, rotated_at = clock_timestamp()
    RETURNING rotated_at AS "rotatedAt"
  `);
}

const KeyOwnerRow = rowType(Type.Object({ streamId: Type.String(), accountId: Type.String() }));

/** The stream a key digest belongs to, by nex.stream_for_key (migration 0421); null: none. */
export function streamForKey(db: CommonQueryMethods, keyHash: Buffer) {
  return db.maybeOne(sql.type(KeyOwnerRow)`
    SELECT stream_id AS "streamId", account_id AS "accountId" FROM nex.stream_for_key(${sql.binary(keyHash)})
  `);
}

export interface StreamFields {
  thumbnailFileId: string | null;
  archiveFileId: string | null;
  donationsEnabled: boolean;
  minDonationAmount: number;
}

/** The streamer's changes to a stream not cancelled; false when it matched nothing. */
export async function updateStream(
  db: CommonQueryMethods,
  accountId: string,
  id: string,
  fields: StreamFields,
) {
  const updated = await db.maybeOneFirst(sql.type(IdRow)`
    UPDATE nex.streams SET thumbnail_file_id = ${fields.thumbnailFileId}, archive_file_id = ${fields.archiveFileId},
      donations_enabled = ${fields.donationsEnabled}, min_donation_amount = ${fields.minDonationAmount},
      updated_at = clock_timestamp()
    WHERE id = ${id} AND account_id = ${accountId} AND status <> 'cancelled'
      AND (${fields.archiveFileId}::uuid IS NULL OR status = 'ended')
    RETURNING id
  `);
  return updated !== null;
}

const MOVES = {
  start: { from: 'scheduled', to: 'live', set: sql.fragment`started_at = clock_timestamp()` },
  end: { from: 'live', to: 'ended', set: sql.fragment`ended_at = clock_timestamp()` },
  cancel: { from: 'scheduled', to: 'cancelled', set: sql.fragment`started_at = NULL` },
} as const;
export type StreamMove = keyof typeof MOVES;

/** The streamer's move from the one state it may leave; false when it matched nothing. */
export async function moveStream(db: CommonQueryMethods, accountId: string, id: string, move: StreamMove) {
  const { from, to, set } = MOVES[move];
  const moved = await db.maybeOneFirst(sql.type(IdRow)`
    UPDATE nex.streams SET status = ${to}, ${set}, updated_at = clock_timestamp()
    WHERE id = ${id} AND account_id = ${accountId} AND status = ${from}
    RETURNING id
  `);
  return moved !== null;
}

const StreamEventRow = rowType(
  Type.Object({ seq: Type.Number(), event: Type.Enum(['status', 'donation']), data: Type.Unknown() }),
);

/** The most feed events one read returns; the feed reads again at once when it got that many. */
export const STREAM_EVENTS_PER_READ = 200;

/** A stream's feed (nex.stream_events, migration 0423) after a sequence number, in order. */
export function listStreamEvents(db: CommonQueryMethods, streamId: string, afterSeq: number) {
  return db.any(sql.type(StreamEventRow)`
    SELECT seq, event, data FROM nex.stream_events
    WHERE stream_id = ${streamId} AND seq > ${afterSeq}
    ORDER BY seq LIMIT ${STREAM_EVENTS_PER_READ}
  `);
}

const ViewerRow = rowType(Type.Object({ viewer: Type.String() }));
const DoneRow = rowType(Type.Object({ done: Type.Boolean() }));

/** A feed opened: its presence row (nex.stream_viewers, migration 0430), stale rows cleared. */
export function joinStream(db: CommonQueryMethods, streamId: string) {
  return db.oneFirst(sql.type(ViewerRow)`SELECT nex.join_stream(${streamId}) AS viewer`);
}

/** Raises the live stream's peak to the fresh rows counted now; after the join committed. */
export async function recordPeakViewers(db: CommonQueryMethods, streamId: string) {
  await db.query(sql.type(DoneRow)`SELECT nex.record_peak_viewers(${streamId}) AS done`);
}

const CountRow = rowType(Type.Object({ count: Type.Number() }));

/** The stream's open feeds now (fresh presence rows, counted up to the function's bound). */
export function countViewers(db: CommonQueryMethods, streamId: string) {
  return db.oneFirst(sql.type(CountRow)`SELECT nex.stream_viewer_count(${streamId}) AS count`);
}

/** The feed is still open: its row stays fresh. */
export async function touchViewer(db: CommonQueryMethods, viewer: string) {
  await db.query(sql.type(DoneRow)`SELECT nex.touch_stream_viewer(${viewer}) AS done`);
}

/** The feed closed: its row goes. */
export async function leaveStream(db: CommonQueryMethods, viewer: string) {
  await db.query(sql.type(DoneRow)`SELECT nex.leave_stream(${viewer}) AS done`);
}

const DonationRecord = Type.Object({
  ...nex.live.streams.Donation.properties,
  accountId: Type.String(),
  streamerId: Type.String(),
});
export type DonationRecord = Static<typeof DonationRecord>;
const DonationRow = rowType(DonationRecord);

// The donor's username only when the donor chose to be seen: an anonymous donor never leaves SQL.
const donationColumns = sql.fragment`
  d.id, d.stream_id AS "streamId", d.account_id AS "accountId", d.streamer_id AS "streamerId",
  CASE WHEN d.is_anonymous THEN NULL ELSE c.username END AS "donorUsername", d.amount, d.currency, d.message,
  d.is_anonymous AS "isAnonymous", d.status, d.created_at AS "createdAt", d.confirmed_at AS "confirmedAt"
`;
const donationSource = sql.fragment`nex.donations d LEFT JOIN nex.creators c ON c.account_id = d.account_id`;

export function insertDonation(
  db: CommonQueryMethods,
  donation: {
    streamId: string;
    streamerId: string;
    accountId: string;
    amount: number;
    currency: string;
    message: string;
    isAnonymous: boolean;
  },
) {
  return db.oneFirst(sql.type(IdRow)`
    INSERT INTO nex.donations (stream_id, streamer_id, account_id, amount, currency, message, is_anonymous)
    VALUES (${donation.streamId}, ${donation.streamerId}, ${donation.accountId}, ${donation.amount},
            ${donation.currency}, ${donation.message}, ${donation.isAnonymous})
    RETURNING id
  `);
}

export function findDonation(db: CommonQueryMethods, id: string) {
  return db.maybeOne(
    sql.type(DonationRow)`SELECT ${donationColumns} FROM ${donationSource} WHERE d.id = ${id}`,
  );
}

export function listDonations(
  db: CommonQueryMethods,
  streamId: string,
  after: Position | null,
  take: number,
) {
  return db.any(sql.type(DonationRow)`
    SELECT ${donationColumns} FROM ${donationSource}
    WHERE d.stream_id = ${streamId} AND d.status = 'confirmed' ${afterPosition(after, 'd')}
    ORDER BY d.created_at DESC, d.id DESC
    LIMIT ${take}
  `);
}

/** nex.settle_donation: pending → confirmed (counted in the stream's total) or failed, once. */
export function settleDonation(db: CommonQueryMethods, id: string, confirmed: boolean) {
  return db.oneFirst(sql.type(DoneRow)`SELECT nex.settle_donation(${id}, ${confirmed}) AS done`);
}
