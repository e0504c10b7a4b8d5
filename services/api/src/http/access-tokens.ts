import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { type AccessTokens, accessTokens } from '../kernel/auth/access-tokens.ts';

declare module 'fastify' {
  interface FastifyInstance {
    accessTokens: AccessTokens;
  }
}

async function accessTokensPlugin(app: FastifyInstance, options: { secret: Uint8Array; now: () => number }) {
  app.decorate('accessTokens', accessTokens(options.secret, options.now));
}

export default fp(accessTokensPlugin, { name: 'access-tokens' });
