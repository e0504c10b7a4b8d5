/**
 * The event store (docs/products/miyabi.md, The event store): the original design's DynamoDB table
 * MiyabiEvents behind an interface, so that the composition root can swap the PostgreSQL default
 * for a DynamoDB adapter (BatchWriteItem of 25 items, the two GSIs as its two queries) without a
 * caller changing. Callers append events in batches and read an account's events newest first,
 * optionally for one repository; expiry is the store's own business (partitions dropped after 90
 * days here, TTL there).
 */
import { randomUUID } from 'node:crypto';
import {
  CheckIntegrityConstraintViolationError,
  type CommonQueryMethods,
  type DatabasePool,
  type DatabaseTransactionConnection,
} from 'slonik';
import { DomainError } from '../../../kernel/errors.ts';
import type { Position } from '../../../kernel/pagination.ts';
import { bindAccount } from '../../../kernel/tenancy.ts';
import {
  boundAccount,
  createEventPartitions,
  type EventRow,
  type EventRowsColumns,
  insertEvents,
  selectEvents,
} from './queries.ts';

/** The original design's TTL: events are kept 90 days after they happened. */
export const EVENT_RETENTION_DAYS = 90;
const DAY_MS = 86_400_000;
/** How far ahead of the clock an event may be dated (clocks of callers drift; partitions exist a week ahead). */
const MAX_FUTURE_MS = 60 * 60 * 1000;
/** The most events one append takes: one statement per account of the batch. */
export const MAX_APPEND = 5000;

export const EVENT_TYPE = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;

export interface NewEvent {
  /** Supply one to make a retried append a no-op (with the same `at`); random otherwise. */
  id?: string;
  accountId: string;
  repositoryId?: string | null;
  /** `agent_execution`, `webhook.github`, `line.message`, …: dot-separated lower-case words, ≤ 64. */
  type: string;
  subject?: string | null;
  data?: Record<string, unknown>;
  /** When it happened (ms since the epoch); the store's clock by default. */
  at?: number;
}

export interface EventQuery {
  accountId: string;
  repositoryId?: string | undefined;
  type?: string | undefined;
  /** Continue after this position (newest first). */
  after: Position | null;
  take: number;
}

/** A connection the store may open transactions on: the pool, or a caller's transaction. */
export type EventDb = DatabasePool | DatabaseTransactionConnection;

export interface EventStore {
  readonly name: string;
  /**
   * Records the events, in as few statements as the store allows. An event already recorded
   * (same account, time and id) is skipped: the result counts the new ones. Inside a caller's
   * transaction, the events commit (or roll back) with it.
   */
  append(db: EventDb, events: readonly NewEvent[]): Promise<{ appended: number }>;
  /** The account's events of the retention window, newest first (by time, then id). */
  list(db: CommonQueryMethods, query: EventQuery): Promise<readonly EventRow[]>;
}

function badEvent(index: number, message: string): DomainError {
  return new DomainError('validation_failed', `Event ${index} cannot be recorded: ${message}.`, {
    errors: [{ path: `/events/${index}`, message }],
  });
}

/** The events as columns, checked: a bad event is a caller's bug, refused before anything is written. */
function columnsOf(events: readonly NewEvent[], nowMs: number): Map<string, EventRowsColumns> {
  const byAccount = new Map<string, EventRowsColumns>();
  const oldest = nowMs - EVENT_RETENTION_DAYS * DAY_MS;
  events.forEach((event, index) => {
    const at = event.at ?? nowMs;
    if (!EVENT_TYPE.test(event.type) || event.type.length > 64) throw badEvent(index, 'invalid type');
    if (!Number.isFinite(at) || at <= oldest || at > nowMs + MAX_FUTURE_MS)
      throw badEvent(index, 'its time is outside the retention window');
    if (event.subject && event.subject.length > 200) throw badEvent(index, 'subject over 200 characters');
    let columns = byAccount.get(event.accountId);
    if (!columns) {
      columns = { ids: [], repositoryIds: [], types: [], subjects: [], data: [], times: [] };
      byAccount.set(event.accountId, columns);
    }
    columns.ids.push(event.id ?? randomUUID());
    columns.repositoryIds.push(event.repositoryId ?? null);
    columns.types.push(event.type);
    columns.subjects.push(event.subject ?? null);
    columns.data.push(JSON.stringify(event.data ?? {}));
    columns.times.push(new Date(at).toISOString());
  });
  return byAccount;
}

function timeRange(byAccount: Map<string, EventRowsColumns>): { from: string; to: string } {
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (const { times } of byAccount.values()) {
    for (const time of times) {
      const ms = Date.parse(time);
      from = Math.min(from, ms);
      to = Math.max(to, ms);
    }
  }
  return { from: new Date(from).toISOString(), to: new Date(to + 1).toISOString() };
}

async function insertAll(tx: DatabaseTransactionConnection, byAccount: Map<string, EventRowsColumns>) {
  // RLS checks each row against the bound account: bind each account in turn, then give the
  // caller's transaction back the account it had bound.
  const previous = await boundAccount(tx);
  let appended = 0;
  for (const [accountId, columns] of byAccount) {
    await bindAccount(tx, accountId);
    appended += await insertEvents(tx, accountId, columns);
  }
  await bindAccount(tx, previous);
  return appended;
}

/**
 * The PostgreSQL store (migrations/0340): one multi-row INSERT … SELECT FROM unnest(…) per account
 * of the batch, in one transaction (a savepoint inside a caller's). A batch dated where no
 * partition exists yet (the maintenance job is late, or the batch is older than the first
 * partition) creates the missing day partitions and is retried once.
 */
export function postgresEventStore(clock: () => number): EventStore {
  return {
    name: 'postgres',
    async append(db, events) {
      if (events.length === 0) return { appended: 0 };
      if (events.length > MAX_APPEND) throw new RangeError(`At most ${MAX_APPEND} events per append.`);
      const byAccount = columnsOf(events, clock());
      try {
        return { appended: await db.transaction((tx) => insertAll(tx, byAccount)) };
      } catch (error) {
        if (!(error instanceof CheckIntegrityConstraintViolationError)) throw error;
        const { from, to } = timeRange(byAccount);
        await db.transaction((tx) => createEventPartitions(tx, from, to));
        return { appended: await db.transaction((tx) => insertAll(tx, byAccount)) };
      }
    },
    list(db, query) {
      const since = new Date(clock() - EVENT_RETENTION_DAYS * DAY_MS).toISOString();
      return selectEvents(db, { ...query, since });
    },
  };
}
