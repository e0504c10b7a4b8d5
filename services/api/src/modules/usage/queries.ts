import { usage } from '@yorozu/contract';
import { type CommonQueryMethods, type FragmentSqlToken, sql } from 'slonik';
import { rowType } from '../../db/row-type.ts';
import { afterPosition, type Position } from '../../kernel/pagination.ts';

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

const UsageLedgerEntryRow = rowType(usage.UsageLedgerEntry);

export interface LedgerFilters {
  product?: string | undefined;
  metric?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

function ledgerFilters(filters: LedgerFilters): FragmentSqlToken {
  const conditions = [
    filters.product === undefined ? null : sql.fragment`product = ${filters.product}`,
    filters.metric === undefined ? null : sql.fragment`metric = ${filters.metric}`,
    filters.from === undefined ? null : sql.fragment`created_at >= ${filters.from}::timestamptz`,
    filters.to === undefined ? null : sql.fragment`created_at < ${filters.to}::timestamptz`,
  ].filter((condition) => condition !== null);
  return conditions.length === 0
    ? sql.fragment``
    : sql.fragment`AND ${sql.join(conditions, sql.fragment` AND `)}`;
}

export function listLedgerEntries(
  db: CommonQueryMethods,
  accountId: string,
  filters: LedgerFilters,
  after: Position | null,
  take: number,
) {
  return db.any(sql.type(UsageLedgerEntryRow)`
    SELECT id, product, metric, NULLIF(subject, '') AS subject,
           CASE WHEN refund_of IS NULL THEN 'spend' ELSE 'refund' END AS kind,
           amount, reason, reference_id AS "referenceId", refund_of AS "refundOf",
           period_start AS "periodStart", created_at AS "createdAt"
    FROM platform.usage_ledger
    WHERE account_id = ${accountId} ${ledgerFilters(filters)} ${afterPosition(after)}
    ORDER BY created_at DESC, id DESC
    LIMIT ${take}
  `);
}
