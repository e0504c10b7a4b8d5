/**
 * Query, path and header values arrive as text; the contract types a few of them as integers
 * (`limit`, `Last-Event-ID`). They are converted here, strictly: decimal digits only. Ajv's own
 * coercion reads a string the way JavaScript's `+value` does, so `limit=0x10` was 16 and
 * `limit=1e1` 10. Anything else stays text, and the schema then refuses it ("must be integer").
 */
type Schema = { properties?: Record<string, { type?: unknown }> };

const DECIMAL_INTEGER = /^-?\d{1,15}$/;

/**
 * The converter for one route part's schema. A parameter typed anything but string or integer
 * (or untyped, e.g. a union, which stays text) has no conversion yet: the route fails at
 * start-up rather than mis-reading it at run time.
 */
export function compileTextParameters(part: string, schema: Schema): (data: unknown) => void {
  const integers: string[] = [];
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    if (property.type === 'integer') integers.push(name);
    else if (property.type !== undefined && property.type !== 'string') {
      throw new Error(`The ${part} parameter "${name}" must be typed string or integer.`);
    }
  }
  return (data) => {
    if (typeof data !== 'object' || data === null) return;
    const values = data as Record<string, unknown>;
    for (const name of integers) {
      const value = values[name];
      if (typeof value === 'string' && DECIMAL_INTEGER.test(value)) values[name] = Number(value);
    }
  };
}
