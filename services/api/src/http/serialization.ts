/**
 * The response schemas the serializer compiles (fast-json-stringify), rewritten once at boot
 * where the rewrite serialises the same JSON with less work per response: a nullable scalar,
 * `anyOf: [{ type: 'string', format: 'date-time' }, { type: 'null' }]` as TypeBox writes
 * `Type.Union([Timestamp, Type.Null()])`, becomes `type: ['string', 'null']`. fast-json-stringify
 * serialises an `anyOf` by running an Ajv validation of each branch on every value (a
 * date-time format check per field per row), and a type list by `typeof` alone
 * (https://github.com/fastify/fast-json-stringify#anyof-and-oneof). Both are the same JSON
 * Schema; the published spec (spec/openapi.json) keeps the contract's own form.
 */

type Schema = Record<string, unknown>;

const SCALARS = new Set(['string', 'number', 'integer', 'boolean']);

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{ type: 'null' }` and nothing else that a serializer reads. */
function isNull(schema: unknown): boolean {
  return isSchema(schema) && schema.type === 'null' && schema.anyOf === undefined;
}

/** A scalar of one type, with no branches of its own: serialised the same inside a type list. */
function isPlainScalar(schema: unknown): schema is Schema {
  return (
    isSchema(schema) &&
    typeof schema.type === 'string' &&
    SCALARS.has(schema.type) &&
    schema.anyOf === undefined &&
    schema.oneOf === undefined &&
    schema.enum === undefined &&
    schema.const === undefined
  );
}

function rewrite(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewrite);
  if (!isSchema(value)) return value;
  const copy: Schema = {};
  for (const [key, child] of Object.entries(value)) copy[key] = rewrite(child);
  const branches = copy.anyOf;
  if (Array.isArray(branches) && branches.length === 2) {
    const scalar = branches.find(isPlainScalar);
    if (scalar && branches.some(isNull)) {
      const { anyOf: _branches, ...rest } = copy;
      return { ...scalar, ...rest, type: [scalar.type, 'null'] };
    }
  }
  return copy;
}

const rewritten = new WeakMap<object, unknown>();

/** The schema the serializer should compile for `schema` (a response schema of the contract). */
export function serializationSchema<T>(schema: T): T {
  if (!isSchema(schema)) return schema;
  let known = rewritten.get(schema);
  if (known === undefined) {
    known = rewrite(schema);
    rewritten.set(schema, known);
  }
  return known as T;
}
