/**
 * Sign-up, login and refresh-token rotation (docs/architecture.md, Authentication and authorization). Refresh tokens
 * rotate on every use; a retired token presented again means it leaked, so
 * the whole family is revoked (and stays revoked: the error commits).
 */
import { randomUUID } from 'node:crypto';
import type { auth } from '@yorozu/contract';
import type { CommonQueryMethods } from 'slonik';
import type { Static } from 'typebox';
import { ACCESS_TOKEN_TTL_SECONDS, type AccessTokens } from '../../kernel/auth/access-tokens.ts';
import { assertStrongPassword, hashPassword, verifyPassword } from '../../kernel/auth/passwords.ts';
import { accountPrincipal, type Principal } from '../../kernel/auth/principal.ts';
import { hashSecret, newSecret, REFRESH_TOKEN_PREFIX } from '../../kernel/auth/secrets.ts';
import { DomainError, unauthenticated } from '../../kernel/errors.ts';
import { getAccount } from '../me/queries.ts';
import {
  findLogin,
  findRefreshToken,
  insertAccount,
  insertRefreshToken,
  revokeRefreshFamily,
  rotateRefreshToken,
} from './queries.ts';

export const REFRESH_TOKEN_TTL_DAYS = 30;

type TokenPair = Static<typeof auth.TokenPair>;
type Session = Static<typeof auth.Session>;

/** Binds the transaction to an account once it is known (see OperationContext.actAs). */
type ActAs = (principal: Principal) => Promise<void>;

async function issueTokens(
  db: CommonQueryMethods,
  tokens: AccessTokens,
  accountId: string,
  familyId: string = randomUUID(),
): Promise<TokenPair> {
  const refreshToken = newSecret(REFRESH_TOKEN_PREFIX);
  await insertRefreshToken(db, {
    accountId,
    familyId,
    tokenHash: hashSecret(refreshToken),
    ttlDays: REFRESH_TOKEN_TTL_DAYS,
  });
  return {
    accessToken: await tokens.issue(accountId),
    tokenType: 'Bearer',
    expiresIn: ACCESS_TOKEN_TTL_SECONDS,
    refreshToken,
  };
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
  const existing = await findLogin(db, request.email);
  if (existing) throw new DomainError('conflict', 'An account with this email already exists.');
  const account = await insertAccount(db, {
    id,
    email: request.email,
    passwordHash: await hashPassword(request.password),
    name: request.name ?? null,
  });
  return { account, tokens: await issueTokens(db, tokens, id) };
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
  return {
    account: await getAccount(db, found.accountId),
    tokens: await issueTokens(db, tokens, found.accountId),
  };
}

/** Finds a live refresh token; a retired one revokes its family. */
async function useRefreshToken(db: CommonQueryMethods, actAs: ActAs, refreshToken: string) {
  const token = await findRefreshToken(db, hashSecret(refreshToken));
  if (!token || token.expired) throw unauthenticated('The refresh token is invalid or expired.');
  await actAs(accountPrincipal(token.accountId));
  if (token.retired || !(await rotateRefreshToken(db, token.id))) {
    await revokeRefreshFamily(db, token.accountId, token.familyId);
    throw new DomainError(
      'unauthenticated',
      'The refresh token was already used; its sessions are revoked.',
      {
        commitBeforeFailing: true,
      },
    );
  }
  return token;
}

export async function refresh(
  db: CommonQueryMethods,
  tokens: AccessTokens,
  actAs: ActAs,
  refreshToken: string,
) {
  const token = await useRefreshToken(db, actAs, refreshToken);
  return issueTokens(db, tokens, token.accountId, token.familyId);
}

export async function logout(db: CommonQueryMethods, actAs: ActAs, refreshToken: string) {
  const token = await useRefreshToken(db, actAs, refreshToken);
  await revokeRefreshFamily(db, token.accountId, token.familyId);
}
