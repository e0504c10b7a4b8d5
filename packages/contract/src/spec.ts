import { PRODUCTS } from './kernel/billing.ts';
import { apiDescription } from './openapi/description.ts';
import { buildDocument } from './openapi/document.ts';
import { operations, tags } from './operations.ts';

/** The API's version, in the spec's `info.version`. */
export const API_VERSION = '0.1.0';

/** Product modules that serve at least one operation: the API description lists exactly these. */
function servedProducts() {
  const served = new Set(Object.values(operations).map((operation) => operation.tag));
  return tags.filter((tag) => (PRODUCTS as readonly string[]).includes(tag.name) && served.has(tag.name));
}

/**
 * The document committed as spec/openapi.json and served at /openapi.json. Its server is
 * where `npm start` listens; the service replaces it with the origin a request came to, so
 * Swagger UI calls the server that served it whatever its host and port.
 */
export function openApiDocument() {
  return {
    'x-generated': 'Generated from packages/contract; do not edit. Regenerate with `npm run spec`.',
    ...buildDocument(Object.values(operations), {
      version: API_VERSION,
      servers: [{ url: 'http://127.0.0.1:3000', description: 'Local development (`npm start`)' }],
      tags,
      info: {
        description: apiDescription({ products: servedProducts() }),
        contact: { name: 'Yorozu API support', url: 'https://yorozu.dev', email: 'api@yorozu.dev' },
        license: { name: 'MIT', identifier: 'MIT' },
      },
    }),
  };
}
