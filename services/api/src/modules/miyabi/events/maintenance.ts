/**
 * The event store's scheduled maintenance (docs/products/miyabi.md, The event store), hourly on
 * the job engine: day partitions for the next week are created, and partitions whose day ended
 * more than 90 days ago are dropped whole, never emptied row by row. Then the shorter-lived
 * rows expire in batches (realtime messages after 24 hours, and whatever other parts of Miyabi
 * add to `retentionRules`). Idempotent: a second run finds nothing to create or drop, and the
 * partition functions serialise on an advisory lock, so overlapping runs are harmless.
 *
 * The clock is the composition root's (engines.clock), so tests move time and watch partitions
 * appear and go.
 */
import type { CommonQueryMethods, DatabasePool } from 'slonik';
import type { ScheduledTask } from '../../../kernel/jobs/index.ts';
import { createEventPartitions, dropEventPartitions } from './queries.ts';
import { EVENT_RETENTION_DAYS } from './store.ts';

const DAY_MS = 86_400_000;
/** Partitions are kept this many days ahead of the clock. */
export const PARTITIONS_AHEAD_DAYS = 7;

/** Rows that expire by age, deleted in batches by the same maintenance run. */
export interface RetentionRule {
  name: string;
  /** Deletes at most `limit` expired rows as of `nowMs`; returns how many it deleted. */
  deleteBatch(db: CommonQueryMethods, nowMs: number, limit: number): Promise<number>;
}

export interface MaintenanceReport {
  created: number;
  dropped: string[];
  expired: Record<string, number>;
}

const BATCH = 1000;
/** At most this many batches per rule and run, so one run stays bounded; the rest waits an hour. */
const MAX_BATCHES = 100;

function startOfDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

export async function maintainEventStore(
  pool: DatabasePool,
  nowMs: number,
  rules: readonly RetentionRule[] = [],
): Promise<MaintenanceReport> {
  const today = startOfDay(nowMs);
  const created = await createEventPartitions(
    pool,
    new Date(today).toISOString(),
    new Date(today + (PARTITIONS_AHEAD_DAYS + 1) * DAY_MS).toISOString(),
  );
  // A partition is dropped once all of its day is past the retention window.
  const dropped = await dropEventPartitions(
    pool,
    new Date(nowMs - EVENT_RETENTION_DAYS * DAY_MS).toISOString(),
  );
  const expired: Record<string, number> = {};
  for (const rule of rules) {
    let total = 0;
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const count = await rule.deleteBatch(pool, nowMs, BATCH);
      total += count;
      if (count < BATCH) break;
    }
    expired[rule.name] = total;
  }
  return { created, dropped, expired };
}

export function eventStoreScheduledTasks(
  clock: () => number,
  rules: readonly RetentionRule[],
): readonly ScheduledTask[] {
  return [
    {
      identifier: 'miyabi.events.maintain',
      pattern: '23 * * * *',
      run: (pool) => maintainEventStore(pool, clock(), rules),
    },
  ];
}
