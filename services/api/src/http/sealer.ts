import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { type Sealer, sealer } from '../kernel/auth/sealing.ts';

declare module 'fastify' {
  interface FastifyInstance {
    sealer: Sealer;
  }
}

async function sealerPlugin(app: FastifyInstance, options: { secret: Uint8Array }) {
  app.decorate('sealer', sealer(options.secret));
}

export default fp(sealerPlugin, { name: 'sealer' });
