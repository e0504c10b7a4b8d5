import { apiKeys } from '@yorozu/contract';
import { type CommonQueryMethods, type DatabasePool, sql } from 'slonik';
import Type, { type Static, type TSchema } from 'typebox';
import { rowType } from '../../db/row-type.ts';
import {
  type Caller,
  CallerColumns,
  type Credential,
  callerOf,
  credentialArguments,
} from '../../kernel/auth/index.ts';
import type { Position } from '../../kernel/pagination.ts';

const ApiKeyRow = rowType(apiKeys.ApiKey);

const apiKeyColumns = sql.fragment`
  id, name, prefix, scopes, created_at AS "createdAt", last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"
`;

export interface NewApiKey {
  accountId: string;
  name: string;
  prefix: string;
  secretHash: Buffer;
  scopes: readonly string[];
}

export function insertApiKey(db: CommonQueryMethods, key: NewApiKey) {
  return db.one(sql.type(ApiKeyRow)`
    INSERT INTO platform.api_keys (account_id, name, prefix, secret_hash, scopes)
    VALUES (${key.accountId}, ${key.name}, ${key.prefix}, ${sql.binary(key.secretHash)}, ${sql.array(key.scopes, 'text')})
    RETURNING ${apiKeyColumns}
  `);
}

type ApiKey = Static<typeof apiKeys.ApiKey>;

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** The caller row, then the page's rows, whose own columns are null in the caller row (migrations/0070). */
const CallerOrApiKey = Type.Object({
  ...CallerColumns,
  id: Nullable(Type.String()),
  name: Nullable(Type.String()),
  prefix: Nullable(Type.String()),
  scopes: Nullable(Type.Array(Type.String())),
  createdAt: Nullable(Type.String()),
  lastUsedAt: Nullable(Type.String()),
  revokedAt: Nullable(Type.String()),
});
const CallerOrApiKeyRow = rowType(CallerOrApiKey);

/** A page row: its key columns are NOT NULL in platform.api_keys, so null means a caller row. */
function apiKeyOf({
  id,
  name,
  prefix,
  scopes,
  createdAt,
  lastUsedAt,
  revokedAt,
}: Static<typeof CallerOrApiKey>): ApiKey {
  if (id === null || name === null || prefix === null || scopes === null || createdAt === null)
    throw new Error('list_api_keys_as returned a page row without its key columns');
  return { id, name, prefix, scopes: scopes as ApiKey['scopes'], createdAt, lastUsedAt, revokedAt };
}

/**
 * The caller and one page of their keys in one statement, outside any transaction (a read in one
 * round trip: docs/architecture.md, How a request runs). The function authenticates the
 * credential, checks `scope`, binds the statement's own transaction to the account and reads
 * the page under RLS; `caller` is null for an unknown credential, and the page is empty when
 * the scope is missing.
 */
export async function listApiKeysAs(
  pool: DatabasePool,
  credential: Credential,
  scope: string,
  after: Position | null,
  take: number,
): Promise<{ caller: Caller | null; rows: ApiKey[] }> {
  const { secretHash, accountId } = credentialArguments(credential);
  const [first, ...page] = await pool.any(sql.prepared('list_api_keys_as', CallerOrApiKeyRow)`
    SELECT caller_key_id AS "callerKeyId", caller_account_id AS "callerAccountId",
           caller_scopes AS "callerScopes", caller_touch_due AS "callerTouchDue",
           caller_allowed AS "callerAllowed", ${apiKeyColumns}
    FROM platform.list_api_keys_as(${secretHash}, ${accountId}::uuid, ${scope},
                                   ${after?.createdAt ?? null}::timestamptz, ${after?.id ?? null}::uuid, ${take})
  `);
  return { caller: callerOf(first), rows: page.map(apiKeyOf) };
}

/** Revokes a key; null when the account has no such live key. */
export function revokeApiKey(db: CommonQueryMethods, accountId: string, id: string) {
  return db.maybeOne(sql.type(ApiKeyRow)`
    UPDATE platform.api_keys SET revoked_at = now()
    WHERE account_id = ${accountId} AND id = ${id} AND revoked_at IS NULL
    RETURNING ${apiKeyColumns}
  `);
}
