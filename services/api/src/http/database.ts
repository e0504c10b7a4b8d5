/** Decorates the app with the Slonik pool; the pool closes with the app. */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { DatabasePool } from 'slonik';

declare module 'fastify' {
  interface FastifyInstance {
    db: DatabasePool;
  }
}

async function databasePlugin(app: FastifyInstance, options: { pool: DatabasePool }) {
  app.decorate('db', options.pool);
  app.addHook('onClose', async () => {
    await options.pool.end();
  });
}

export default fp(databasePlugin, { name: 'database' });
