/**
 * Turns an `Authorization: Bearer` header into a Principal: an API key
 * (`yz_…`, looked up by hash, revoked keys fail at once) or an access token.
 *
 * Two steps, so a request authenticates on the connection of its own
 * transaction (one pool checkout and one round trip fewer, measured by bench/list-endpoint.ts):
 * `readCredential` checks the header and an access token's signature before
 * any database work; `bindCredential`, the transaction's first statement,
 * finds an API key and binds the transaction to its account in the same
 * statement. A key's last use is marked after the transaction
 * (`markApiKeyUsed`), at most once a minute.
 */
import { type DatabasePool, type DatabaseTransactionConnection, sql } from 'slonik';
import Type, { type Static } from 'typebox';
import { PIPELINED, READ_ONLY_PIPELINED } from '../../db/driver.ts';
import { NoRows, rowType } from '../../db/row-type.ts';
import { unauthenticated } from '../errors.ts';
import type { AccessTokens } from './access-tokens.ts';
import type { KnownCaller } from './known-callers.ts';
import { accountPrincipal, type Principal } from './principal.ts';
import { API_KEY_PREFIX, hashSecret, isWellFormedSecret } from './secrets.ts';

export type Credential =
  | { type: 'api_key'; secretHash: Buffer }
  | { type: 'access_token'; accountId: string };

export interface BoundCredential {
  principal: Principal;
  /** An API key's scopes in the database's order (what `KnownCallers` remembers); null for a token. */
  scopes: readonly string[] | null;
  /** An API key whose last use is over a minute old: mark it with `markApiKeyUsed` once the request is done. */
  touchDue: boolean;
}

/** SQLSTATE invalid_authorization_specification (PostgreSQL documentation, Appendix A). */
const INVALID_AUTHORIZATION = '28000';

const BEARER = /^Bearer ([\x21-\x7e]{1,4096})$/;
/** Only the service mints subjects, always UUIDs; anything else is not ours (and must not reach a uuid cast). */
const ACCOUNT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function readCredential(tokens: AccessTokens, header: string | undefined): Credential {
  if (!header)
    throw unauthenticated('Send credentials as `Authorization: Bearer <access token or API key>`.');
  const token = BEARER.exec(header)?.[1];
  if (!token) throw unauthenticated('The Authorization header must be `Bearer <token>`.');
  if (token.startsWith(API_KEY_PREFIX)) {
    if (!isWellFormedSecret(API_KEY_PREFIX, token)) throw unauthenticated('The API key is malformed.');
    return { type: 'api_key', secretHash: hashSecret(token) };
  }
  const accountId = tokens.verify(token);
  if (!accountId || !ACCOUNT_ID.test(accountId))
    throw unauthenticated('The access token is invalid or expired.');
  return { type: 'access_token', accountId };
}

const ApiKeyCredentialRow = rowType(
  Type.Object({
    id: Type.String(),
    accountId: Type.String(),
    scopes: Type.Array(Type.String()),
    touchDue: Type.Boolean(),
    boundTo: Type.String(),
  }),
);

/**
 * `set_config` runs once per row the function returns: a live key binds the
 * transaction to its account, an unknown or revoked key returns no row and
 * binds nothing (the request then fails with 401 and rolls back).
 */
function findApiKeyAndBind(tx: DatabaseTransactionConnection, secretHash: Buffer) {
  return tx.maybeOne(sql.prepared('find_api_key_and_bind', ApiKeyCredentialRow)`
    SELECT id, account_id AS "accountId", scopes, touch_due AS "touchDue",
           set_config('app.account_id', account_id::text, true) AS "boundTo"
    FROM platform.find_api_key(${sql.binary(secretHash)})
  `);
}

const AccountCredentialRow = rowType(Type.Object({ boundTo: Type.String() }));

/**
 * An access token outlives nothing it names: the account must still exist
 * (a deleted account's tokens stay validly signed until they expire).
 */
function findAccountAndBind(tx: DatabaseTransactionConnection, accountId: string) {
  return tx.maybeOne(sql.prepared('find_account_and_bind', AccountCredentialRow)`
    SELECT set_config('app.account_id', id::text, true) AS "boundTo" FROM platform.find_account(${accountId})
  `);
}

/** The 401 of a credential whose key or account the database does not know. */
export function unknownCredential(credential: Credential) {
  return unauthenticated(
    credential.type === 'access_token'
      ? 'The access token names an account that does not exist.'
      : 'The API key is invalid or revoked.',
  );
}

/** The transaction's first statement: who is calling, with the transaction bound to their account. */
export async function bindCredential(
  tx: DatabaseTransactionConnection,
  credential: Credential,
): Promise<BoundCredential> {
  if (credential.type === 'access_token') {
    const account = await findAccountAndBind(tx, credential.accountId);
    if (!account) throw unknownCredential(credential);
    return { principal: accountPrincipal(credential.accountId), scopes: null, touchDue: false };
  }
  const key = await findApiKeyAndBind(tx, credential.secretHash);
  if (!key) throw unknownCredential(credential);
  return {
    principal: {
      accountId: key.accountId,
      actor: { type: 'api_key', id: key.id },
      scopes: new Set(key.scopes),
    },
    scopes: key.scopes,
    touchDue: key.touchDue,
  };
}

/**
 * The first statement of a request whose caller is known (`KnownCallers`): held by the driver and
 * written with the request's next statement (db/driver.ts, `PIPELINED`). It binds the transaction
 * (and makes a read's read-only, `READ_ONLY_PIPELINED`), or aborts it with SQLSTATE 28000 when the
 * credential is no longer that caller (migration 0460).
 */
export async function bindKnownCaller(
  tx: DatabaseTransactionConnection,
  credential: Credential,
  known: KnownCaller,
  readOnly: boolean,
): Promise<void> {
  const { principal, scopes } = known;
  const secretHash = credential.type === 'api_key' ? sql.binary(credential.secretHash) : null;
  const keyId = principal.actor.type === 'api_key' ? principal.actor.id : null;
  const name = `${readOnly ? READ_ONLY_PIPELINED : PIPELINED}bind_known_caller`;
  await tx.query(sql.prepared(name, NoRows)`
    SELECT FROM platform.bind_known_caller(${secretHash}, ${principal.accountId}, ${keyId},
                                           ${scopes ? sql.array([...scopes], 'text') : null}, ${readOnly})
  `);
}

/** SQLSTATE read_only_sql_transaction: a read-only operation's handler tried to write. */
const READ_ONLY_TRANSACTION = '25006';

function hasCode(error: unknown, code: string): boolean {
  let cause = error;
  for (let depth = 0; cause && depth < 8; depth++) {
    if ((cause as { code?: unknown }).code === code) return true;
    cause = (cause as { cause?: unknown }).cause;
  }
  return false;
}

/** The error of a binding `bindKnownCaller` sent, when the credential was not the caller predicted. */
export function isMispredictedCaller(error: unknown): boolean {
  return hasCode(error, INVALID_AUTHORIZATION);
}

/** A write refused by the read-only transaction `bindKnownCaller` opened for a read. */
export function isReadOnlyRefusal(error: unknown): boolean {
  return hasCode(error, READ_ONLY_TRANSACTION);
}

/** Sets the key's last_used_at (in its own statement on the pool; the function skips a mark under a minute old). */
export async function markApiKeyUsed(pool: DatabasePool, credential: Credential): Promise<void> {
  if (credential.type !== 'api_key') return;
  await pool.query(
    sql.type(NoRows)`SELECT FROM platform.touch_api_key(${sql.binary(credential.secretHash)})`,
  );
}

/**
 * The caller columns a one-statement read returns in its first row (migrations/0070): the
 * credential's key and account, the key's scopes, whether its last use is due to be marked and
 * whether its scopes allow the read. Page rows leave them null.
 */
export const CallerColumns = {
  callerKeyId: Type.Union([Type.String(), Type.Null()]),
  callerAccountId: Type.Union([Type.String(), Type.Null()]),
  callerScopes: Type.Union([Type.Array(Type.String()), Type.Null()]),
  callerTouchDue: Type.Union([Type.Boolean(), Type.Null()]),
  callerAllowed: Type.Union([Type.Boolean(), Type.Null()]),
};

type CallerRow = { [K in keyof typeof CallerColumns]: Static<(typeof CallerColumns)[K]> };

/** Who a one-statement read authenticated, and whether the operation's scope allowed it. */
export interface Caller extends BoundCredential {
  allowed: boolean;
}

/** The caller of a one-statement read's first row; null when the credential was unknown (no row). */
export function callerOf(row: CallerRow | undefined): Caller | null {
  if (!row?.callerAccountId) return null;
  const { callerKeyId, callerAccountId, callerScopes } = row;
  const principal: Principal = callerKeyId
    ? {
        accountId: callerAccountId,
        actor: { type: 'api_key', id: callerKeyId },
        scopes: new Set(callerScopes ?? []),
      }
    : accountPrincipal(callerAccountId);
  return {
    principal,
    scopes: callerKeyId ? (callerScopes ?? []) : null,
    touchDue: row.callerTouchDue === true,
    allowed: row.callerAllowed === true,
  };
}

/** What a one-statement read passes for the credential: an API key's hash, or an access token's account. */
export function credentialArguments(credential: Credential) {
  return credential.type === 'api_key'
    ? { secretHash: sql.binary(credential.secretHash), accountId: null }
    : { secretHash: null, accountId: credential.accountId };
}
