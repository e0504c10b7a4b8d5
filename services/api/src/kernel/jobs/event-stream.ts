/**
 * Server-Sent Events streams of numbered events (a job's changes, a conversation's replies):
 * every event after `afterSeq`, then each new one as it commits, a comment every 15 seconds
 * so proxies keep the connection, and the end after the final event.
 *
 * Each read is a short transaction of its own (a stream holds no
 * connection); between reads the stream waits on the process's LISTEN
 * connection (JobEventHub), woken by the id the events belong to. When the client goes away,
 * `signal` aborts the wait and the watch is closed.
 */
import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { DatabasePool, DatabaseTransactionConnection } from 'slonik';
import { withAccount } from '../tenancy.ts';
import type { JobEventHub } from './event-hub.ts';
import { listJobEvents } from './queries.ts';

export const HEARTBEAT_MS = 15_000;

const FINAL = new Set(['succeeded', 'failed', 'canceled']);

export interface NumberedEvent {
  seq: number;
  /** The SSE `event:` name. */
  event: string;
  data: unknown;
  /** The stream ends after it. */
  final: boolean;
}

export interface EventStreamOptions {
  pool: DatabasePool;
  hub: JobEventHub;
  accountId: string;
  /** What the hub is woken by: the job's or conversation's id. */
  id: string;
  /** Send the events after this sequence number. */
  afterSeq: number;
  /** The events after a sequence number, in order, read through RLS. */
  read(db: DatabaseTransactionConnection, afterSeq: number): Promise<readonly NumberedEvent[]>;
  /** The most events `read` returns at once: a full read is followed by another before waiting. */
  readLimit?: number;
  signal: AbortSignal;
  heartbeatMs?: number;
  /** False: end the stream once every event so far is sent, instead of waiting for more. */
  follow?: boolean;
}

export async function* eventStream(options: EventStreamOptions): AsyncGenerator<string> {
  const { pool, hub, accountId, signal } = options;
  const watch = hub.watch(options.id);
  try {
    let afterSeq = options.afterSeq;
    // Flushes the headers at once, so the client knows the stream is open.
    yield ': stream open\n\n';
    while (!signal.aborted) {
      const events = await withAccount(pool, accountId, (db) => options.read(db, afterSeq));
      for (const { seq, event, data, final } of events) {
        yield `id: ${seq}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
        if (final) return;
        afterSeq = seq;
      }
      if (options.readLimit !== undefined && events.length >= options.readLimit) continue;
      if (options.follow === false) return;
      const woken = await watch.next(options.heartbeatMs ?? HEARTBEAT_MS, signal);
      if (woken === 'closed') return;
      if (woken === 'timeout') yield ': heartbeat\n\n';
    }
  } finally {
    watch.close();
  }
}

export interface JobEventStreamOptions extends Omit<EventStreamOptions, 'id' | 'read'> {
  jobId: string;
}

/** A job's stream (`jobs.events`): `progress` events, then `final` with its final status. */
export function jobEventStream(options: JobEventStreamOptions): AsyncGenerator<string> {
  const { jobId, accountId } = options;
  return eventStream({
    ...options,
    id: jobId,
    read: async (db, afterSeq) =>
      (await listJobEvents(db, accountId, jobId, afterSeq)).map(({ seq, ...job }) => {
        const final = FINAL.has(job.status);
        return { seq, event: final ? 'final' : 'progress', data: job, final };
      }),
  });
}

/**
 * Answers with a stream: called after the request's transaction has committed (the stream reads
 * in short transactions of its own), and stopped when the client goes away.
 */
export function sendEventStream(reply: FastifyReply, stream: (signal: AbortSignal) => AsyncIterable<string>) {
  const closed = new AbortController();
  reply.raw.once('close', () => closed.abort());
  return (
    reply
      .type('text/event-stream')
      .header('Cache-Control', 'no-cache')
      // Proxies such as nginx would otherwise hold events back in a buffer.
      .header('X-Accel-Buffering', 'no')
      .send(Readable.from(stream(closed.signal)))
  );
}
