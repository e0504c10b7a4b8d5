/** Linked sign-in identities (migration 0080): one function per statement. */
import { me } from '@yorozu/contract';
import { type CommonQueryMethods, sql } from 'slonik';
import Type from 'typebox';
import { NoRows, rowType } from '../../db/row-type.ts';
import { afterPosition, type Position } from '../pagination.ts';

const IdentityRow = rowType(me.Identity);

const identityColumns = sql.fragment`
  id, provider, subject, email, created_at AS "createdAt", last_used_at AS "lastUsedAt"
`;

export interface LinkedIdentity {
  accountId: string;
  provider: string;
  subject: string;
  email: string | null;
}

/** Before the account is known (a sign-in's callback), through the owner-run look-up function. */
export function findIdentityAccount(db: CommonQueryMethods, provider: string, subject: string) {
  return db.maybeOneFirst(sql.type(rowType(Type.Object({ accountId: Type.String() })))`
    SELECT account_id AS "accountId" FROM platform.find_identity(${provider}, ${subject})
  `);
}

export function insertIdentity(db: CommonQueryMethods, identity: LinkedIdentity) {
  return db.one(sql.type(IdentityRow)`
    INSERT INTO platform.identities (account_id, provider, subject, email, last_used_at)
    VALUES (${identity.accountId}, ${identity.provider}, ${identity.subject}, ${identity.email}, now())
    RETURNING ${identityColumns}
  `);
}

/** A sign-in through an identity: keeps the provider's latest email and the time. */
export function touchIdentity(db: CommonQueryMethods, identity: LinkedIdentity) {
  return db.query(sql.type(NoRows)`
    UPDATE platform.identities SET email = ${identity.email}, last_used_at = now()
    WHERE account_id = ${identity.accountId} AND provider = ${identity.provider}
      AND subject = ${identity.subject}
  `);
}

export function listIdentities(
  db: CommonQueryMethods,
  accountId: string,
  after: Position | null,
  take: number,
) {
  return db.any(sql.type(IdentityRow)`
    SELECT ${identityColumns} FROM platform.identities
    WHERE account_id = ${accountId} ${afterPosition(after)}
    ORDER BY created_at DESC, id DESC
    LIMIT ${take}
  `);
}

const SignInMethods = rowType(Type.Object({ hasPassword: Type.Boolean(), identities: Type.Integer() }));

/**
 * The account's ways in, with its row locked until the transaction ends: two unlinks of an
 * account's last two identities then run one after the other, and the second sees one left.
 */
export function lockSignInMethods(db: CommonQueryMethods, accountId: string) {
  return db.one(sql.type(SignInMethods)`
    SELECT password_hash IS NOT NULL AS "hasPassword",
           (SELECT count(*) FROM platform.identities WHERE account_id = ${accountId})::int AS identities
    FROM platform.accounts WHERE id = ${accountId}
    FOR UPDATE
  `);
}

/** Whether the account has that identity. */
export function identityExists(db: CommonQueryMethods, accountId: string, id: string) {
  return db.exists(sql.type(NoRows)`
    SELECT 1 FROM platform.identities WHERE account_id = ${accountId} AND id = ${id}
  `);
}

export function deleteIdentity(db: CommonQueryMethods, accountId: string, id: string) {
  return db.query(sql.type(NoRows)`
    DELETE FROM platform.identities WHERE account_id = ${accountId} AND id = ${id}
  `);
}
