import type { CommonQueryMethods } from 'slonik';
import { listUsage } from '../../kernel/metering/index.ts';

/**
 * Seed 000's `user_credits` row (monthly_quota, used_this_month, reset_date),
 * read from the kernel's `studio`/`credits` quota: the same numbers
 * `GET /v1/usage` shows, from the same query.
 */
export async function getCredits(db: CommonQueryMethods, accountId: string) {
  const usage = await listUsage(db, accountId);
  const credits = usage.find((metric) => metric.product === 'studio' && metric.metric === 'credits');
  if (!credits) throw new Error('The plan catalogue has no studio credits metric.');
  return {
    plan: credits.plan,
    monthlyQuota: credits.limit,
    usedThisMonth: credits.used,
    remaining: credits.remaining,
    resetDate: credits.resetsAt,
  };
}
