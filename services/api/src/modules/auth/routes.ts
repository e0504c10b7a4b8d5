import { operations } from '@yorozu/contract';
import type { FastifyInstance } from 'fastify';
import { login, logout, refresh, signup } from './service.ts';

export interface AuthRouteOptions {
  loginAttemptsPerMinute: number;
}

export function authRoutes(app: FastifyInstance, options: AuthRouteOptions) {
  // Guessing passwords: a tight limit per client and email, counted after the body is parsed.
  const credentialGuessing = {
    rateLimit: {
      max: options.loginAttemptsPerMinute,
      timeWindow: '1 minute',
      hook: 'preHandler',
      keyGenerator: (request: { ip: string; body?: unknown }) =>
        `login:${request.ip}:${String((request.body as { email?: string } | undefined)?.email ?? '').toLowerCase()}`,
    },
  };
  app.operation(
    operations['auth.signup'],
    ({ db, body, actAs }) => signup(db, app.accessTokens, actAs, body),
    {
      config: credentialGuessing,
    },
  );
  app.operation(operations['auth.login'], ({ db, body, actAs }) => login(db, app.accessTokens, actAs, body), {
    config: credentialGuessing,
  });
  app.operation(operations['auth.refresh'], ({ db, body, actAs }) =>
    refresh(db, app.accessTokens, actAs, body.refreshToken),
  );
  app.operation(operations['auth.logout'], ({ db, body, actAs }) => logout(db, actAs, body.refreshToken));
}
