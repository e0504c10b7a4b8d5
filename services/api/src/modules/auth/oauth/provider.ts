/**
 * A sign-in provider behind one interface (docs/security.md, Sign-in with GitHub or Google):
 * GitHub (OAuth 2.0 and its user API) and Google (OpenID Connect) are two adapters on
 * openid-client, each tested end to end against a local fake of the provider.
 */
import type { PkceFlow } from '../../../kernel/oauth/index.ts';
import type { OAuthProviderName } from './names.ts';

/** What the start of a sign-in sends the provider, kept in the flow cookie until the callback. */
export interface SignInFlow extends PkceFlow {
  /** OpenID Connect's replay check: the ID token must carry it back. */
  nonce: string;
}

/** Who signed in, as the provider vouches for it. */
export interface ProviderProfile {
  /** The provider's stable user id (GitHub's numeric id, the ID token's `sub`). */
  subject: string;
  email: string | null;
  /** Whether the provider says the user proved they own `email`. */
  emailVerified: boolean;
  name: string | null;
  /** The provider's picture of the user, if any. */
  avatarUrl: string | null;
}

export interface OAuthProvider {
  readonly name: OAuthProviderName;
  /** This service's callback, as registered with the provider. */
  readonly redirectUri: string;
  /** The provider's authorization URL for this flow. */
  authorizationUrl(flow: SignInFlow, codeChallenge: string): Promise<URL>;
  /**
   * Exchanges the callback's code (with the flow's PKCE verifier), verifies what comes back
   * (state; for OpenID Connect the ID token and its nonce) and says who signed in.
   */
  exchange(callbackUrl: URL, flow: SignInFlow): Promise<ProviderProfile>;
  /**
   * Whether the service may download this avatar URL: https on the provider's own picture hosts
   * (or its configured origins), so a forged or odd profile cannot make us fetch anything else.
   */
  trustsAvatarUrl(url: URL): boolean;
}

export type OAuthProviders = Partial<Record<OAuthProviderName, OAuthProvider>>;
