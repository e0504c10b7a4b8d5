/**
 * Realtime messages (docs/products/miyabi.md, Realtime): `notify` stores a message for an account
 * in the caller's transaction, and `GET /v1/miyabi/events/stream` sends the account's messages as
 * Server-Sent Events through the kernel's event stream (kernel/jobs/event-stream.ts): every
 * message after the resume point, then each new one as it commits, woken across processes by
 * the jobs' LISTEN channel (a trigger notifies it with the account id). Messages are kept 24 hours.
 */
import type { miyabiEvents } from '@yorozu/contract';
import type { CommonQueryMethods, DatabasePool } from 'slonik';
import type { Static } from 'typebox';
import { eventStream, type JobEventHub } from '../../../kernel/jobs/index.ts';
import type { RetentionRule } from './maintenance.ts';
import {
  deleteExpiredMessages,
  findStream,
  insertMessage,
  listMessagesAfter,
  markDelivered,
} from './realtime-queries.ts';

/** The original design's TTL of realtime messages. */
export const MESSAGE_RETENTION_MS = 24 * 60 * 60 * 1000;
/** A stream closes after this long; clients reconnect with Last-Event-ID (EventSource does). */
export const STREAM_MAX_MS = 10 * 60 * 1000;
const MESSAGES_PER_READ = 100;
const MAX_PAYLOAD_BYTES = 16_384;

export type RealtimeMessageType = Static<typeof miyabiEvents.RealtimeMessageType>;

export interface RealtimeMessage {
  type: RealtimeMessageType;
  payload: Record<string, unknown>;
}

/**
 * Queues a message for the account's streams; returns its sequence number. Call it inside the
 * transaction of the change it announces (bound to `accountId`, as RLS requires), so the message
 * exists exactly when the change does. Payloads are capped at 16 KiB: a stream carries news, not data.
 */
export async function notify(
  db: CommonQueryMethods,
  accountId: string,
  message: RealtimeMessage,
): Promise<number> {
  const payload = JSON.stringify(message.payload);
  if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES)
    throw new RangeError(`A realtime message's payload is at most ${MAX_PAYLOAD_BYTES} bytes.`);
  return insertMessage(db, { accountId, type: message.type, payload });
}

/**
 * Where a stream starts: after `Last-Event-ID` when given (never past the last message, so a
 * number from the future skips nothing to come), else after what the account's streams delivered.
 */
export async function resumePoint(
  db: CommonQueryMethods,
  accountId: string,
  lastEventId: number | undefined,
): Promise<number> {
  const stream = await findStream(db, accountId);
  if (!stream) return 0;
  return lastEventId === undefined ? stream.deliveredSeq : Math.min(lastEventId, stream.lastSeq);
}

export interface RealtimeStreamOptions {
  pool: DatabasePool;
  hub: JobEventHub;
  accountId: string;
  afterSeq: number;
  follow: boolean;
  clock: () => number;
  signal: AbortSignal;
}

export function realtimeStream(options: RealtimeStreamOptions): AsyncGenerator<string> {
  const { accountId, clock } = options;
  return eventStream({
    ...options,
    id: accountId,
    readLimit: MESSAGES_PER_READ,
    signal: AbortSignal.any([options.signal, AbortSignal.timeout(STREAM_MAX_MS)]),
    read: async (db, afterSeq) => {
      const since = new Date(clock() - MESSAGE_RETENTION_MS).toISOString();
      const messages = await listMessagesAfter(db, accountId, afterSeq, since, MESSAGES_PER_READ);
      const last = messages.at(-1);
      // Handed to the stream counts as delivered; a client that loses some resumes by Last-Event-ID.
      if (last) await markDelivered(db, accountId, last.seq);
      return messages.map(({ seq, type, payload, createdAt }) => ({
        seq,
        event: type,
        data: { type, payload, createdAt },
        final: false,
      }));
    },
  });
}

export const realtimeRetention: RetentionRule = {
  name: 'realtime messages',
  deleteBatch: (db, nowMs, limit) =>
    deleteExpiredMessages(db, new Date(nowMs - MESSAGE_RETENTION_MS).toISOString(), limit),
};
