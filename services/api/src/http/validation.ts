/**
 * Request validation with two Ajv instances. Query strings, path parameters
 * and headers arrive as text, so their values are coerced (`?limit=20` → 20).
 * JSON bodies are typed already: coercing them would turn `{"name": 7}` into
 * "7" and `""` into null, so bodies are checked as sent. Unknown properties
 * are refused everywhere, never silently removed (docs/architecture.md, Library notes: Fastify's default Ajv).
 *
 * Validation stops at the first error (Ajv's default; https://ajv.js.org/security.html advises
 * against `allErrors` on untrusted data): with `allErrors`, Ajv goes on past a failed `maxItems`
 * to `uniqueItems` and every item's own checks, so one 40 000-item array cost seconds of CPU and
 * megabytes of errors. Stopped at the first, the cost of any body is bounded by its size.
 */
import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

function createAjv(options: Options): Ajv {
  const ajv = new Ajv({
    removeAdditional: false,
    useDefaults: true,
    strict: false,
    ...options,
  });
  addFormats.default(ajv);
  return ajv;
}

async function validationPlugin(app: FastifyInstance) {
  const strict = createAjv({ coerceTypes: false });
  const coercing = createAjv({ coerceTypes: 'array' });
  app.setValidatorCompiler(({ schema, httpPart }) =>
    (httpPart === 'body' ? strict : coercing).compile(schema as object),
  );
  // Bodies are JSON only: text/plain is a 415, not a string to validate.
  app.removeContentTypeParser('text/plain');
}

export default fp(validationPlugin, { name: 'validation' });
