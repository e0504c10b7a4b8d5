/**
 * nex's live half's recurring work: every minute, ticket holds past their 10 minutes go back on
 * sale (at most 500 a run, so a run stays bounded; a backlog waits for the next minute).
 */
import type { DatabasePool } from 'slonik';
import type { ScheduledTask } from '../../../kernel/jobs/index.ts';
import { releaseExpiredHolds } from './tickets.ts';

export async function releaseHolds(pool: DatabasePool): Promise<{ released: number }> {
  return { released: await pool.transaction((db) => releaseExpiredHolds(db)) };
}

export const liveScheduledTasks: readonly ScheduledTask[] = [
  { identifier: 'nex.tickets.release', pattern: '* * * * *', run: releaseHolds },
];
