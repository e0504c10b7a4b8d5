/**
 * Idempotency-Key (docs/architecture.md, Idempotency), inside the request's own
 * transaction so the stored response and the work it describes commit
 * together or not at all:
 *
 * - a transaction-scoped advisory lock on (account, key) makes a concurrent
 *   request with the same key fail fast with 409 `idempotency_in_progress`;
 * - a stored, unexpired record with the same request hash is replayed;
 *   a different hash is 422 `idempotency_key_mismatch`;
 * - records live 24 hours.
 */
import { createHash } from 'node:crypto';
import { type DatabaseTransactionConnection, sql } from 'slonik';
import Type from 'typebox';
import { rowType } from '../db/row-type.ts';
import { DomainError, validationFailed } from './errors.ts';

export const IDEMPOTENCY_TTL_HOURS = 24;
const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;

export interface StoredResponse {
  status: number;
  body: unknown;
}

const StoredRow = Type.Object({
  requestHash: Type.String(),
  status: Type.Integer(),
  body: Type.Unknown(),
});

export function requestHash(method: string, url: string, body: unknown): string {
  return (
    createHash('sha256')
      .update(`${method} ${url}\n`)
      // An upload's bytes are hashed as they are: as JSON, 10 MiB would become some 40 MB of text.
      .update(Buffer.isBuffer(body) ? body : JSON.stringify(body ?? null))
      .digest('hex')
  );
}

export function parseIdempotencyKey(header: string | string[] | undefined): string | null {
  if (header === undefined) return null;
  if (typeof header !== 'string' || !KEY_FORMAT.test(header)) {
    throw validationFailed('/headers/idempotency-key', 'must be 1 to 255 visible ASCII characters');
  }
  return header;
}

/** Locks the key for this transaction and returns the stored response to replay, if any. */
export async function claimIdempotencyKey(
  tx: DatabaseTransactionConnection,
  accountId: string,
  key: string,
  hash: string,
): Promise<StoredResponse | null> {
  const locked = await tx.oneFirst(sql.unsafe`
    SELECT pg_try_advisory_xact_lock(hashtextextended(${`${accountId}:${key}`}, 0)) AS locked
  `);
  if (!locked) {
    throw new DomainError(
      'idempotency_in_progress',
      'A request with this Idempotency-Key is still in progress.',
      {
        retryAfter: 1,
      },
    );
  }
  const stored = await tx.maybeOne(sql.type(rowType(StoredRow))`
    SELECT encode(request_hash, 'hex') AS "requestHash", response_status AS status, response_body AS body
    FROM platform.idempotency_keys
    WHERE account_id = ${accountId} AND key = ${key} AND expires_at > now()
  `);
  if (!stored) return null;
  if (stored.requestHash !== hash) {
    throw new DomainError(
      'idempotency_key_mismatch',
      'This Idempotency-Key was used with a different request; use a new key for a new request.',
    );
  }
  return { status: stored.status, body: stored.body };
}

export async function storeIdempotentResponse(
  tx: DatabaseTransactionConnection,
  accountId: string,
  key: string,
  hash: string,
  response: StoredResponse,
): Promise<void> {
  await tx.query(sql.unsafe`
    INSERT INTO platform.idempotency_keys (account_id, key, request_hash, response_status, response_body, expires_at)
    VALUES (${accountId}, ${key}, decode(${hash}, 'hex'), ${response.status}, ${sql.jsonb(response.body ?? null)},
            now() + make_interval(hours => ${IDEMPOTENCY_TTL_HOURS}))
    ON CONFLICT (account_id, key) DO UPDATE
      SET request_hash = EXCLUDED.request_hash, response_status = EXCLUDED.response_status,
          response_body = EXCLUDED.response_body, created_at = now(), expires_at = EXCLUDED.expires_at
  `);
}
