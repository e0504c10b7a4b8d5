import type { auth } from '@yorozu/contract';

export type OAuthProviderName = (typeof auth.OAUTH_PROVIDERS)[number];
