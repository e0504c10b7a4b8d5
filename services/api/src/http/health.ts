/** /healthz: the process answers. /readyz: the database answers too (503 otherwise). */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { sql } from 'slonik';
import { DomainError } from '../kernel/errors.ts';

async function healthPlugin(app: FastifyInstance) {
  const options = { schema: { hide: true }, config: { rateLimit: false } };
  app.get('/healthz', options, async () => ({ status: 'ok' }));
  app.get('/readyz', options, async () => {
    try {
      await app.db.oneFirst(sql.unsafe`SELECT 1`);
    } catch {
      throw new DomainError('unavailable', 'The database is not reachable.', { retryAfter: 1 });
    }
    return { status: 'ok' };
  });
}

export default fp(healthPlugin, { name: 'health', dependencies: ['database'] });
