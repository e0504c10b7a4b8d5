import type { usage } from '@yorozu/contract';
import type { CommonQueryMethods } from 'slonik';
import type { Static } from 'typebox';
import { validationFailed } from '../../kernel/errors.ts';
import { paginate } from '../../kernel/pagination.ts';
import { listLedgerEntries } from './queries.ts';

type LedgerQuery = Static<typeof usage.ledgerList.query>;

/** The ledger, newest first, within `[from, to)` when given; an empty or reversed range is a mistake, not an empty page. */
export function listLedger(db: CommonQueryMethods, accountId: string, query: LedgerQuery) {
  const { product, metric, from, to } = query;
  if (from !== undefined && to !== undefined && Date.parse(from) >= Date.parse(to)) {
    throw validationFailed('/query/to', 'must be later than from');
  }
  return paginate('usage-ledger', query, (after, take) =>
    listLedgerEntries(db, accountId, { product, metric, from, to }, after, take),
  );
}
