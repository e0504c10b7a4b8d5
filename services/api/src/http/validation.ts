/**
 * Request validation with one Ajv instance and no type coercion: JSON bodies are typed already
 * (coercing would turn `{"name": 7}` into "7" and `""` into null), and the integers among query,
 * path and header values are converted strictly before validation (src/http/text-parameters.ts).
 * Unknown properties are refused everywhere, never silently removed (docs/architecture.md,
 * Library notes: Fastify's default Ajv).
 *
 * Validation stops at the first error (Ajv's default; https://ajv.js.org/security.html advises
 * against `allErrors` on untrusted data): with `allErrors`, Ajv goes on past a failed `maxItems`
 * to `uniqueItems` and every item's own checks, so one 40 000-item array cost seconds of CPU and
 * megabytes of errors. Stopped at the first, the cost of any body is bounded by its size.
 *
 * Every string must be storable text (src/http/storable-strings.ts), and `date` / `date-time`
 * must name a real day (src/kernel/calendar.ts): what reaches PostgreSQL never fails there as a 500.
 */
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { isCalendarDate, isTimestamp } from '../kernel/calendar.ts';
import { addStorableTextKeyword, withStorableStrings } from './storable-strings.ts';
import { compileTextParameters } from './text-parameters.ts';

function createAjv(): Ajv {
  const ajv = new Ajv({ removeAdditional: false, useDefaults: true, coerceTypes: false, strict: false });
  addFormats.default(ajv);
  // ajv-formats' `date` accepts year 0000, which PostgreSQL refuses.
  ajv.addFormat('date', isCalendarDate);
  ajv.addFormat('date-time', isTimestamp);
  addStorableTextKeyword(ajv);
  return ajv;
}

async function validationPlugin(app: FastifyInstance) {
  const ajv = createAjv();
  app.setValidatorCompiler(({ schema, httpPart }) => {
    const validate = ajv.compile(withStorableStrings(schema) as object);
    if (httpPart === 'body' || httpPart === undefined) return validate;
    const convert = compileTextParameters(httpPart, schema as Parameters<typeof compileTextParameters>[1]);
    const validateText = (data: unknown) => {
      convert(data);
      const valid = validate(data);
      validateText.errors = validate.errors;
      return valid;
    };
    validateText.errors = null as typeof validate.errors;
    return validateText;
  });
  // Bodies are JSON only: text/plain is a 415, not a string to validate.
  app.removeContentTypeParser('text/plain');
}

export default fp(validationPlugin, { name: 'validation' });
