import { usage } from '@yorozu/contract';
import { type CommonQueryMethods, type FragmentSqlToken, sql } from 'slonik';
import { rowType } from '../../db/row-type.ts';
import { afterPosition, type Position } from '../../kernel/pagination.ts';

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
