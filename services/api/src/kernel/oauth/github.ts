/**
 * GitHub as an OAuth provider, for sign-in and for Miyabi's connected accounts alike: its code-flow
 * endpoints under the web origin (https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps)
 * and the headers its REST API asks for, its media type and a User-Agent
 * (https://docs.github.com/en/rest/using-the-rest-api/getting-started-with-the-rest-api).
 */
import type * as client from 'openid-client';
import { codeFlowConfiguration } from './code-flow.ts';

export const GITHUB_API_HEADERS = { accept: 'application/vnd.github+json', 'user-agent': 'yorozu-api' };

export function githubCodeFlow(settings: {
  webUrl: string;
  clientId: string;
  clientSecret: string;
}): client.Configuration {
  const { webUrl, clientId, clientSecret } = settings;
  return codeFlowConfiguration({
    issuer: webUrl,
    authorizationEndpoint: `${webUrl}/login/oauth/authorize`,
    tokenEndpoint: `${webUrl}/login/oauth/access_token`,
    clientId,
    clientSecret,
  });
}
