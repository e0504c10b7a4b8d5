/**
 * Offline verification of Miyabi plugin licences (`@yorozu/sdk/license`): a licence is an EdDSA
 * (Ed25519) JWT signed by the API; a plugin checks it with the published key set
 * (`GET /v1/miyabi/.well-known/jwks.json`, fetched once and cached) or one public key, with no
 * network. A subpath of its own, so the core client does not carry `jose`.
 *
 * Offline checks cannot see a revocation: plugins that are online can also read
 * `GET /v1/miyabi/license-revocations`.
 */
import {
  createLocalJWKSet,
  errors,
  importJWK,
  type JSONWebKeySet,
  type JWK,
  type JWTPayload,
  jwtVerify,
} from 'jose';

/** The issuer every licence names. */
export const LICENSE_ISSUER = 'yorozu:miyabi';
/** The `typ` header of a licence. */
export const LICENSE_TYPE = 'miyabi-license+jwt';

export interface LicenseClaims extends JWTPayload {
  /** The licence's id (as in the revocation list). */
  jti: string;
  /** The account that holds it. */
  sub: string;
  /** The plugin it is for. */
  plugin: string;
  /** The plugin's tier. */
  tier: 'free' | 'pro' | 'enterprise' | 'addon';
  /** The plan of the plan catalogue, whose limits follow. */
  plan: string;
  /** The subscription it was issued for. */
  subscription: string;
  /** The plan's monthly limits per metric (`null`: unlimited). */
  limits: Record<string, number | null>;
  exp: number;
  iat: number;
}

export interface VerifyLicenseOptions {
  /** The key set from `GET /v1/miyabi/.well-known/jwks.json` (cached by the caller). */
  jwks?: JSONWebKeySet;
  /** Or a single public key (a JWK of the set). */
  publicKey?: JWK;
  /** The plugin the licence must be for. */
  plugin: string;
  /** The time to check expiry against (default: now). */
  currentDate?: Date;
  /** Seconds of clock skew to tolerate (default 60). */
  clockTolerance?: number;
}

export type LicenseErrorCode = 'invalid' | 'expired' | 'wrong_plugin';

/** Why a licence does not verify: `invalid` (tampered, unknown key, malformed), `expired`, `wrong_plugin`. */
export class LicenseError extends Error {
  readonly code: LicenseErrorCode;
  constructor(code: LicenseErrorCode, message: string) {
    super(message);
    this.name = 'LicenseError';
    this.code = code;
  }
}

/** Verifies a licence offline and returns its claims, or throws a `LicenseError`. */
export async function verifyLicense(token: string, options: VerifyLicenseOptions): Promise<LicenseClaims> {
  const verifyOptions = {
    algorithms: ['EdDSA'],
    issuer: LICENSE_ISSUER,
    audience: `miyabi:${options.plugin}`,
    typ: LICENSE_TYPE,
    clockTolerance: options.clockTolerance ?? 60,
    ...(options.currentDate ? { currentDate: options.currentDate } : {}),
  };
  let payload: JWTPayload;
  try {
    if (options.jwks) {
      ({ payload } = await jwtVerify(token, createLocalJWKSet(options.jwks), verifyOptions));
    } else if (options.publicKey) {
      ({ payload } = await jwtVerify(token, await importJWK(options.publicKey, 'EdDSA'), verifyOptions));
    } else {
      throw new TypeError('verifyLicense needs `jwks` or `publicKey`.');
    }
  } catch (error) {
    if (error instanceof TypeError) throw error;
    if (error instanceof errors.JWTExpired) throw new LicenseError('expired', 'The licence has expired.');
    if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'aud') {
      throw new LicenseError('wrong_plugin', `The licence is not for ${options.plugin}.`);
    }
    throw new LicenseError('invalid', `The licence does not verify: ${(error as Error).message}`);
  }
  if (payload['plugin'] !== options.plugin) {
    throw new LicenseError('wrong_plugin', `The licence is not for ${options.plugin}.`);
  }
  return payload as LicenseClaims;
}
