import { buildDocument } from './openapi/document.ts';
import { operations, tags } from './operations.ts';

/** The API's version, in the spec's `info.version`. */
export const API_VERSION = '0.1.0';

/** The document committed as spec/openapi.json and served at /openapi.json. */
export function openApiDocument(serverUrl = 'http://localhost:3000') {
  return buildDocument(Object.values(operations), { version: API_VERSION, serverUrl, tags });
}
