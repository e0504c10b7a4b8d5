/**
 * Turns an `Authorization: Bearer` header into a Principal: an API key
 * (`yz_…`, looked up by hash, revoked keys fail at once) or an access token.
 */
import { type DatabasePool, sql } from 'slonik';
import Type from 'typebox';
import { rowType } from '../../db/row-type.ts';
import { unauthenticated } from '../errors.ts';
import type { AccessTokens } from './access-tokens.ts';
import { accountPrincipal, type Principal } from './principal.ts';
import { API_KEY_PREFIX, hashSecret } from './secrets.ts';

const ApiKeyCredential = Type.Object({
  id: Type.String(),
  accountId: Type.String(),
  scopes: Type.Array(Type.String()),
});

function findApiKey(pool: DatabasePool, secret: string) {
  return pool.maybeOne(sql.type(rowType(ApiKeyCredential))`
    SELECT id, account_id AS "accountId", scopes
    FROM platform.authenticate_api_key(${sql.binary(hashSecret(secret))})
  `);
}

const BEARER = /^Bearer ([\x21-\x7e]{1,4096})$/;

export async function authenticate(
  pool: DatabasePool,
  tokens: AccessTokens,
  header: string | undefined,
): Promise<Principal> {
  if (!header)
    throw unauthenticated('Send credentials as `Authorization: Bearer <access token or API key>`.');
  const token = BEARER.exec(header)?.[1];
  if (!token) throw unauthenticated('The Authorization header must be `Bearer <token>`.');
  if (token.startsWith(API_KEY_PREFIX)) {
    const key = await findApiKey(pool, token);
    if (!key) throw unauthenticated('The API key is invalid or revoked.');
    return { accountId: key.accountId, actor: { type: 'api_key', id: key.id }, scopes: new Set(key.scopes) };
  }
  const accountId = await tokens.verify(token);
  if (!accountId) throw unauthenticated('The access token is invalid or expired.');
  return accountPrincipal(accountId);
}
