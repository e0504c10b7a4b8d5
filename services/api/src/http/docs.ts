/**
 * Swagger UI at /docs and the spec at /openapi.json, both serving the very
 * document generated from the contract (the one committed as spec/openapi.json).
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { openApiDocument } from '@yorozu/contract';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

async function docsPlugin(app: FastifyInstance) {
  const document = openApiDocument();
  await app.register(swagger, { mode: 'static', specification: { document: document as never } });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: { persistAuthorization: true, displayRequestDuration: true },
  });
  app.get('/openapi.json', { schema: { hide: true }, config: { rateLimit: false } }, async () => document);
}

export default fp(docsPlugin, { name: 'docs' });
