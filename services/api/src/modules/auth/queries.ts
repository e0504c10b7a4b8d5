import { Account } from '@yorozu/contract';
import { type CommonQueryMethods, sql } from 'slonik';
import Type, { type Static } from 'typebox';
import { NoRows, rowType } from '../../db/row-type.ts';
import { accountColumns } from '../../kernel/accounts/index.ts';

export interface NewAccount {
  id: string;
  email: string;
  /** Null for an account created by signing in with GitHub or Google. */
  passwordHash: string | null;
  name: string | null;
}

export function insertAccount(db: CommonQueryMethods, account: NewAccount) {
  return db.one(sql.type(rowType(Account))`
    INSERT INTO platform.accounts (id, email, password_hash, name)
    VALUES (${account.id}, ${account.email}, ${account.passwordHash}, ${account.name})
    RETURNING ${accountColumns}
  `);
}

const LoginRow = rowType(
  Type.Object({ accountId: Type.String(), passwordHash: Type.Union([Type.String(), Type.Null()]) }),
);

/** Before authentication, so through the owner-run look-up function (RLS cannot apply yet). */
export function findLogin(db: CommonQueryMethods, email: string) {
  return db.maybeOne(sql.type(LoginRow)`
    SELECT account_id AS "accountId", password_hash AS "passwordHash" FROM platform.find_login(${email})
  `);
}

export interface NewRefreshToken {
  accountId: string;
  familyId: string;
  tokenHash: Buffer;
  ttlDays: number;
}

export function insertRefreshToken(db: CommonQueryMethods, token: NewRefreshToken) {
  return db.query(sql.type(NoRows)`
    INSERT INTO platform.refresh_tokens (account_id, family_id, token_hash, expires_at)
    VALUES (${token.accountId}, ${token.familyId}, ${sql.binary(token.tokenHash)},
            now() + make_interval(days => ${token.ttlDays}))
  `);
}

const RefreshToken = Type.Object({
  id: Type.String(),
  accountId: Type.String(),
  familyId: Type.String(),
  expired: Type.Boolean(),
  retired: Type.Boolean(),
});
export type RefreshTokenRow = Static<typeof RefreshToken>;

export function findRefreshToken(db: CommonQueryMethods, tokenHash: Buffer) {
  return db.maybeOne(sql.type(rowType(RefreshToken))`
    SELECT id, account_id AS "accountId", family_id AS "familyId",
           expires_at <= now() AS expired, (rotated_at IS NOT NULL OR revoked_at IS NOT NULL) AS retired
    FROM platform.find_refresh_token(${sql.binary(tokenHash)})
  `);
}

/**
 * Retires one token, keeping the sealed pair it was rotated to; false when a
 * concurrent request retired it first.
 */
export async function rotateRefreshToken(
  db: CommonQueryMethods,
  id: string,
  successorSealed: Buffer,
): Promise<boolean> {
  const result = await db.query(sql.type(NoRows)`
    UPDATE platform.refresh_tokens SET rotated_at = now(), successor_sealed = ${sql.binary(successorSealed)}
    WHERE id = ${id} AND rotated_at IS NULL AND revoked_at IS NULL
  `);
  return result.rowCount === 1;
}

/** The sealed pair a token was rotated to, while its rotation is younger than the grace window. */
export function findRecentSuccessor(db: CommonQueryMethods, id: string, graceSeconds: number) {
  return db.maybeOneFirst(sql.type(rowType(Type.Object({ sealed: Type.Unsafe<Buffer>(Type.Any()) })))`
    SELECT successor_sealed AS sealed FROM platform.refresh_tokens
    WHERE id = ${id} AND revoked_at IS NULL AND successor_sealed IS NOT NULL
      AND rotated_at > now() - make_interval(secs => ${graceSeconds})
  `);
}

export function revokeRefreshFamily(db: CommonQueryMethods, accountId: string, familyId: string) {
  return db.query(sql.type(NoRows)`
    UPDATE platform.refresh_tokens SET revoked_at = now()
    WHERE account_id = ${accountId} AND family_id = ${familyId} AND revoked_at IS NULL
  `);
}
