/**
 * GitHub: plain OAuth 2.0 (no ID token), then who signed in from its REST API: `GET /user` and
 * `GET /user/emails`, which says which addresses GitHub has verified
 * (https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps).
 * GitHub takes a PKCE S256 challenge like any OAuth 2.0 server.
 */
import type { OAuthConfig } from '../../../config.ts';
import {
  codeFlowAuthorizationUrl,
  exchangeCode,
  GITHUB_API_HEADERS,
  getJson,
  githubCodeFlow,
  isTrustedUrl,
} from '../../../kernel/oauth/index.ts';
import type { OAuthProvider, ProviderProfile } from './provider.ts';

/** Read the profile and the email addresses; nothing else (no repository access). */
const SCOPE = 'read:user user:email';

interface GitHubUser {
  id: number;
  login: string;
  name: string | null;
  avatar_url: string | null;
}

interface GitHubEmail {
  email: string;
  primary: boolean;
  verified: boolean;
}

function asUser(value: unknown): GitHubUser {
  const user = value as Partial<GitHubUser> | null;
  if (!user || typeof user.id !== 'number' || typeof user.login !== 'string')
    throw new Error('GitHub /user answered without an id');
  return {
    id: user.id,
    login: user.login,
    name: typeof user.name === 'string' ? user.name : null,
    avatar_url: typeof user.avatar_url === 'string' ? user.avatar_url : null,
  };
}

function asEmails(value: unknown): GitHubEmail[] {
  if (!Array.isArray(value)) throw new Error('GitHub /user/emails answered no list');
  return value.filter(
    (entry): entry is GitHubEmail =>
      typeof entry?.email === 'string' &&
      typeof entry.primary === 'boolean' &&
      typeof entry.verified === 'boolean',
  );
}

/** The primary address when GitHub has verified it, else another verified one, else the primary unverified. */
function pickEmail(emails: GitHubEmail[]): { email: string | null; emailVerified: boolean } {
  const primary = emails.find((entry) => entry.primary);
  const verified = primary?.verified ? primary : emails.find((entry) => entry.verified);
  if (verified) return { email: verified.email, emailVerified: true };
  return { email: primary?.email ?? null, emailVerified: false };
}

export function githubProvider(settings: NonNullable<OAuthConfig['github']>): OAuthProvider {
  const { redirectUri, webUrl, apiUrl } = settings;
  const config = githubCodeFlow(settings);

  return {
    name: 'github',
    redirectUri,
    async authorizationUrl(flow, codeChallenge) {
      return codeFlowAuthorizationUrl(
        config,
        { redirectUri, scope: SCOPE, flow, codeChallenge },
        { allow_signup: 'true' },
      );
    },
    trustsAvatarUrl(url) {
      return isTrustedUrl(url, ['avatars.githubusercontent.com'], [webUrl, apiUrl]);
    },
    async exchange(callbackUrl, flow): Promise<ProviderProfile> {
      const accessToken = await exchangeCode(config, callbackUrl, flow, redirectUri);
      // The access token is used for these two reads and then dropped: nothing keeps it.
      const [user, emails] = await Promise.all([
        getJson(`${apiUrl}/user`, accessToken, GITHUB_API_HEADERS).then(asUser),
        getJson(`${apiUrl}/user/emails`, accessToken, GITHUB_API_HEADERS).then(asEmails),
      ]);
      return {
        subject: String(user.id),
        ...pickEmail(emails),
        name: user.name ?? user.login,
        avatarUrl: user.avatar_url,
      };
    },
  };
}
