/**
 * Recurring work on the job engine (e.g. the sticker cleanup), as
 * graphile-worker cron items. Its cron fires each schedule once per tick
 * however many workers run it (it records the last tick in
 * `graphile_worker._private_known_crontabs`), and a job key keeps at most one
 * copy waiting; the task must still be idempotent, since a run is retried
 * when it fails and a run may overlap the next tick.
 *
 * Unlike a JobHandler, a scheduled task belongs to no account: it gets the
 * service's pool, unbound, and reaches across accounts only through SQL
 * functions the migrations grant it (SECURITY DEFINER).
 */
import { type CronItem, type ParsedCronItem, parseCronItems, type Task } from 'graphile-worker';
import type { DatabasePool } from 'slonik';
import type { JobLog } from './worker-logger.ts';

export interface ScheduledTask {
  /** `<module>.<task>`, e.g. 'stickers.cleanup': graphile-worker's task identifier. */
  identifier: string;
  /** A crontab time pattern, in UTC: '17 * * * *' runs hourly at :17. */
  pattern: string;
  /** Does the work; what it returns is logged. */
  run(pool: DatabasePool): Promise<unknown>;
}

/** Runs missed ticks of the last hour at a worker's start (a deploy, an outage), at most once each. */
const BACKFILL_MS = 60 * 60 * 1000;

export function cronItems(tasks: readonly ScheduledTask[]): ParsedCronItem[] {
  const items: CronItem[] = tasks.map((task) => ({
    task: task.identifier,
    identifier: task.identifier,
    match: task.pattern,
    options: { backfillPeriod: BACKFILL_MS, maxAttempts: 3, jobKey: task.identifier },
  }));
  return parseCronItems(items);
}

export function scheduledTaskRunner(task: ScheduledTask, pool: DatabasePool, log: JobLog): Task {
  return async () => {
    const result = await task.run(pool);
    log.info({ task: task.identifier, result }, 'scheduled task done');
  };
}
