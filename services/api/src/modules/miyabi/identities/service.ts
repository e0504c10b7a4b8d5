/**
 * Linking GitHub and LINE identities to the account (docs/products/miyabi.md, Connected accounts).
 * The start keeps a fresh state and PKCE verifier server-side, bound to the account; the callback
 * is called by the account's own client with the `code` and `state` the provider sent its browser
 * back with, so a flow started by one account can never link an identity to another (the
 * callback must be the flow's account), and the verifier never leaves the server.
 */
import type { miyabiIdentities } from '@yorozu/contract';
import type { CommonQueryMethods, DatabaseTransactionConnection } from 'slonik';
import type { Static } from 'typebox';
import type { Sealer } from '../../../kernel/auth/index.ts';
import { DomainError } from '../../../kernel/errors.ts';
import { callbackUrl, newPkceFlow, pkceChallenge, providerFailure } from '../../../kernel/oauth/index.ts';
import type { IdentityProvider, IdentityProviderName, IdentityProviders } from './providers.ts';
import { deleteIdentity, findGithubToken, linkIdentity, spendFlow, upsertFlow } from './queries.ts';

type Identity = Static<typeof miyabiIdentities.Identity>;

const FLOW_TTL_SECONDS = 600;
const UNCONFIGURED_RETRY_AFTER_SECONDS = 300;
const TITLES: Record<IdentityProviderName, string> = { github: 'GitHub', line: 'LINE' };
const VARIABLES: Record<IdentityProviderName, string> = {
  github: 'MIYABI_GITHUB_OAUTH',
  line: 'MIYABI_LINE_OAUTH',
};

export function configuredProvider(
  providers: IdentityProviders,
  name: IdentityProviderName,
): IdentityProvider {
  const provider = providers[name];
  if (!provider) {
    const prefix = VARIABLES[name];
    throw new DomainError(
      'unavailable',
      `Linking a ${TITLES[name]} identity is not configured on this server: set ${prefix}_CLIENT_ID, ${prefix}_CLIENT_SECRET and ${prefix}_REDIRECT_URI.`,
      { retryAfter: UNCONFIGURED_RETRY_AFTER_SECONDS },
    );
  }
  return provider;
}

export async function startLink(db: CommonQueryMethods, provider: IdentityProvider, accountId: string) {
  const flow = newPkceFlow();
  const authorizationUrl = provider.authorizationUrl(flow, await pkceChallenge(flow.codeVerifier));
  const { expiresAt } = await upsertFlow(db, {
    accountId,
    provider: provider.name,
    state: flow.state,
    codeVerifier: flow.codeVerifier,
    ttlSeconds: FLOW_TTL_SECONDS,
  });
  return { authorizationUrl: authorizationUrl.href, state: flow.state, expiresAt };
}

const linkFailed = (detail: string) => new DomainError('identity_link_failed', detail);

/** The sealing context of a kept token: it opens for this account's identity only. */
export const tokenContext = (accountId: string, provider: IdentityProviderName, subject: string) =>
  JSON.stringify(['miyabi-identity-token', accountId, provider, subject]);

/** Who the user is at the provider, and the access token the code was exchanged for. */
export type Exchanged = Awaited<ReturnType<IdentityProvider['exchange']>>;

const UNKNOWN_STATE = 'The state is unknown, used, expired or not this account’s; start the link again.';

/**
 * The callback's provider round trips, made before the operation's transaction and holding no
 * connection while they wait (docs/architecture.md, No third-party call inside a transaction):
 * the caller's flow of `state` is read first (`readFlow`, a short transaction of its own, bound to
 * the caller), so an exchange for a caller that is not the flow's never happens; then the code is
 * exchanged with the flow's verifier and the user read, each bounded by kernel/oauth's timeout.
 * Nothing is spent here: `finishLink` spends the flow, once, in the transaction that links.
 */
export async function exchangeAtProvider(
  readFlow: (state: string) => Promise<{ accountId: string; codeVerifier: string | null }>,
  providers: IdentityProviders,
  name: IdentityProviderName,
  body: Static<typeof miyabiIdentities.CallbackRequest>,
): Promise<{ accountId: string; exchanged: Exchanged }> {
  const { accountId, codeVerifier } = await readFlow(body.state);
  const provider = configuredProvider(providers, name);
  // Another account's flow is the same 400 as none.
  if (codeVerifier === null) throw linkFailed(UNKNOWN_STATE);
  try {
    const exchanged = await provider.exchange(callbackUrl(provider.redirectUri, body), {
      state: body.state,
      codeVerifier,
    });
    return { accountId, exchanged };
  } catch (error) {
    throw providerFailure(provider.title, error, 'identity_link_failed');
  }
}

/**
 * Spends the caller's flow of `state` and links the identity the provider vouched for, in the
 * request's transaction, which no provider call holds open. The flow is spent once: of two
 * callbacks racing with the same state, one DELETE finds the row and links, the other is 400. A
 * provider's refusal (`exchangeAtProvider`) spent nothing, so the flow can be finished with
 * another code, as it could when the exchange ran inside the transaction and rolled back.
 */
export async function finishLink(
  db: DatabaseTransactionConnection,
  sealer: Sealer,
  provider: IdentityProvider,
  accountId: string,
  body: Static<typeof miyabiIdentities.CallbackRequest>,
  exchanged: Exchanged,
): Promise<Identity> {
  if ((await spendFlow(db, accountId, provider.name, body.state)) === null) throw linkFailed(UNKNOWN_STATE);
  const { subject, login } = exchanged.user;
  const sealed = provider.keepsToken
    ? sealer.seal(exchanged.accessToken, tokenContext(accountId, provider.name, subject))
    : null;
  const linked = await linkIdentity(db, {
    accountId,
    provider: provider.name,
    subject,
    login,
    accessToken: sealed,
  });
  return {
    ...linked,
    provider: provider.name,
    subject,
    login,
    linkedVia: 'oauth',
    canCallApi: sealed !== null,
  };
}

export async function unlink(db: CommonQueryMethods, accountId: string, provider: IdentityProviderName) {
  if (!(await deleteIdentity(db, accountId, provider)))
    throw new DomainError('not_found', `No ${TITLES[provider]} identity is linked to this account.`);
}

/** The account's GitHub token in clear, or null (no linked identity, or sealed under another server secret). */
export async function githubTokenOf(db: CommonQueryMethods, sealer: Sealer, accountId: string) {
  const found = await findGithubToken(db, accountId);
  return found && sealer.open(found.sealed, tokenContext(accountId, 'github', found.subject));
}
