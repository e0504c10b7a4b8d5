/**
 * A stream's Server-Sent Events (`nex.streams.events`, docs/products/nex.md, Live streams and
 * donations): status moves and confirmed donations, written by triggers (migration 0423) that wake
 * the jobs' listener with the stream's id. The kernel's event stream does the reading and waiting;
 * the feed closes after the stream is over. While it follows a stream, the feed is counted as a
 * viewer (migration 0430): a presence row from open to close, refreshed as the feed runs, so the
 * count spans every API process and forgets the feeds of a process that died. The feed tells its
 * viewer the count as it changes: a `viewers` event when it opens, then whenever a refresh finds
 * another number. The event has no id: a count is a reading, not history to resume from.
 */
import type { DatabasePool } from 'slonik';
import { eventStream, type JobEventHub } from '../../../kernel/jobs/index.ts';
import { withAccount } from '../../../kernel/tenancy.ts';
import {
  countViewers,
  joinStream,
  leaveStream,
  listStreamEvents,
  recordPeakViewers,
  STREAM_EVENTS_PER_READ,
  touchViewer,
} from './stream-queries.ts';

const OVER = new Set(['ended', 'cancelled']);
/**
 * How often an open feed refreshes its presence row: an idle feed yields a heartbeat every 15
 * seconds, so its row is at most ~25 seconds old, well within the 60 seconds a row stays counted.
 */
const TOUCH_MS = 10_000;

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

export async function* streamFeed(options: StreamFeedOptions): AsyncGenerator<string> {
  const { pool, accountId, streamId } = options;
  const feed = eventStream({
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
  if (!options.follow) return yield* feed;
  // Joined in a transaction of its own, committed before the peak is counted: of feeds opening
  // together, the last to count sees all of them.
  const viewer = await withAccount(pool, accountId, (db) => joinStream(db, streamId));
  try {
    let viewers = await withAccount(pool, accountId, async (db) => {
      await recordPeakViewers(db, streamId);
      return countViewers(db, streamId);
    });
    let touchedAt = Date.now();
    for await (const chunk of feed) {
      yield chunk;
      // After the kernel's opening comment: the count comes first of what the viewer reads.
      if (chunk.startsWith(': stream open')) yield viewersEvent(viewers);
      if (Date.now() - touchedAt >= TOUCH_MS) {
        const now = await withAccount(pool, accountId, async (db) => {
          await touchViewer(db, viewer);
          return countViewers(db, streamId);
        });
        touchedAt = Date.now();
        if (now !== viewers) yield viewersEvent(now);
        viewers = now;
      }
    }
  } finally {
    await withAccount(pool, accountId, (db) => leaveStream(db, viewer));
  }
}

function viewersEvent(viewerCount: number): string {
  return `event: viewers\ndata: ${JSON.stringify({ viewerCount })}\n\n`;
}

export function isOver(status: string): boolean {
  return OVER.has(status);
}
