/**
 * Hoists every titled schema (see `named()`) into `components/schemas` and
 * replaces it with a `$ref`, so shared schemas appear once in the spec and the
 * SDK gets readable type names.
 */
type Json = unknown;

export class ComponentRegistry {
  readonly schemas = new Map<string, Json>();
  readonly #serialised = new Map<string, string>();

  /** Returns the schema with every titled sub-schema replaced by a `$ref`. */
  refOrInline(schema: Json): Json {
    if (Array.isArray(schema)) return schema.map((item) => this.refOrInline(item));
    if (schema === null || typeof schema !== 'object') return schema;
    const record = schema as Record<string, Json>;
    const body: Record<string, Json> = {};
    for (const [key, value] of Object.entries(record)) {
      // `examples` are data, not schemas: keep them verbatim.
      body[key] = key === 'examples' || key === 'default' ? value : this.refOrInline(value);
    }
    const title = record['title'];
    if (typeof title !== 'string') return body;
    this.#register(title, body);
    return { $ref: `#/components/schemas/${title}` };
  }

  #register(title: string, body: Json): void {
    const serialised = JSON.stringify(body);
    const existing = this.#serialised.get(title);
    if (existing !== undefined && existing !== serialised) {
      throw new Error(`Two different schemas are both named ${title}`);
    }
    this.#serialised.set(title, serialised);
    this.schemas.set(title, body);
  }
}
