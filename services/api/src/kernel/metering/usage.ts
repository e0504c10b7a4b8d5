/** The account's usage of every metric this period: `GET /v1/usage`, and any product showing its own quota. */
import { usage } from '@yorozu/contract';
import { type CommonQueryMethods, sql } from 'slonik';
import { rowType } from '../../db/row-type.ts';

const UsageMetricRow = rowType(usage.UsageMetric);

/**
 * Every metric of every product for the account in the current period: one
 * row per account-wide metric; for per-plugin metrics one row per plugin used
 * this period, subscribed to or granted an allowance this period, each under its own plan
 * raised by its allowances (platform.quota_allowance), plus one (subject null) for every other
 * plugin, which has used nothing. No counter yet means
 * nothing used: periods roll over by starting a new counter row.
 */
export function listUsage(db: CommonQueryMethods, accountId: string) {
  return db.any(sql.type(UsageMetricRow)`
    WITH metric AS (
      SELECT m.product, m.metric, m.per, m.period,
             platform.quota_period_start(m.period, now()) AS period_start,
             platform.quota_period_end(m.period, now()) AS resets_at
      FROM platform.metrics m
    ), subject AS (
      SELECT metric.*, '' AS subject FROM metric
      UNION
      SELECT metric.*, c.subject
      FROM metric JOIN platform.quota_counters c
        ON c.account_id = ${accountId} AND c.product = metric.product AND c.metric = metric.metric
       AND c.subject <> '' AND c.period_start = metric.period_start
      UNION
      SELECT metric.*, s.subject
      FROM metric JOIN platform.subscriptions s
        ON s.account_id = ${accountId} AND s.product = metric.product AND s.subject <> '' AND metric.per = 'plugin'
      UNION
      SELECT metric.*, g.subject
      FROM metric JOIN platform.quota_grants g
        ON g.account_id = ${accountId} AND g.product = metric.product AND g.metric = metric.metric
       AND g.subject <> '' AND g.period_start = metric.period_start
    ), usage AS (
      SELECT subject.*, l.plan,
             l."limit" + platform.quota_allowance(${accountId}, subject.product, subject.metric, subject.subject,
                                                  subject.period_start) AS "limit",
             COALESCE(c.used, 0) AS used
      FROM subject
      JOIN platform.plan_limits l
        ON l.product = subject.product AND l.metric = subject.metric
       AND l.plan = platform.current_plan(${accountId}, subject.product, subject.subject)
      LEFT JOIN platform.quota_counters c
        ON c.account_id = ${accountId} AND c.product = subject.product AND c.metric = subject.metric
       AND c.subject = subject.subject AND c.period_start = subject.period_start
    )
    SELECT product, metric, per, NULLIF(subject, '') AS subject, period, plan, "limit", used,
           CASE WHEN "limit" IS NOT NULL THEN GREATEST("limit" - used, 0) END AS remaining,
           resets_at AS "resetsAt"
    FROM usage
    ORDER BY product, metric, NULLIF(subject, '') NULLS FIRST
  `);
}
