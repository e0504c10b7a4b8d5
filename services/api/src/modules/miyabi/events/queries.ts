/** The event store's statements (migrations/0340_miyabi-event-store.sql). */
import { miyabiEvents } from '@yorozu/contract';
import { type CommonQueryMethods, sql } from 'slonik';
import Type from 'typebox';
import { NoRows, rowType } from '../../../db/row-type.ts';
import type { Position } from '../../../kernel/pagination.ts';

export type EventRow = Type.Static<typeof miyabiEvents.MiyabiEvent>;
const EventRowType = rowType(miyabiEvents.MiyabiEvent);
const CountRow = rowType(Type.Object({ count: Type.Integer() }));
const AccountRow = rowType(Type.Object({ accountId: Type.String() }));
const NamesRow = rowType(Type.Object({ names: Type.Array(Type.String()) }));

/** One account's events of a batch, column by column (for unnest). */
export interface EventRowsColumns {
  ids: string[];
  repositoryIds: (string | null)[];
  types: string[];
  subjects: (string | null)[];
  /** JSON text of each event's data. */
  data: string[];
  /** RFC 3339. */
  times: string[];
}

/** The account the transaction is bound to ('' for none), to restore after binding others. */
export function boundAccount(db: CommonQueryMethods) {
  return db.oneFirst(sql.type(AccountRow)`
    SELECT COALESCE(current_setting('app.account_id', true), '') AS "accountId"
  `);
}

/**
 * One statement for the whole batch of an account: arrays travel as one parameter each, so the
 * statement's text and plan are the same for 1 and 1 000 rows (sql.prepared). Events already
 * recorded are skipped by the unique index.
 */
export async function insertEvents(db: CommonQueryMethods, accountId: string, columns: EventRowsColumns) {
  const result = await db.query(sql.prepared('miyabi_insert_events', NoRows)`
    INSERT INTO miyabi.events (id, account_id, repository_id, type, subject, data, created_at)
    SELECT e.id, ${accountId}::uuid, e.repository_id, e.type, e.subject, e.data, e.created_at
    FROM unnest(
      ${sql.array(columns.ids, 'uuid')},
      ${sql.array(columns.repositoryIds, 'uuid')},
      ${sql.array(columns.types, 'text')},
      ${sql.array(columns.subjects, 'text')},
      ${sql.array(columns.data, 'jsonb')},
      ${sql.array(columns.times, 'timestamptz')}
    ) AS e (id, repository_id, type, subject, data, created_at)
    ON CONFLICT (account_id, created_at, id) DO NOTHING
  `);
  return result.rowCount;
}

export interface EventSelection {
  accountId: string;
  repositoryId?: string | undefined;
  type?: string | undefined;
  after: Position | null;
  take: number;
  /** Older events are past their retention, whether or not their partition is dropped yet. */
  since: string;
}

/**
 * Newest first on (account_id, created_at, id) or, with a repository, on the repository index;
 * `since` prunes the partitions older than the retention window.
 */
export function selectEvents(db: CommonQueryMethods, query: EventSelection) {
  const after = query.after
    ? sql.fragment`AND (created_at, id) < (${query.after.createdAt}::timestamptz, ${query.after.id}::uuid)`
    : sql.fragment``;
  const repository =
    query.repositoryId === undefined
      ? sql.fragment``
      : sql.fragment`AND repository_id = ${query.repositoryId}`;
  const type = query.type === undefined ? sql.fragment`` : sql.fragment`AND type = ${query.type}`;
  return db.any(sql.type(EventRowType)`
    SELECT id, type, repository_id AS "repositoryId", subject, data, created_at AS "createdAt"
    FROM miyabi.events
    WHERE account_id = ${query.accountId} AND created_at > ${query.since}::timestamptz
      ${repository} ${type} ${after}
    ORDER BY created_at DESC, id DESC
    LIMIT ${query.take}
  `);
}

export function createEventPartitions(db: CommonQueryMethods, from: string, to: string) {
  return db.oneFirst(sql.type(CountRow)`
    SELECT miyabi.create_event_partitions(${from}::timestamptz, ${to}::timestamptz) AS count
  `);
}

export function dropEventPartitions(db: CommonQueryMethods, before: string) {
  return db.oneFirst(sql.type(NamesRow)`
    SELECT miyabi.drop_event_partitions(${before}::timestamptz) AS names
  `);
}

export function listEventPartitions(db: CommonQueryMethods) {
  return db.oneFirst(sql.type(NamesRow)`SELECT miyabi.event_partitions() AS names`);
}
