/**
 * Checks a job's payload and result against its contract definition (`defineJob`), with
 * TypeBox's compiled validators (one per schema, compiled on first use). Linear in the value's
 * size; a problem names at most five paths.
 */
import type { TSchema } from 'typebox';
import { Compile, type Validator } from 'typebox/compile';

const validators = new WeakMap<TSchema, Validator>();

function validator(schema: TSchema): Validator {
  let compiled = validators.get(schema);
  if (!compiled) {
    compiled = Compile(schema);
    validators.set(schema, compiled);
  }
  return compiled;
}

/** Null when `value` matches `schema`; else what is wrong, as `path message; …`. */
export function schemaProblem(schema: TSchema, value: unknown): string | null {
  const compiled = validator(schema);
  if (compiled.Check(value)) return null;
  return [...compiled.Errors(value)]
    .slice(0, 5)
    .map((error) => `${error.instancePath || '/'} ${error.message}`)
    .join('; ');
}
