/**
 * The one adapter between TypeBox and Slonik (docs/architecture.md, Library notes):
 * Slonik 49 parses rows through Standard Schema V1, which TypeBox 1.x does not
 * implement. `rowType(Schema)` gives a Standard Schema whose validate runs the
 * compiled TypeBox check, so `sql.type(rowType(X))` queries return typed rows
 * and the pool's interceptor rejects any row that does not match.
 *
 * Compiling costs ~90 µs, so a schema is compiled once: declare row types at
 * module level (`const XRow = rowType(X)`), not inside a query function, where
 * an inline `Type.Object(…)` is a new schema — and a new compile — every call.
 */
import type { StandardSchemaV1 } from '@standard-schema/spec';
import Type, { type Static, type TSchema } from 'typebox';
import { Compile } from 'typebox/compile';

const compiled = new WeakMap<TSchema, StandardSchemaV1>();

export function rowType<T extends TSchema>(schema: T): StandardSchemaV1<Static<T>, Static<T>> {
  const known = compiled.get(schema);
  if (known) return known as StandardSchemaV1<Static<T>, Static<T>>;
  const validator = Compile(schema);
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
