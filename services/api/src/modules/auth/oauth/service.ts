/**
 * Signing in with a provider (docs/security.md, Sign-in with GitHub or Google): the start
 * makes a fresh state, PKCE verifier and nonce; the callback checks the state against the
 * browser's flow cookie, lets the provider's adapter exchange the code and verify what comes
 * back, then finds the account: by the linked identity, else by an email the provider has
 * verified (and links the identity), else creates one without a password.
 */
import { randomUUID } from 'node:crypto';
import type { auth } from '@yorozu/contract';
import type { FastifyBaseLogger } from 'fastify';
import * as client from 'openid-client';
import { type DatabaseTransactionConnection, UniqueIntegrityConstraintViolationError } from 'slonik';
import type { Static } from 'typebox';
import { findIdentityAccount, insertIdentity, touchIdentity } from '../../../kernel/accounts/index.ts';
import { type AccessTokens, accountPrincipal, type Principal } from '../../../kernel/auth/index.ts';
import { DomainError } from '../../../kernel/errors.ts';
import { newPkceFlow, providerFailure as oauthFailure, pkceChallenge } from '../../../kernel/oauth/index.ts';
import { isStorableText } from '../../../kernel/text.ts';
import { findLogin, insertAccount } from '../queries.ts';
import { issueSession } from '../service.ts';
import { type AvatarStore, fillAvatarIfEmpty } from './avatar.ts';
import type { OAuthProviderName } from './names.ts';
import type { OAuthProvider, OAuthProviders, ProviderProfile, SignInFlow } from './provider.ts';

type Session = Static<typeof auth.Session>;
type ActAs = (principal: Principal) => Promise<void>;

const PROVIDER_TITLES: Record<OAuthProviderName, string> = { github: 'GitHub', google: 'Google' };

export function configuredProvider(providers: OAuthProviders, name: OAuthProviderName): OAuthProvider {
  const provider = providers[name];
  if (!provider) {
    throw new DomainError(
      'oauth_provider_not_configured',
      `Sign-in with ${name} is not configured on this server.`,
    );
  }
  return provider;
}

export function newFlow(): SignInFlow {
  return { ...newPkceFlow(), nonce: client.randomNonce() };
}

/** The provider's authorization URL; a provider that cannot be reached (discovery) is a 503. */
export async function authorizationUrl(provider: OAuthProvider, flow: SignInFlow): Promise<URL> {
  const challenge = await pkceChallenge(flow.codeVerifier);
  try {
    return await provider.authorizationUrl(flow, challenge);
  } catch (error) {
    throw providerFailure(provider, error);
  }
}

/** What a failed exchange tells the client (kernel/oauth): the provider's refusal, or its outage. */
export const providerFailure = (provider: OAuthProvider, error: unknown) =>
  oauthFailure(PROVIDER_TITLES[provider.name], error);

/** A provider's text as we can keep it: storable (kernel/text.ts) and within the column's limit. */
function keepable(value: string | null, maxLength: number): string | null {
  if (value === null || !isStorableText(value)) return null;
  return value.slice(0, maxLength) || null;
}

/** Emails longer than RFC 5321 allows, or that PostgreSQL cannot store, count as none. */
const keepableEmail = (email: string | null) =>
  email !== null && email.length <= 254 && isStorableText(email) ? email : null;

/** The provider's picture, downloaded for a new link, and where to keep it. */
export interface NewAvatar extends AvatarStore {
  bytes: Buffer;
  log: FastifyBaseLogger;
}

/**
 * The account this identity signs in to. A new link needs an email the provider has verified:
 * an unverified one could be anybody's, and linking or creating by it would let its claimant
 * into (or squat) the owner's account.
 */
export async function signInWithIdentity(
  db: DatabaseTransactionConnection,
  tokens: AccessTokens,
  actAs: ActAs,
  provider: OAuthProviderName,
  profile: ProviderProfile,
  avatar: NewAvatar | null,
): Promise<Session> {
  if (profile.subject.length > 255 || !isStorableText(profile.subject))
    throw new DomainError('oauth_exchange_failed', 'The provider named the user with an id we cannot keep.');
  const email = keepableEmail(profile.email);
  const identity = { provider, subject: profile.subject, email };
  const linked = await findIdentityAccount(db, provider, profile.subject);
  if (linked) {
    await actAs(accountPrincipal(linked));
    await touchIdentity(db, { ...identity, accountId: linked });
    return issueSession(db, tokens, linked);
  }
  if (!email || !profile.emailVerified) {
    const title = PROVIDER_TITLES[provider];
    throw new DomainError(
      'oauth_email_unverified',
      email
        ? `${title} has not verified the email of this identity; verify it there and sign in again.`
        : `${title} shares no verified email for this identity; add one there and sign in again.`,
    );
  }
  const existing = await findLogin(db, email);
  const accountId = existing?.accountId ?? randomUUID();
  await actAs(accountPrincipal(accountId));
  try {
    if (!existing) {
      const name = keepable(profile.name, 100);
      await insertAccount(db, { id: accountId, email, passwordHash: null, name });
    }
    await insertIdentity(db, { ...identity, accountId });
  } catch (error) {
    // Two callbacks of the same new user at once: the other one created the account or the link.
    if (!(error instanceof UniqueIntegrityConstraintViolationError)) throw error;
    throw new DomainError('conflict', 'Another sign-in with this identity is in progress; try again.');
  }
  if (avatar) await fillAvatarIfEmpty(db, avatar, accountId, avatar.bytes, avatar.log);
  return issueSession(db, tokens, accountId);
}
