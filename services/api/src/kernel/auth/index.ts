/** The auth kernel: credentials, secrets and principals, for the auth, API-key and admin modules. */
export { ACCESS_TOKEN_TTL_SECONDS, type AccessTokens, accessTokens } from './access-tokens.ts';
export {
  type BoundCredential,
  bindCredential,
  type Caller,
  CallerColumns,
  type Credential,
  callerOf,
  credentialArguments,
  markApiKeyUsed,
  readCredential,
} from './authenticate.ts';
export { assertStrongPassword, hashPassword, verifyPassword } from './passwords.ts';
export { accountPrincipal, hasScope, type Principal } from './principal.ts';
export { type Sealer, sealer } from './sealing.ts';
export {
  API_KEY_PREFIX,
  hashSecret,
  isWellFormedSecret,
  newSecret,
  REFRESH_TOKEN_PREFIX,
} from './secrets.ts';
