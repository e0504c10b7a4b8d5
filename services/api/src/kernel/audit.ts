/**
 * The audit log (docs/architecture.md, Audit log): the one row of a successful mutating request,
 * written in the request's own transaction, with what the request changed when its module says.
 */
import { isDeepStrictEqual } from 'node:util';
import { type DatabaseTransactionConnection, type FragmentSqlToken, sql } from 'slonik';
import { NoRows } from '../db/row-type.ts';
import type { Principal } from './auth/principal.ts';

/** One field's value before and after the request; null before a create, after a delete. */
export interface AuditChange {
  before: unknown;
  after: unknown;
}

export type AuditChanges = Record<string, AuditChange>;

/**
 * What a module calls with the resource as it was and as it is now (rows in the API's shape,
 * null for "did not exist"): the binder stores their difference on the request's audit row.
 */
export type RecordChanges = (before: object | null, after: object | null) => void;

/**
 * Fields never copied into the log, whatever their value: passwords, the hashes of keys and
 * tokens, secrets shown once (an API key's `secret`), tokens. Matched on the field's name.
 */
const SECRET_FIELD = /password|secret|token|hash/i;

/** Bookkeeping that changes on every write and says nothing about what was changed. */
const IGNORED_FIELDS = new Set(['updatedAt']);

/**
 * The fields that differ between two versions of a resource, top level only (a changed nested
 * object is recorded whole), secrets left out. Null when nothing recordable changed.
 */
export function auditChanges(before: object | null, after: object | null): AuditChanges | null {
  const was = (before ?? {}) as Record<string, unknown>;
  const is = (after ?? {}) as Record<string, unknown>;
  const changes: AuditChanges = {};
  for (const field of new Set([...Object.keys(was), ...Object.keys(is)])) {
    if (SECRET_FIELD.test(field) || IGNORED_FIELDS.has(field)) continue;
    const change = { before: was[field] ?? null, after: is[field] ?? null };
    if (!isDeepStrictEqual(change.before, change.after)) changes[field] = change;
  }
  return Object.keys(changes).length === 0 ? null : changes;
}

/** The longest User-Agent kept: the header is the client's to choose, and every write stores it. */
export const USER_AGENT_MAX_LENGTH = 512;

export function auditedUserAgent(header: string | undefined): string | null {
  return header ? header.slice(0, USER_AGENT_MAX_LENGTH) : null;
}

export interface AuditRecord {
  principal: Principal;
  action: string;
  resource: string;
  resourceId: string | null;
  requestId: string;
  /** The client's address as Fastify resolves it (`TRUST_PROXY` decides whether proxies are believed). */
  ip: string | null;
  userAgent: string | null;
  changes: AuditChanges | null;
}

/**
 * The audit row's INSERT: run alone by `recordAudit`, or as a data-modifying CTE of the statement
 * that settles the request's first quota spend (http/operation-stages.ts), one round trip fewer.
 */
export function auditInsert(record: AuditRecord): FragmentSqlToken {
  return sql.fragment`
    INSERT INTO platform.audit_log
      (account_id, actor_type, actor_id, action, resource, resource_id, request_id, ip, user_agent, changes)
    VALUES (${record.principal.accountId}, ${record.principal.actor.type}, ${record.principal.actor.id},
            ${record.action}, ${record.resource}, ${record.resourceId}, ${record.requestId}, ${record.ip}::inet,
            ${record.userAgent}, ${record.changes === null ? null : JSON.stringify(record.changes)}::jsonb)
  `;
}

export async function recordAudit(tx: DatabaseTransactionConnection, record: AuditRecord): Promise<void> {
  // Named (src/db/pool.ts): every audited request runs it.
  await tx.query(sql.prepared('record_audit', NoRows)`${auditInsert(record)}`);
}
