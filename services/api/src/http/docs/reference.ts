/**
 * The Redoc reference at /reference: the same document as Swagger UI, laid out for reading.
 * Redoc's standalone bundle is served from its npm package, and a small script of ours starts
 * it, so the page needs no inline script and no other origin.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';
import { DOCS_CSP, PAGE_TITLE, SPEC_URL } from './page.ts';

const REDOC_BUNDLE = createRequire(import.meta.url).resolve('redoc/bundles/redoc.standalone.js');

const page = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${PAGE_TITLE} · Reference</title>
</head>
<body style="margin:0">
<div id="reference"></div>
<script src="/reference/redoc.standalone.js"></script>
<script src="/reference/start.js"></script>
</body>
</html>
`;

// Redoc's options: https://redocly.com/docs/redoc/config
const start = `Redoc.init(${JSON.stringify(SPEC_URL)}, {
  expandResponses: '200,201,202',
  requiredPropsFirst: true,
  sortPropsAlphabetically: false,
  hideHostname: false,
  theme: { colors: { primary: { main: '#e8553e' } } }
}, document.getElementById('reference'));
`;

export async function referenceRoutes(app: FastifyInstance) {
  const bundle = await readFile(REDOC_BUNDLE);
  app.addHook('onSend', async (_request, reply) => {
    reply.header('content-security-policy', DOCS_CSP);
  });
  const config = { rateLimit: false };
  app.get('/', { schema: { hide: true }, config }, (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(page),
  );
  app.get('/redoc.standalone.js', { schema: { hide: true }, config }, (_request, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=86400')
      .send(bundle),
  );
  app.get('/start.js', { schema: { hide: true }, config }, (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').send(start),
  );
}
