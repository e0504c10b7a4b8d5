/**
 * What a docs reader sees, all from the one document the contract generates (committed as
 * spec/openapi.json): the spec at /openapi.json, Swagger UI at /docs to try the API, and a
 * Redoc reference at /reference to read it. Every asset comes from an npm package and is
 * served from here (no CDN), under one Content-Security-Policy.
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { openApiDocument } from '@yorozu/contract';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { DOCS_CSP, LOGO_SVG, PAGE_TITLE, SPEC_URL } from './page.ts';
import { referenceRoutes } from './reference.ts';
import { forRequest } from './servers.ts';

async function docsPlugin(app: FastifyInstance) {
  const document = openApiDocument();
  await app.register(swagger, { mode: 'static', specification: { document: document as never } });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    theme: { title: `${PAGE_TITLE} · Swagger UI` },
    logo: { type: 'image/svg+xml', content: LOGO_SVG, href: '/docs', target: '_self' },
    // `urls` (one entry) makes the top bar load and show SPEC_URL, the address the info block links
    // to and `npm start` prints, instead of the plugin's own /docs/json.
    uiConfig: {
      urls: [{ url: SPEC_URL, name: `${document.info.title} ${document.info.version}` }],
      persistAuthorization: true,
      displayRequestDuration: true,
    },
    transformSpecification: (_spec, request) => forRequest(document, request),
    staticCSP: DOCS_CSP,
  });
  app.get(SPEC_URL, { schema: { hide: true }, config: { rateLimit: false } }, async (request) =>
    forRequest(document, request),
  );
  await app.register(referenceRoutes, { prefix: '/reference' });
}

export default fp(docsPlugin, { name: 'docs' });
