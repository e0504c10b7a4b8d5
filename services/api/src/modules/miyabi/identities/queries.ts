/** miyabi.identities and miyabi.identity_flows (migrations/0407_miyabi-identities.sql), one function per statement. */
import { miyabiIdentities } from '@yorozu/contract';
import { type CommonQueryMethods, sql } from 'slonik';
import Type from 'typebox';
import { rowType } from '../../../db/row-type.ts';
import { afterPosition, type Position } from '../../../kernel/pagination.ts';
import type { IdentityProviderName } from './providers.ts';

const IdentityRow = rowType(miyabiIdentities.Identity);
const VerifierRow = rowType(Type.Object({ codeVerifier: Type.String() }));
const LinkedRow = rowType(
  Type.Object({ id: Type.String(), createdAt: Type.String(), updatedAt: Type.String() }),
);
const ExpiresRow = rowType(Type.Object({ expiresAt: Type.String() }));
const DeletedRow = rowType(Type.Object({ deleted: Type.Boolean() }));
const TokenRow = rowType(Type.Object({ sealed: Type.Unsafe<Buffer>(Type.Any()), subject: Type.String() }));

const columns = sql.fragment`
  id, provider, subject, login, linked_via AS "linkedVia", access_token IS NOT NULL AS "canCallApi",
  created_at AS "createdAt", updated_at AS "updatedAt"
`;

export function listIdentities(
  db: CommonQueryMethods,
  accountId: string,
  after: Position | null,
  take: number,
) {
  return db.any(sql.type(IdentityRow)`
    SELECT ${columns} FROM miyabi.identities
    WHERE account_id = ${accountId} ${afterPosition(after)}
    ORDER BY created_at DESC, id DESC LIMIT ${take}
  `);
}

/** Starts a flow, replacing the account's unfinished one with the same provider. */
export function upsertFlow(
  db: CommonQueryMethods,
  flow: {
    accountId: string;
    provider: IdentityProviderName;
    state: string;
    codeVerifier: string;
    ttlSeconds: number;
  },
) {
  return db.one(sql.type(ExpiresRow)`
    INSERT INTO miyabi.identity_flows (state, account_id, provider, code_verifier, expires_at)
    VALUES (${flow.state}, ${flow.accountId}, ${flow.provider}, ${flow.codeVerifier},
            now() + make_interval(secs => ${flow.ttlSeconds}))
    ON CONFLICT (account_id, provider) DO UPDATE
      SET state = excluded.state, code_verifier = excluded.code_verifier, expires_at = excluded.expires_at,
          created_at = now()
    RETURNING expires_at AS "expiresAt"
  `);
}

/** The verifier of the account's unexpired flow of this state and provider, or null; nothing is spent. */
export function findFlow(
  db: CommonQueryMethods,
  accountId: string,
  provider: IdentityProviderName,
  state: string,
) {
  return db.maybeOneFirst(sql.type(VerifierRow)`
    SELECT code_verifier AS "codeVerifier" FROM miyabi.identity_flows
    WHERE state = ${state} AND account_id = ${accountId} AND provider = ${provider} AND expires_at > now()
  `);
}

/** Spends the account's unexpired flow of this state and provider: its verifier, or null when gone. */
export function spendFlow(
  db: CommonQueryMethods,
  accountId: string,
  provider: IdentityProviderName,
  state: string,
) {
  return db.maybeOneFirst(sql.type(VerifierRow)`
    DELETE FROM miyabi.identity_flows
    WHERE state = ${state} AND account_id = ${accountId} AND provider = ${provider} AND expires_at > now()
    RETURNING code_verifier AS "codeVerifier"
  `);
}

export interface NewIdentity {
  accountId: string;
  provider: IdentityProviderName;
  subject: string;
  login: string | null;
  accessToken: Buffer | null;
}

export function linkIdentity(db: CommonQueryMethods, identity: NewIdentity) {
  return db.one(sql.type(LinkedRow)`
    SELECT id, created_at AS "createdAt", updated_at AS "updatedAt"
    FROM miyabi.link_identity(${identity.accountId}, ${identity.provider}, ${identity.subject}, ${identity.login},
      'oauth', ${identity.accessToken === null ? null : sql.binary(identity.accessToken)})
  `);
}

export async function deleteIdentity(
  db: CommonQueryMethods,
  accountId: string,
  provider: IdentityProviderName,
) {
  return db.oneFirst(sql.type(DeletedRow)`
    WITH deleted AS (
      DELETE FROM miyabi.identities WHERE account_id = ${accountId} AND provider = ${provider} RETURNING 1
    )
    SELECT EXISTS (SELECT 1 FROM deleted) AS deleted
  `);
}

/** The sealed access token of the account's GitHub identity, if Miyabi holds one. */
export function findGithubToken(db: CommonQueryMethods, accountId: string) {
  return db.maybeOne(sql.type(TokenRow)`
    SELECT access_token AS sealed, subject FROM miyabi.identities
    WHERE account_id = ${accountId} AND provider = 'github' AND access_token IS NOT NULL
  `);
}
