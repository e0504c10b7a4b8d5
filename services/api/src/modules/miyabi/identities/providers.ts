/**
 * Where a Miyabi identity is linked (docs/products/miyabi.md, Connected accounts): each provider
 * is an OAuth 2.0 code flow with PKCE (kernel/oauth) and one read of who the user is there.
 *
 * - GitHub, an OAuth app: authorize and access_token on the web origin, `GET /user` on the REST
 *   API (https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps).
 *   Scope `read:user repo`: agents read repositories and open issues as the user.
 * - LINE Login v2.1: authorize on access.line.me, token and `GET /v2/profile` on api.line.me
 *   (https://developers.line.biz/en/docs/line-login/integrate-line-login/), scope `profile`. No
 *   `openid` scope: the profile's `userId` is all Miyabi needs, so no ID token is asked for.
 */
import type { MiyabiIdentityConfig } from '../../../config.ts';
import {
  codeFlowAuthorizationUrl,
  codeFlowConfiguration,
  exchangeCode,
  GITHUB_API_HEADERS,
  getJson,
  githubCodeFlow,
  type PkceFlow,
} from '../../../kernel/oauth/index.ts';

export type IdentityProviderName = 'github' | 'line';

/** Who the user is at the provider. */
export interface ProviderUser {
  /** The provider's stable id: GitHub's numeric id, LINE's `U` + 32 hex digits. */
  subject: string;
  /** GitHub's login, LINE's display name. */
  login: string | null;
}

export interface IdentityProvider {
  readonly name: IdentityProviderName;
  readonly title: string;
  /** The redirect URI registered with the provider. */
  readonly redirectUri: string;
  /** Whether the access token is kept (sealed) for later calls as the user. */
  readonly keepsToken: boolean;
  authorizationUrl(flow: PkceFlow, codeChallenge: string): URL;
  /** Spends the callback's code with the flow's verifier and reads who the user is. */
  exchange(callbackUrl: URL, flow: PkceFlow): Promise<{ user: ProviderUser; accessToken: string }>;
}

export type IdentityProviders = Partial<Record<IdentityProviderName, IdentityProvider>>;

const GITHUB_ID = /^[1-9][0-9]{0,19}$/;
const LINE_USER_ID = /^U[0-9a-f]{32}$/;

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value.slice(0, 255) : null);

function githubProvider(settings: NonNullable<MiyabiIdentityConfig['github']>): IdentityProvider {
  const { redirectUri, apiUrl } = settings;
  const config = githubCodeFlow(settings);
  return {
    name: 'github',
    title: 'GitHub',
    redirectUri,
    keepsToken: true,
    authorizationUrl: (flow, codeChallenge) =>
      codeFlowAuthorizationUrl(config, { redirectUri, scope: 'read:user repo', flow, codeChallenge }),
    async exchange(callbackUrl, flow) {
      const accessToken = await exchangeCode(config, callbackUrl, flow, redirectUri);
      const user = (await getJson(`${apiUrl}/user`, accessToken, GITHUB_API_HEADERS)) as {
        id?: unknown;
        login?: unknown;
      };
      const subject = typeof user?.id === 'number' ? String(user.id) : '';
      if (!GITHUB_ID.test(subject)) throw new Error('GitHub /user answered without a numeric id');
      return { user: { subject, login: text(user.login) }, accessToken };
    },
  };
}

function lineProvider(settings: NonNullable<MiyabiIdentityConfig['line']>): IdentityProvider {
  const { clientId, clientSecret, redirectUri, authorizeUrl, apiUrl } = settings;
  const config = codeFlowConfiguration({
    issuer: authorizeUrl,
    authorizationEndpoint: `${authorizeUrl}/oauth2/v2.1/authorize`,
    tokenEndpoint: `${apiUrl}/oauth2/v2.1/token`,
    clientId,
    clientSecret,
  });
  return {
    name: 'line',
    title: 'LINE',
    redirectUri,
    keepsToken: false,
    authorizationUrl: (flow, codeChallenge) =>
      codeFlowAuthorizationUrl(config, { redirectUri, scope: 'profile', flow, codeChallenge }),
    async exchange(callbackUrl, flow) {
      const accessToken = await exchangeCode(config, callbackUrl, flow, redirectUri);
      const profile = (await getJson(`${apiUrl}/v2/profile`, accessToken)) as {
        userId?: unknown;
        displayName?: unknown;
      };
      const subject = typeof profile?.userId === 'string' ? profile.userId : '';
      if (!LINE_USER_ID.test(subject)) throw new Error('LINE /v2/profile answered without a user id');
      return { user: { subject, login: text(profile.displayName) }, accessToken };
    },
  };
}

export function identityProviders(config: MiyabiIdentityConfig): IdentityProviders {
  return {
    ...(config.github ? { github: githubProvider(config.github) } : {}),
    ...(config.line ? { line: lineProvider(config.line) } : {}),
  };
}
