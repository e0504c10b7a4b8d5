/** The ledger's statements (migration 0220): INSERT and SELECT only, as the service role may. */
import { nex } from '@yorozu/contract';
import { type CommonQueryMethods, sql } from 'slonik';
import Type, { type Static } from 'typebox';
import { NoRows, rowType } from '../../../db/row-type.ts';
import { afterPosition, type Position } from '../../../kernel/pagination.ts';

const TransactionRow = rowType(nex.commerce.ledger.Transaction);
const BalanceRow = rowType(
  Type.Object({ currency: Type.String(), available: Type.Number(), withdrawing: Type.Number() }),
);
const AvailableRow = rowType(Type.Object({ available: Type.Number() }));

export type TransactionKind = Static<typeof nex.commerce.ledger.TransactionKind>;
export type Book = 'available' | 'withdrawing' | 'provider' | 'fees' | 'payouts';

export interface EntryRow {
  transactionId: string;
  kind: TransactionKind;
  accountId: string | null;
  book: Book;
  amount: number;
  currency: string;
  paymentId: string | null;
  referenceType: string;
  referenceId: string;
  description: string;
}

export async function insertEntry(db: CommonQueryMethods, entry: EntryRow): Promise<void> {
  await db.query(sql.type(NoRows)`
    INSERT INTO nex.ledger_entries
      (transaction_id, kind, account_id, book, amount, currency, payment_id, reference_type, reference_id, description)
    VALUES (${entry.transactionId}, ${entry.kind}, ${entry.accountId}, ${entry.book}, ${entry.amount},
            ${entry.currency}, ${entry.paymentId}, ${entry.referenceType}, ${entry.referenceId}, ${entry.description})
  `);
}

const entryColumns = sql.fragment`
  e.id, e.transaction_id AS "transactionId", e.kind, e.book, e.amount, e.currency, e.payment_id AS "paymentId",
  e.reference_type AS "referenceType", e.reference_id AS "referenceId", e.description, e.created_at AS "createdAt"
`;

export function listEntries(db: CommonQueryMethods, accountId: string, after: Position | null, take: number) {
  return db.any(sql.type(TransactionRow)`
    SELECT ${entryColumns} FROM nex.ledger_entries e
    WHERE e.account_id = ${accountId} ${afterPosition(after, 'e')}
    ORDER BY e.created_at DESC, e.id DESC
    LIMIT ${take}
  `);
}

/** Every balance of the account: the sums of its books' entries, per currency. */
export function sumBalances(db: CommonQueryMethods, accountId: string) {
  return db.any(sql.type(BalanceRow)`
    SELECT currency,
      COALESCE(sum(amount) FILTER (WHERE book = 'available'), 0)::bigint AS available,
      COALESCE(sum(amount) FILTER (WHERE book = 'withdrawing'), 0)::bigint AS withdrawing
    FROM nex.ledger_entries WHERE account_id = ${accountId}
    GROUP BY currency ORDER BY currency
  `);
}

/**
 * Serialises the spenders of one account's balance in one currency until COMMIT (a transaction-
 * scoped advisory lock). Under READ COMMITTED the next statement then sees every entry the
 * previous holder committed, so a check-then-insert cannot spend the same money twice.
 */
export async function lockBalance(db: CommonQueryMethods, accountId: string, currency: string) {
  await db.query(sql.type(NoRows)`
    SELECT FROM (SELECT pg_advisory_xact_lock(hashtextextended(${`nex.balance:${accountId}:${currency}`}, 0))) locked
  `);
}

export function availableBalance(db: CommonQueryMethods, accountId: string, currency: string) {
  return db.oneFirst(sql.type(AvailableRow)`
    SELECT COALESCE(sum(amount), 0)::bigint AS available FROM nex.ledger_entries
    WHERE account_id = ${accountId} AND currency = ${currency} AND book = 'available'
  `);
}
