/** The account's usage of every metric this period: `GET /v1/usage`, and any product showing its own quota. */
import { usage } from '@yorozu/contract';
import { type CommonQueryMethods, sql } from 'slonik';
import { rowType } from '../../db/row-type.ts';

const UsageMetricRow = rowType(usage.UsageMetric);

/**
 * Every metric of every product for the account in the current period: one
 * row per account-wide metric; for per-plugin metrics one row per plugin used
 * this period plus one (subject null) for every other plugin, which has used
 * nothing. No counter yet means nothing used: periods roll over by starting
 * a new counter row.
 */
export function listUsage(db: CommonQueryMethods, accountId: string) {
  return db.any(sql.type(UsageMetricRow)`
    WITH quota AS (
      SELECT m.product, m.metric, m.per, m.period, l.plan, l."limit",
             platform.quota_period_start(m.period, now()) AS period_start,
             platform.quota_period_end(m.period, now()) AS resets_at
      FROM platform.metrics m
      JOIN platform.plan_limits l
        ON l.product = m.product AND l.metric = m.metric AND l.plan = platform.current_plan(${accountId}, m.product)
    ), usage AS (
      SELECT q.*, NULL::text AS subject, COALESCE(c.used, 0) AS used
      FROM quota q
      LEFT JOIN platform.quota_counters c
        ON c.account_id = ${accountId} AND c.product = q.product AND c.metric = q.metric
       AND c.subject = '' AND c.period_start = q.period_start
      UNION ALL
      SELECT q.*, c.subject, c.used
      FROM quota q
      JOIN platform.quota_counters c
        ON c.account_id = ${accountId} AND c.product = q.product AND c.metric = q.metric
       AND c.subject <> '' AND c.period_start = q.period_start
    )
    SELECT product, metric, per, subject, period, plan, "limit", used,
           CASE WHEN "limit" IS NOT NULL THEN GREATEST("limit" - used, 0) END AS remaining,
           resets_at AS "resetsAt"
    FROM usage
    ORDER BY product, metric, subject NULLS FIRST
  `);
}
