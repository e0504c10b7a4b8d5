/**
 * Licence signing keys (docs/products/miyabi.md, Licences): Ed25519 keys made and used with
 * `jose` (EdDSA JWS, RFC 8037), the private half sealed under the server secret
 * (kernel/auth/sealing.ts). One key signs at a time; it rotates every ROTATION_DAYS, or when an
 * admin asks, and a retired key stays in the published set for as long as a licence it signed may
 * live, so rotation never invalidates a licence.
 */
import { randomBytes } from 'node:crypto';
import {
  type CryptoKey,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from 'jose';
import type { CommonQueryMethods } from 'slonik';
import type { Sealer } from '../../../kernel/auth/index.ts';
import {
  findPublishedKey,
  findSigningKey,
  insertSigningKey,
  listPublishedKeys,
  lockRotation,
  retireSigningKey,
} from './license-queries.ts';

export const LICENSE_ISSUER = 'yorozu:miyabi';
export const LICENSE_TYPE = 'miyabi-license+jwt';
const ALGORITHM = 'EdDSA';
const DAY_SECONDS = 86_400;
/** How long one key signs before a new one takes over. */
export const ROTATION_DAYS = 30;
/** The longest a licence lives (a yearly period plus grace): how long a retired key stays published. */
export const MAX_LICENSE_DAYS = 380;

const sealingContext = (kid: string) => `miyabi-license-key:${kid}`;

export interface SignedLicense {
  token: string;
  keyId: string;
}

export interface LicenseSigner {
  /** Signs `claims` with the current key, rotating it first when it is due. */
  sign(
    db: CommonQueryMethods,
    claims: JWTPayload & { jti: string; exp: number; iat: number },
  ): Promise<SignedLicense>;
  /** Makes a new signing key now; the previous one stays published. */
  rotate(db: CommonQueryMethods): Promise<{ kid: string; createdAt: string }>;
  /** The published public keys (JWKS `keys`). */
  publishedKeys(db: CommonQueryMethods): Promise<JWK[]>;
  /** Verifies a licence against the published keys at `nowSeconds`; throws when it does not verify. */
  verify(db: CommonQueryMethods, token: string, nowSeconds: number): Promise<JWTPayload>;
}

export function licenseSigner(sealer: Sealer, now: () => number): LicenseSigner {
  // Imported keys, by kid: importing is WebCrypto work, signing many licences should not repeat it.
  const privateKeys = new Map<string, CryptoKey>();
  const publicKeys = new Map<string, CryptoKey>();

  async function createKey(db: CommonQueryMethods) {
    const { publicKey, privateKey } = await generateKeyPair(ALGORITHM, { crv: 'Ed25519', extractable: true });
    const kid = `k_${new Date(now()).toISOString().slice(0, 10)}_${randomBytes(6).toString('base64url')}`;
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: ALGORITHM, use: 'sig' };
    const sealed = sealer.seal(JSON.stringify(await exportJWK(privateKey)), sealingContext(kid));
    await retireSigningKey(db, MAX_LICENSE_DAYS * DAY_SECONDS);
    const created = await insertSigningKey(db, kid, publicJwk, sealed);
    privateKeys.set(kid, privateKey);
    return created;
  }

  async function privateKeyOf(kid: string, sealed: Buffer) {
    const cached = privateKeys.get(kid);
    if (cached) return cached;
    const opened = sealer.open(sealed, sealingContext(kid));
    if (opened === null) {
      throw new Error(`The licence key ${kid} was sealed under another server secret (JWT_SECRET).`);
    }
    const key = (await importJWK(JSON.parse(opened) as JWK, ALGORITHM)) as CryptoKey;
    privateKeys.set(kid, key);
    return key;
  }

  async function currentKey(db: CommonQueryMethods) {
    const found = await findSigningKey(db);
    const due = (key: { createdAt: string }) =>
      Date.parse(key.createdAt) + ROTATION_DAYS * DAY_SECONDS * 1000 <= now();
    if (found && !due(found)) return { kid: found.kid, key: await privateKeyOf(found.kid, found.sealed) };
    await lockRotation(db);
    // Another request may have rotated while this one waited for the lock.
    const again = await findSigningKey(db);
    if (again && !due(again)) return { kid: again.kid, key: await privateKeyOf(again.kid, again.sealed) };
    const created = await createKey(db);
    return { kid: created.kid, key: privateKeys.get(created.kid) as CryptoKey };
  }

  return {
    async sign(db, claims) {
      const { kid, key } = await currentKey(db);
      const token = await new SignJWT(claims)
        .setProtectedHeader({ alg: ALGORITHM, kid, typ: LICENSE_TYPE })
        .setIssuer(LICENSE_ISSUER)
        .sign(key);
      return { token, keyId: kid };
    },
    async rotate(db) {
      await lockRotation(db);
      return createKey(db);
    },
    async publishedKeys(db) {
      return (await listPublishedKeys(db)) as JWK[];
    },
    async verify(db, token, nowSeconds) {
      const { kid } = decodeProtectedHeader(token);
      if (typeof kid !== 'string' || kid.length > 100) throw new Error('no kid');
      let key = publicKeys.get(kid);
      const jwk = await findPublishedKey(db, kid);
      if (!jwk) throw new Error('unknown or unpublished kid');
      if (!key) {
        key = (await importJWK(jwk as JWK, ALGORITHM)) as CryptoKey;
        publicKeys.set(kid, key);
      }
      const { payload } = await jwtVerify(token, key, {
        algorithms: [ALGORITHM],
        issuer: LICENSE_ISSUER,
        typ: LICENSE_TYPE,
        currentDate: new Date(nowSeconds * 1000),
      });
      return payload;
    },
  };
}
