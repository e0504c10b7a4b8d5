/** The sign-in providers the environment configures (docs/security.md, Sign-in with GitHub or Google). */
import type { OAuthConfig } from '../../../config.ts';
import { githubProvider } from './github.ts';
import { googleProvider } from './google.ts';
import type { OAuthProviders } from './provider.ts';

export function oauthProviders(config: OAuthConfig): OAuthProviders {
  return {
    ...(config.github ? { github: githubProvider(config.github) } : {}),
    ...(config.google ? { google: googleProvider(config.google) } : {}),
  };
}

export type { AvatarStore } from './avatar.ts';
export type { OAuthProviders } from './provider.ts';
export { oauthRoutes } from './routes.ts';
