/**
 * Usage (docs/products/speak.md, Usage): hourly or daily rows, and the microphone quota in the
 * minutes it is sold in and the seconds it is metered in.
 */
import type { DatabaseTransactionConnection } from 'slonik';
import { validationFailed } from '../../kernel/errors.ts';
import { paginate } from '../../kernel/pagination.ts';
import { microphoneQuota } from './queries/quota.ts';
import { listUsagePeriods, type UsageQuery } from './queries/usage.ts';

export async function listUsage(db: DatabaseTransactionConnection, accountId: string, query: UsageQuery) {
  if (query.from !== undefined && query.to !== undefined && Date.parse(query.from) > Date.parse(query.to)) {
    throw validationFailed('/query/to', 'must not be before `from`');
  }
  const list = `speak.usage.${query.granularity ?? 'hour'}`;
  const page = await paginate(list, query, (after, take) =>
    listUsagePeriods(db, accountId, query, after?.createdAt ?? null, take),
  );
  const quota = await microphoneQuota(db, accountId);
  return {
    data: page.data.map(({ id: _id, createdAt: _createdAt, ...period }) => period),
    nextCursor: page.nextCursor,
    microphone: {
      plan: quota.plan,
      limitMinutes: quota.limit === null ? null : Math.floor(quota.limit / 60),
      usedMinutes: Math.round((quota.used / 60) * 10) / 10,
      usedSeconds: quota.used,
      remainingSeconds: quota.limit === null ? null : Math.max(quota.limit - quota.used, 0),
      resetsAt: quota.resetsAt,
    },
  };
}
