/**
 * What a reader of the spec would find undocumented: an operation without a
 * description, a schema property without one, a parameter without an example.
 * Run over the generated document (the contract test and `npm run spec:docs`
 * in CI), so it checks exactly what Swagger UI, the reference page and the
 * SDK's doc comments show.
 */
type Json = Record<string, unknown>;

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function described(value: Json): boolean {
  return typeof value['description'] === 'string' && value['description'].trim() !== '';
}

/** A `$ref` to a component counts as described when the component is. */
function resolve(document: Json, schema: Json): Json {
  const ref = schema['$ref'];
  if (typeof ref !== 'string' || described(schema)) return schema;
  const target = ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), document);
  return isObject(target) ? target : schema;
}

/** Every `properties` entry under a schema, with its JSON path, recursing into sub-schemas. */
function propertyGaps(document: Json, schema: unknown, path: string, gaps: string[]): void {
  if (Array.isArray(schema)) {
    schema.forEach((item, index) => {
      propertyGaps(document, item, `${path}/${index}`, gaps);
    });
    return;
  }
  if (!isObject(schema)) return;
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'examples' || key === 'example' || key === 'default' || key === 'const' || key === 'enum') {
      continue;
    }
    if (key === 'properties' && isObject(value)) {
      for (const [name, property] of Object.entries(value)) {
        if (isObject(property) && !described(resolve(document, property))) {
          gaps.push(`${path}/properties/${name}: property without a description`);
        }
        propertyGaps(document, property, `${path}/properties/${name}`, gaps);
      }
    } else {
      propertyGaps(document, value, `${path}/${key}`, gaps);
    }
  }
}

function hasExample(parameter: Json): boolean {
  const schema = isObject(parameter['schema']) ? parameter['schema'] : {};
  return (
    'example' in parameter ||
    isObject(parameter['examples']) ||
    'example' in schema ||
    (Array.isArray(schema['examples']) && schema['examples'].length > 0)
  );
}

function parameterGaps(document: Json, parameter: unknown, where: string, gaps: string[]): void {
  if (!isObject(parameter)) return;
  const resolved = resolve(document, parameter);
  const name = String(resolved['name'] ?? where);
  if (!described(resolved)) gaps.push(`${where} parameter ${name}: no description`);
  if (!hasExample(resolved)) gaps.push(`${where} parameter ${name}: no example`);
}

/** Every gap as one line; an empty list means the document is fully described. */
export function documentationGaps(document: Json): string[] {
  const gaps: string[] = [];
  const paths = isObject(document['paths']) ? document['paths'] : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const method of METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      const where = `${method.toUpperCase()} ${path}`;
      if (!described(operation)) gaps.push(`${where}: operation without a description`);
      const parameters = Array.isArray(operation['parameters']) ? operation['parameters'] : [];
      for (const parameter of parameters) parameterGaps(document, parameter, where, gaps);
      propertyGaps(document, operation['requestBody'], `${where} requestBody`, gaps);
      propertyGaps(document, operation['responses'], `${where} responses`, gaps);
    }
  }
  const components = isObject(document['components']) ? document['components'] : {};
  const schemas = isObject(components['schemas']) ? components['schemas'] : {};
  for (const [name, schema] of Object.entries(schemas)) {
    if (isObject(schema) && !described(schema)) gaps.push(`#/components/schemas/${name}: no description`);
    propertyGaps(document, schema, `#/components/schemas/${name}`, gaps);
  }
  const parameters = isObject(components['parameters']) ? components['parameters'] : {};
  for (const [name, parameter] of Object.entries(parameters)) {
    parameterGaps(document, parameter, `#/components/parameters/${name}`, gaps);
  }
  return gaps;
}
