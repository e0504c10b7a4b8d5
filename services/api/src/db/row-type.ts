/**
 * The one adapter between TypeBox and Slonik (docs/architecture.md, Library notes):
 * Slonik 49 parses rows through Standard Schema V1, which TypeBox 1.x does not
 * implement. `rowType(Schema)` gives a Standard Schema whose validate runs the
 * compiled TypeBox check, so `sql.type(rowType(X))` queries return typed rows
 * and the pool's interceptor rejects any row that does not match.
 *
 * A row is checked for its shape — property names, types, nullability, enums, patterns — not
 * for `format` or `uniqueItems`: PostgreSQL's column types already guarantee what those say of a
 * row (a uuid column holds UUIDs, a timestamptz parses to RFC 3339 in src/db/pool.ts), and the
 * API validated them on the way in. Checked per row, they were most of the check's cost
 * (a date-time regex per timestamp, a pairwise scan per array; bench/list-endpoint.ts).
 *
 * Compiling costs ~90 µs, so a schema is compiled once: declare row types at
 * module level (`const XRow = rowType(X)`), not inside a query function, where
 * an inline `Type.Object(…)` is a new schema — and a new compile — every call.
 */
import type { StandardSchemaV1 } from '@standard-schema/spec';
import Type, { type Static, type TSchema } from 'typebox';
import { Compile } from 'typebox/compile';

const compiled = new WeakMap<TSchema, StandardSchemaV1>();

/** Keywords a row's column types already guarantee (see above). */
const GUARANTEED_BY_COLUMNS = new Set(['format', 'uniqueItems']);

/** Keywords whose value maps names (of properties, of definitions) to schemas. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions']);

/** Keywords whose value is data, not a schema: copied as they are. */
const DATA = new Set(['const', 'enum', 'default', 'example', 'examples']);

function mapValues(map: object, fn: (value: unknown) => unknown): Record<string, unknown> {
  return Object.fromEntries(Object.entries(map).map(([name, value]) => [name, fn(value)]));
}

/** The schema without those keywords, at every depth (a property named `format` stays). */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shapeOf);
  if (typeof value !== 'object' || value === null) return value;
  const shape: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (GUARANTEED_BY_COLUMNS.has(key)) continue;
    if (DATA.has(key)) {
      shape[key] = child;
      continue;
    }
    const isMap = SCHEMA_MAPS.has(key) && typeof child === 'object' && child !== null;
    shape[key] = isMap ? mapValues(child, shapeOf) : shapeOf(child);
  }
  return shape;
}

export function rowType<T extends TSchema>(schema: T): StandardSchemaV1<Static<T>, Static<T>> {
  const known = compiled.get(schema);
  if (known) return known as StandardSchemaV1<Static<T>, Static<T>>;
  const validator = Compile(shapeOf(schema) as T);
  const type: StandardSchemaV1<Static<T>, Static<T>> = {
    '~standard': {
      version: 1,
      vendor: 'typebox',
      validate(value) {
        if (validator.Check(value)) return { value: value as Static<T> };
        // Success must carry no `issues` key at all: `issues: []` is truthy and fails every row.
        return {
          issues: [...validator.Errors(value)].map((error) => ({
            message: error.message,
            path: error.instancePath.split('/').filter(Boolean),
          })),
        };
      },
    },
  };
  compiled.set(schema, type);
  return type;
}

/** The row type of a named statement whose rows nobody reads (an INSERT without RETURNING). */
export const NoRows = rowType(Type.Object({}));
