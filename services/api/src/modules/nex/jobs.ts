/**
 * nex's recurring work (docs/products/nex.md, Views): every minute, buffered views move into the
 * artworks' view counts, in batches of 1 000, at most 100 batches a run so a run stays bounded
 * (a backlog beyond that waits for the next minute).
 */
import type { DatabasePool } from 'slonik';
import type { ScheduledTask } from '../../kernel/jobs/index.ts';
import type { PayoutProvider } from '../../kernel/payments/index.ts';
import { commerceScheduledTasks, payoutScheduledTasks } from './commerce/jobs.ts';
import { liveScheduledTasks } from './live/jobs.ts';
import { flushViews } from './view-queries.ts';

export const VIEW_BATCH = 1000;
const MAX_BATCHES = 100;

export async function flushBufferedViews(pool: DatabasePool): Promise<{ moved: number }> {
  let moved = 0;
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const count = await flushViews(pool, VIEW_BATCH);
    moved += count;
    if (count < VIEW_BATCH) break;
  }
  return { moved };
}

export const scheduledTasks: readonly ScheduledTask[] = [
  { identifier: 'nex.views.flush', pattern: '* * * * *', run: flushBufferedViews },
  ...commerceScheduledTasks,
  ...liveScheduledTasks,
];

/** nex's tasks built from the composition root's engines (the payout provider). */
export function engineScheduledTasks(engines: {
  money: { payouts: PayoutProvider };
}): readonly ScheduledTask[] {
  return payoutScheduledTasks(engines.money.payouts);
}
