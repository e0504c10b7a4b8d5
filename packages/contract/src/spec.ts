import { buildDocument } from './openapi/document.ts';
import { operations, tags } from './operations.ts';

/** The API's version, in the spec's `info.version`. */
export const API_VERSION = '0.1.0';

/**
 * The document committed as spec/openapi.json and served at /openapi.json.
 * The first server is relative, so Swagger UI calls whichever host and port served it.
 */
export function openApiDocument() {
  return {
    'x-generated': 'Generated from packages/contract; do not edit. Regenerate with `npm run spec`.',
    ...buildDocument(Object.values(operations), {
      version: API_VERSION,
      servers: [
        { url: '/', description: 'The server this document was loaded from' },
        { url: 'http://localhost:3000', description: 'Local development (`npm start`)' },
      ],
      tags,
    }),
  };
}
