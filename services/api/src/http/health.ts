/** /healthz: the process answers. /readyz: the database answers too (503 otherwise). */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { sql } from 'slonik';
import Type from 'typebox';
import { rowType } from '../db/row-type.ts';
import { DomainError } from '../kernel/errors.ts';

const ReadyRow = rowType(Type.Object({ ready: Type.Literal(1) }));

async function healthPlugin(app: FastifyInstance) {
  const options = { schema: { hide: true }, config: { rateLimit: false } };
  app.get('/healthz', options, async () => ({ status: 'ok' }));
  app.get('/readyz', options, async () => {
    try {
      await app.db.oneFirst(sql.type(ReadyRow)`SELECT 1 AS ready`);
    } catch {
      throw new DomainError('unavailable', 'The database is not reachable.', { retryAfter: 1 });
    }
    return { status: 'ok' };
  });
}

export default fp(healthPlugin, { name: 'health', dependencies: ['database'] });
