/**
 * Every string a request carries must be text PostgreSQL can store (src/kernel/text.ts): the
 * `storableText` keyword, added by `withStorableStrings` to each string schema of a route
 * before it is compiled, so no module can forget it and no NUL reaches a query as a 500.
 * The contract's schemas stay as they are: the spec shows no service-internal keyword.
 */
import { _, type Ajv, type KeywordCxt } from 'ajv';
import { isStorableText } from '../kernel/text.ts';

const KEYWORD = 'storableText';

export function addStorableTextKeyword(ajv: Ajv): void {
  ajv.addKeyword({
    keyword: KEYWORD,
    type: 'string',
    schemaType: 'boolean',
    code(cxt: KeywordCxt) {
      const check = cxt.gen.scopeValue('func', { ref: isStorableText });
      cxt.fail(_`!${check}(${cxt.data})`);
    },
    error: { message: 'must not contain NUL characters or unpaired surrogates' },
  });
}

/** Keywords whose value is one subschema, a list of them, or a map of names to them. */
const ONE = ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames'];
const LIST = ['anyOf', 'oneOf', 'allOf', 'prefixItems'];
const MAP = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];

type Schema = Record<string, unknown>;

const isSchema = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function mapValues(map: Schema, fn: (value: unknown) => unknown): Schema {
  return Object.fromEntries(Object.entries(map).map(([key, value]) => [key, fn(value)]));
}

/** A copy of the schema with `storableText` on every string that is not an enum, a constant or bytes. */
export function withStorableStrings(schema: unknown): unknown {
  if (!isSchema(schema)) return schema;
  const copy: Schema = { ...schema };
  for (const key of ONE) if (isSchema(copy[key])) copy[key] = withStorableStrings(copy[key]);
  for (const key of LIST) {
    const list = copy[key];
    if (Array.isArray(list)) copy[key] = list.map(withStorableStrings);
  }
  for (const key of MAP) if (isSchema(copy[key])) copy[key] = mapValues(copy[key], withStorableStrings);
  const type = copy['type'];
  const isString = type === 'string' || (Array.isArray(type) && type.includes('string'));
  if (isString && copy['format'] !== 'binary' && !('enum' in copy) && !('const' in copy))
    copy[KEYWORD] = true;
  return copy;
}
