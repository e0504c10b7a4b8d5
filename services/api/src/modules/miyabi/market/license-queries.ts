/**
 * Licence keys, licences and revocations (docs/products/miyabi.md, Licences), one function per
 * statement. Keys are not tenant data (every caller reads the public half); licences are the
 * holder's (licenses_read); revocations are public.
 */
import { miyabiMarket } from '@yorozu/contract';
import { type CommonQueryMethods, sql } from 'slonik';
import Type, { type Static } from 'typebox';
import { NoRows, rowType } from '../../../db/row-type.ts';
import { afterPosition, type Position } from '../../../kernel/pagination.ts';

const SigningKeyRow = rowType(
  Type.Object({
    kid: Type.String(),
    sealed: Type.Unsafe<Buffer>(Type.Any()),
    createdAt: Type.String(),
  }),
);
const PublicKeyRow = rowType(Type.Object({ jwk: Type.Record(Type.String(), Type.Unknown()) }));
const NewKeyRow = rowType(Type.Object({ kid: Type.String(), createdAt: Type.String() }));
const LicenseRow = rowType(miyabiMarket.licenses.License);
export type License = Static<typeof miyabiMarket.licenses.License>;
const RevocationRow = rowType(
  Type.Intersect([
    miyabiMarket.licenses.Revocation,
    Type.Object({ createdAt: Type.String(), id: Type.String() }),
  ]),
);
const RevokedRow = rowType(Type.Object({ revoked: Type.Boolean() }));

/** The key that signs now, or null before the first. */
export function findSigningKey(db: CommonQueryMethods) {
  return db.maybeOne(sql.type(SigningKeyRow)`
    SELECT kid, sealed_private_jwk AS sealed, created_at AS "createdAt"
    FROM miyabi.license_keys WHERE signs_until IS NULL
  `);
}

/** A key of the published set by id (the current one or a retired one not yet unpublished). */
export function findPublishedKey(db: CommonQueryMethods, kid: string) {
  return db.maybeOneFirst(sql.type(PublicKeyRow)`
    SELECT public_jwk AS jwk FROM miyabi.license_keys
    WHERE kid = ${kid} AND (signs_until IS NULL OR published_until > now())
  `);
}

/** The published key set, newest first. */
export function listPublishedKeys(db: CommonQueryMethods) {
  return db.anyFirst(sql.type(PublicKeyRow)`
    SELECT public_jwk AS jwk FROM miyabi.license_keys
    WHERE signs_until IS NULL OR published_until > now()
    ORDER BY created_at DESC
  `);
}

/**
 * Serialises rotations: two requests that both find the key due would otherwise both retire it
 * (one would fail on the unique signing index). Held until the transaction ends.
 */
export function lockRotation(db: CommonQueryMethods) {
  return db.query(sql.type(NoRows)`SELECT pg_advisory_xact_lock(hashtextextended('miyabi.license_keys', 0))`);
}

/** Stops the current key signing; it stays published for `publishedForSeconds` more. */
export function retireSigningKey(db: CommonQueryMethods, publishedForSeconds: number) {
  return db.query(sql.type(NoRows)`
    UPDATE miyabi.license_keys
    SET signs_until = now(), published_until = now() + make_interval(secs => ${publishedForSeconds})
    WHERE signs_until IS NULL
  `);
}

export function insertSigningKey(db: CommonQueryMethods, kid: string, publicJwk: object, sealed: Buffer) {
  return db.one(sql.type(NewKeyRow)`
    INSERT INTO miyabi.license_keys (kid, public_jwk, sealed_private_jwk)
    VALUES (${kid}, ${sql.jsonb(publicJwk as never)}, ${sql.binary(sealed)})
    RETURNING kid, created_at AS "createdAt"
  `);
}

const licenseColumns = sql.fragment`
  id, plugin_id AS "pluginId", subscription_id AS "subscriptionId", plan, key_id AS "keyId", token,
  expires_at AS "expiresAt", revoked_at AS "revokedAt", issued_at AS "createdAt"
`;

export interface NewLicense {
  id: string;
  accountId: string;
  subscriptionId: string;
  pluginId: string;
  plan: string;
  keyId: string;
  issuedAt: string;
  expiresAt: string;
}

/** Records an issued licence (its token is not stored: the holder keeps it). */
export function insertLicense(db: CommonQueryMethods, license: NewLicense) {
  return db.query(sql.type(NoRows)`
    INSERT INTO miyabi.licenses (id, account_id, subscription_id, plugin_id, plan, key_id, issued_at, expires_at)
    VALUES (${license.id}, ${license.accountId}, ${license.subscriptionId}, ${license.pluginId}, ${license.plan},
            ${license.keyId}, ${license.issuedAt}::timestamptz, ${license.expiresAt}::timestamptz)
  `);
}

/** A licence's row in the API's shape, with the token the caller already has (or '' when listing). */
function licenseSelect(token: string) {
  return sql.fragment`SELECT ${licenseColumns} FROM (SELECT l.*, ${token}::text AS token FROM miyabi.licenses l) l`;
}

export function findLicense(db: CommonQueryMethods, accountId: string, id: string, token = '') {
  return db.maybeOne(sql.type(LicenseRow)`
    ${licenseSelect(token)} WHERE account_id = ${accountId} AND id = ${id}
  `);
}

export function listLicenses(
  db: CommonQueryMethods,
  accountId: string,
  plugin: string | undefined,
  after: Position | null,
  take: number,
) {
  const byPlugin = plugin === undefined ? sql.fragment`` : sql.fragment`AND plugin_id = ${plugin}`;
  const position = afterPosition(after, undefined, 'issued_at');
  return db.any(sql.type(LicenseRow)`
    ${licenseSelect('')} WHERE account_id = ${accountId} ${byPlugin} ${position}
    ORDER BY issued_at DESC, id DESC
    LIMIT ${take}
  `);
}

/** Revokes the holder's licence; false when it was revoked already (or is not the holder's). */
export async function revokeLicense(db: CommonQueryMethods, accountId: string, id: string) {
  const row = await db.maybeOne(sql.type(RevokedRow)`
    UPDATE miyabi.licenses SET revoked_at = now(), revocation_reason = 'revoked_by_owner'
    WHERE account_id = ${accountId} AND id = ${id} AND revoked_at IS NULL
    RETURNING true AS revoked
  `);
  return row !== null;
}

/** Whether a licence is on the revocation list (readable by anyone, so usable before any binding). */
export async function isRevoked(db: CommonQueryMethods, id: string) {
  const row = await db.maybeOne(sql.type(RevokedRow)`
    SELECT true AS revoked FROM miyabi.license_revocations WHERE license_id = ${id}
  `);
  return row !== null;
}

export function listRevocations(
  db: CommonQueryMethods,
  plugin: string | undefined,
  after: Position | null,
  take: number,
) {
  const byPlugin = plugin === undefined ? sql.fragment`` : sql.fragment`AND plugin_id = ${plugin}`;
  return db.any(sql.type(RevocationRow)`
    SELECT license_id AS "licenseId", plugin_id AS "pluginId", reason, revoked_at AS "revokedAt",
           expires_at AS "expiresAt", revoked_at AS "createdAt", license_id AS id
    FROM miyabi.license_revocations r
    WHERE expires_at > now() ${byPlugin}
      ${after ? sql.fragment`AND (revoked_at, license_id) < (${after.createdAt}::timestamptz, ${after.id}::uuid)` : sql.fragment``}
    ORDER BY revoked_at DESC, license_id DESC
    LIMIT ${take}
  `);
}
