/**
 * A job's Server-Sent Events stream (`jobs.events`): every event after
 * `afterSeq`, then each new one as it commits, a comment every 15 seconds
 * so proxies keep the connection, and the end after the final event.
 *
 * Each read is a short transaction of its own (a stream holds no
 * connection); between reads the stream waits on the process's LISTEN
 * connection (JobEventHub). When the client goes away, `signal` aborts the
 * wait and the watch is closed.
 */
import type { DatabasePool } from 'slonik';
import { withAccount } from '../tenancy.ts';
import type { JobEventHub } from './event-hub.ts';
import { listJobEvents } from './queries.ts';

export const HEARTBEAT_MS = 15_000;

const FINAL = new Set(['succeeded', 'failed', 'canceled']);

export interface JobEventStreamOptions {
  pool: DatabasePool;
  hub: JobEventHub;
  accountId: string;
  jobId: string;
  /** Send the events after this sequence number. */
  afterSeq: number;
  signal: AbortSignal;
  heartbeatMs?: number;
}

export async function* jobEventStream(options: JobEventStreamOptions): AsyncGenerator<string> {
  const { pool, hub, accountId, jobId, signal } = options;
  const watch = hub.watch(jobId);
  try {
    let afterSeq = options.afterSeq;
    // Flushes the headers at once, so the client knows the stream is open.
    yield ': stream open\n\n';
    while (!signal.aborted) {
      const events = await withAccount(pool, accountId, (db) =>
        listJobEvents(db, accountId, jobId, afterSeq),
      );
      for (const { seq, ...job } of events) {
        const final = FINAL.has(job.status);
        yield `id: ${seq}\nevent: ${final ? 'final' : 'progress'}\ndata: ${JSON.stringify(job)}\n\n`;
        if (final) return;
        afterSeq = seq;
      }
      const woken = await watch.next(options.heartbeatMs ?? HEARTBEAT_MS, signal);
      if (woken === 'closed') return;
      if (woken === 'timeout') yield ': heartbeat\n\n';
    }
  } finally {
    watch.close();
  }
}
