/**
 * Sign-up, login and refresh-token rotation (docs/security.md, Credentials).
 * Refresh tokens rotate on every use; a retired token presented again means
 * it leaked, so the whole family is revoked (and stays revoked: the error
 * commits) — unless it comes within the grace window of its own rotation,
 * as two tabs of one client refreshing at once do: then it gets the pair
 * that rotation issued.
 */
import { randomUUID } from 'node:crypto';
import type { auth } from '@yorozu/contract';
import type { CommonQueryMethods } from 'slonik';
import type { Static } from 'typebox';
import { getAccount } from '../../kernel/accounts/index.ts';
import {
  ACCESS_TOKEN_TTL_SECONDS,
  type AccessTokens,
  accountPrincipal,
  assertStrongPassword,
  hashPassword,
  hashSecret,
  newSecret,
  type Principal,
  REFRESH_TOKEN_PREFIX,
  type Sealer,
  verifyPassword,
} from '../../kernel/auth/index.ts';
import { DomainError, unauthenticated } from '../../kernel/errors.ts';
import {
  findLogin,
  findRecentSuccessor,
  findRefreshToken,
  insertAccount,
  insertRefreshToken,
  type RefreshTokenRow,
  revokeRefreshFamily,
  rotateRefreshToken,
} from './queries.ts';

export const REFRESH_TOKEN_TTL_DAYS = 30;

type TokenPair = Static<typeof auth.TokenPair>;
type Session = Static<typeof auth.Session>;

/** Binds the transaction to an account once it is known (see OperationContext.actAs). */
type ActAs = (principal: Principal) => Promise<void>;

export interface RefreshOptions {
  tokens: AccessTokens;
  sealer: Sealer;
  /** How long after a rotation the rotated token still gets the pair it was rotated to; 0: never. */
  graceSeconds: number;
}

/** A new pair, not stored yet. */
async function mintTokens(tokens: AccessTokens, accountId: string): Promise<TokenPair> {
  return {
    accessToken: await tokens.issue(accountId),
    tokenType: 'Bearer',
    expiresIn: ACCESS_TOKEN_TTL_SECONDS,
    refreshToken: newSecret(REFRESH_TOKEN_PREFIX),
  };
}

async function storeRefreshToken(
  db: CommonQueryMethods,
  pair: TokenPair,
  accountId: string,
  familyId: string,
) {
  await insertRefreshToken(db, {
    accountId,
    familyId,
    tokenHash: hashSecret(pair.refreshToken),
    ttlDays: REFRESH_TOKEN_TTL_DAYS,
  });
}

/** A session of its own: a new refresh-token family. */
async function issueTokens(
  db: CommonQueryMethods,
  tokens: AccessTokens,
  accountId: string,
): Promise<TokenPair> {
  const pair = await mintTokens(tokens, accountId);
  await storeRefreshToken(db, pair, accountId, randomUUID());
  return pair;
}

export async function signup(
  db: CommonQueryMethods,
  tokens: AccessTokens,
  actAs: ActAs,
  request: Static<typeof auth.SignupRequest>,
): Promise<Session> {
  assertStrongPassword(request.password, request.email);
  const id = randomUUID();
  await actAs(accountPrincipal(id));
  // Hashed before the look-up, on both paths: a taken email answers no sooner than a free one.
  const passwordHash = await hashPassword(request.password);
  const existing = await findLogin(db, request.email);
  if (existing) throw new DomainError('conflict', 'An account with this email already exists.');
  const account = await insertAccount(db, {
    id,
    email: request.email,
    passwordHash,
    name: request.name ?? null,
  });
  return { account, tokens: await issueTokens(db, tokens, id) };
}

/** The account with a new session of its own: what signup, login and a provider sign-in answer. */
export async function issueSession(
  db: CommonQueryMethods,
  tokens: AccessTokens,
  accountId: string,
): Promise<Session> {
  return { account: await getAccount(db, accountId), tokens: await issueTokens(db, tokens, accountId) };
}

export async function login(
  db: CommonQueryMethods,
  tokens: AccessTokens,
  actAs: ActAs,
  request: Static<typeof auth.LoginRequest>,
): Promise<Session> {
  const found = await findLogin(db, request.email);
  // Same answer, and the same argon2 work, whether the email or the password is wrong.
  const valid = await verifyPassword(found?.passwordHash ?? null, request.password);
  if (!found || !valid) throw unauthenticated('The email or password is wrong.');
  await actAs(accountPrincipal(found.accountId));
  return issueSession(db, tokens, found.accountId);
}

/** An unexpired refresh token (rotated or not), with the transaction bound to its account. */
async function findUnexpiredRefreshToken(db: CommonQueryMethods, actAs: ActAs, refreshToken: string) {
  const token = await findRefreshToken(db, hashSecret(refreshToken));
  if (!token || token.expired) throw unauthenticated('The refresh token is invalid or expired.');
  await actAs(accountPrincipal(token.accountId));
  return token;
}

/** A rotated token presented again, outside any grace: it leaked, so its family goes. */
async function revokeOnReuse(db: CommonQueryMethods, token: RefreshTokenRow): Promise<never> {
  await revokeRefreshFamily(db, token.accountId, token.familyId);
  throw new DomainError('unauthenticated', 'The refresh token was already used; its sessions are revoked.', {
    commitBeforeFailing: true,
  });
}

/** The associated data of a sealed successor pair: it opens only on the row it was sealed for. */
const successorContext = (tokenId: string) => JSON.stringify(['refresh-successor', tokenId]);

export async function refresh(
  db: CommonQueryMethods,
  options: RefreshOptions,
  actAs: ActAs,
  refreshToken: string,
): Promise<TokenPair> {
  const { tokens, sealer, graceSeconds } = options;
  const token = await findUnexpiredRefreshToken(db, actAs, refreshToken);
  const context = successorContext(token.id);
  if (!token.retired) {
    const pair = await mintTokens(tokens, token.accountId);
    // One rotation wins the row; a concurrent refresh of the same token waits for it, then finds it rotated.
    if (await rotateRefreshToken(db, token.id, sealer.seal(JSON.stringify(pair), context))) {
      await storeRefreshToken(db, pair, token.accountId, token.familyId);
      return pair;
    }
  }
  const successor = graceSeconds > 0 ? await findRecentSuccessor(db, token.id, graceSeconds) : null;
  const pair = successor ? sealer.open(successor, context) : null;
  if (pair) return JSON.parse(pair) as TokenPair;
  return revokeOnReuse(db, token);
}

export async function logout(db: CommonQueryMethods, actAs: ActAs, refreshToken: string) {
  const token = await findUnexpiredRefreshToken(db, actAs, refreshToken);
  if (token.retired) return revokeOnReuse(db, token);
  await revokeRefreshFamily(db, token.accountId, token.familyId);
}
