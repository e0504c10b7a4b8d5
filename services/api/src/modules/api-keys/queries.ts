import { apiKeys } from '@yorozu/contract';
import { type CommonQueryMethods, sql } from 'slonik';
import { rowType } from '../../db/row-type.ts';
import { afterPosition, type Position } from '../../kernel/pagination.ts';

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

/** A named statement (src/db/pool.ts): the hot path bench/list-endpoint.ts measures. */
export function listApiKeys(db: CommonQueryMethods, accountId: string, after: Position | null, take: number) {
  return db.any(sql.prepared('list_api_keys', ApiKeyRow)`
    SELECT ${apiKeyColumns} FROM platform.api_keys
    WHERE account_id = ${accountId} ${afterPosition(after)}
    ORDER BY created_at DESC, id DESC
    LIMIT ${take}
  `);
}

/** Revokes a key; null when the account has no such live key. */
export function revokeApiKey(db: CommonQueryMethods, accountId: string, id: string) {
  return db.maybeOne(sql.type(ApiKeyRow)`
    UPDATE platform.api_keys SET revoked_at = now()
    WHERE account_id = ${accountId} AND id = ${id} AND revoked_at IS NULL
    RETURNING ${apiKeyColumns}
  `);
}
