/**
 * Idempotency-Key (docs/security.md, Idempotency), inside the request's own
 * transaction so the stored response and the work it describes commit
 * together or not at all:
 *
 * - records are keyed by the account AND the credential that made the
 *   request (an API key, or the account itself for access tokens, which carry
 *   every scope): a replay goes only to the credential that was authorised
 *   for the original, never to a weaker key of the same account;
 * - a transaction-scoped advisory lock on (account, credential, key) makes a
 *   concurrent request with the same key fail fast with 409
 *   `idempotency_in_progress`;
 * - a stored, unexpired record with the same request hash is replayed;
 *   a different hash is 422 `idempotency_key_mismatch`;
 * - the stored response is sealed (AES-256-GCM, src/kernel/auth/sealing.ts)
 *   with the record's identity as associated data: a response may hold a
 *   secret (a new API key's), and the table never holds one in clear;
 * - records live 24 hours.
 */
import { createHash } from 'node:crypto';
import { type DatabaseTransactionConnection, sql } from 'slonik';
import Type from 'typebox';
import { NoRows, rowType } from '../db/row-type.ts';
import type { Principal } from './auth/principal.ts';
import type { Sealer } from './auth/sealing.ts';
import { DomainError, validationFailed } from './errors.ts';
import { SpooledUpload } from './files/index.ts';

export const IDEMPOTENCY_TTL_HOURS = 24;
const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;

export interface StoredResponse {
  status: number;
  body: unknown;
}

/** One stored record: whose it is, and under which key. */
export interface IdempotencyRecord {
  principal: Principal;
  key: string;
  hash: string;
}

const LockedRow = rowType(Type.Object({ locked: Type.Boolean() }));
const StoredRow = rowType(
  Type.Object({
    requestHash: Type.String(),
    status: Type.Integer(),
    sealed: Type.Unsafe<Buffer>(Type.Any()),
  }),
);

export function requestHash(method: string, url: string, body: unknown): string {
  return (
    createHash('sha256')
      .update(`${method} ${url}\n`)
      // An upload's bytes are hashed as they are: as JSON, 10 MiB would become some 40 MB of text.
      // A spooled one's SHA-256 was taken while it streamed in.
      .update(
        Buffer.isBuffer(body)
          ? body
          : body instanceof SpooledUpload
            ? body.sha256
            : JSON.stringify(body ?? null),
      )
      .digest('hex')
  );
}

export function parseIdempotencyKey(header: string | string[] | undefined): string | null {
  if (header === undefined) return null;
  if (typeof header !== 'string' || !KEY_FORMAT.test(header)) {
    throw validationFailed('/header/idempotency-key', 'must be 1 to 255 visible ASCII characters');
  }
  return header;
}

/** The associated data a response is sealed with: it opens only on its own record. */
function sealingContext({ principal, key }: IdempotencyRecord): string {
  const { accountId, actor } = principal;
  return JSON.stringify(['idempotency', accountId, actor.type, actor.id, key]);
}

/** Locks the key for this transaction and returns the stored response to replay, if any. */
export async function claimIdempotencyKey(
  tx: DatabaseTransactionConnection,
  sealer: Sealer,
  record: IdempotencyRecord,
): Promise<StoredResponse | null> {
  const { principal, key, hash } = record;
  const { accountId, actor } = principal;
  const locked = await tx.oneFirst(sql.prepared('lock_idempotency_key', LockedRow)`
    SELECT pg_try_advisory_xact_lock(hashtextextended(${sealingContext(record)}, 0)) AS locked
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
  const stored = await tx.maybeOne(sql.prepared('find_idempotent_response', StoredRow)`
    SELECT encode(request_hash, 'hex') AS "requestHash", response_status AS status, response_sealed AS sealed
    FROM platform.idempotency_keys
    WHERE account_id = ${accountId} AND actor_type = ${actor.type} AND actor_id = ${actor.id}
      AND key = ${key} AND expires_at > now()
  `);
  if (!stored) return null;
  if (stored.requestHash !== hash) {
    throw new DomainError(
      'idempotency_key_mismatch',
      'This Idempotency-Key was used with a different request; use a new key for a new request.',
    );
  }
  const body = sealer.open(stored.sealed, sealingContext(record));
  if (body === null) {
    // Sealed under a server secret this process does not have (JWT_SECRET changed): the first
    // request did its work, and running it again would do it twice.
    throw new DomainError(
      'conflict',
      'A request with this Idempotency-Key was already processed, and its response can no longer be shown; use a new key for a new request.',
    );
  }
  return { status: stored.status, body: JSON.parse(body) };
}

export async function storeIdempotentResponse(
  tx: DatabaseTransactionConnection,
  sealer: Sealer,
  record: IdempotencyRecord,
  response: StoredResponse,
): Promise<void> {
  const { principal, key, hash } = record;
  const { accountId, actor } = principal;
  const sealed = sealer.seal(JSON.stringify(response.body ?? null), sealingContext(record));
  await tx.query(sql.prepared('store_idempotent_response', NoRows)`
    INSERT INTO platform.idempotency_keys
      (account_id, actor_type, actor_id, key, request_hash, response_status, response_sealed, expires_at)
    VALUES (${accountId}, ${actor.type}, ${actor.id}, ${key}, decode(${hash}, 'hex'), ${response.status},
            ${sql.binary(sealed)}, now() + make_interval(hours => ${IDEMPOTENCY_TTL_HOURS}))
    ON CONFLICT (account_id, actor_type, actor_id, key) DO UPDATE
      SET request_hash = EXCLUDED.request_hash, response_status = EXCLUDED.response_status,
          response_sealed = EXCLUDED.response_sealed, created_at = now(), expires_at = EXCLUDED.expires_at
  `);
}
