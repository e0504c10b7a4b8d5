/**
 * A stream's Server-Sent Events (`nex.streams.events`, docs/products/nex.md, Live streams and
 * donations): status moves and confirmed donations, written by triggers (migration 0423) that wake
 * the jobs' listener with the stream's id. The kernel's event stream does the reading and waiting;
 * the feed closes after the stream is over.
 */
import type { DatabasePool } from 'slonik';
import { eventStream, type JobEventHub } from '../../../kernel/jobs/index.ts';
import { listStreamEvents, STREAM_EVENTS_PER_READ } from './stream-queries.ts';

const OVER = new Set(['ended', 'cancelled']);

export interface StreamFeedOptions {
  pool: DatabasePool;
  hub: JobEventHub;
  /** The viewer, or '' for an anonymous one: the feed is public either way. */
  accountId: string;
  streamId: string;
  afterSeq: number;
  /** False for a stream already over when asked: its events so far, then the end. */
  follow: boolean;
  signal: AbortSignal;
}

export function streamFeed(options: StreamFeedOptions): AsyncGenerator<string> {
  const { streamId } = options;
  return eventStream({
    ...options,
    id: streamId,
    readLimit: STREAM_EVENTS_PER_READ,
    read: async (db, afterSeq) =>
      (await listStreamEvents(db, streamId, afterSeq)).map(({ seq, event, data }) => ({
        seq,
        event,
        data,
        final: event === 'status' && OVER.has((data as { status: string }).status),
      })),
  });
}

export function isOver(status: string): boolean {
  return OVER.has(status);
}
