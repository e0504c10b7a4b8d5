import { operations } from '@yorozu/contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { clientIp, perIpLimit } from '../../http/rate-limit.ts';
import { isWellFormedSecret, REFRESH_TOKEN_PREFIX } from '../../kernel/auth/index.ts';
import { unauthenticated } from '../../kernel/errors.ts';
import { type AvatarStore, type OAuthProviders, oauthRoutes } from './oauth/index.ts';
import { login, logout, refresh, signup } from './service.ts';

export interface AuthRouteOptions {
  loginAttemptsPerMinute: number;
  requestsPerMinutePerIp: number;
  refreshGraceSeconds: number;
  /** Sign-in with GitHub or Google: the configured providers (none: those routes answer 404). */
  oauthProviders: OAuthProviders;
  /** Where a new identity's avatar is stored (the file store, and IMAGE_MAX_PIXELS). */
  avatars: AvatarStore;
}

export async function authRoutes(app: FastifyInstance, options: AuthRouteOptions) {
  // Guessing one account's password: a tight limit per client and email, counted after the body is parsed.
  const credentialGuessing = {
    rateLimit: {
      max: options.loginAttemptsPerMinute,
      timeWindow: '1 minute',
      hook: 'preHandler',
      keyGenerator: (request: FastifyRequest) =>
        `login:${clientIp(request)}:${String((request.body as { email?: string } | undefined)?.email ?? '').toLowerCase()}`,
    },
  };
  // Spraying many emails (or refresh tokens) from one client: one budget per IP over every auth endpoint.
  const perIp = perIpLimit(app, 'auth', options.requestsPerMinutePerIp);
  await app.register(async (scope) => {
    scope.addHook('onRequest', (request) => perIp.take(request));
    scope.operation(
      operations['auth.signup'],
      ({ db, body, actAs }) => signup(db, app.accessTokens, actAs, body),
      { config: credentialGuessing },
    );
    scope.operation(
      operations['auth.login'],
      ({ db, body, actAs }) => login(db, app.accessTokens, actAs, body),
      { config: credentialGuessing },
    );
    await scope.register(async (oauth) => oauthRoutes(oauth, options.oauthProviders, options.avatars));
    await scope.register(async (tokens) => {
      // A token that cannot be one of ours is refused before the handler's transaction starts.
      tokens.addHook('preHandler', async (request) => {
        const { refreshToken } = request.body as { refreshToken: string };
        if (!isWellFormedSecret(REFRESH_TOKEN_PREFIX, refreshToken))
          throw unauthenticated('The refresh token is invalid or expired.');
      });
      const refreshOptions = {
        tokens: app.accessTokens,
        sealer: app.sealer,
        graceSeconds: options.refreshGraceSeconds,
      };
      tokens.operation(operations['auth.refresh'], ({ db, body, actAs }) =>
        refresh(db, refreshOptions, actAs, body.refreshToken),
      );
      tokens.operation(operations['auth.logout'], ({ db, body, actAs }) =>
        logout(db, actAs, body.refreshToken),
      );
    });
  });
}
