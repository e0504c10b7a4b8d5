/**
 * Turns an OpenAPI 3.1 document into the SDK's two generated files:
 *
 * - `schema.d.ts`: openapi-typescript's `paths`, `components` and `operations` types;
 * - `problems.ts`: the problem catalogue (`ProblemCode`'s `x-problems`): each error `code`'s
 *   status and whether the same request may succeed later, which the error classes dispatch on;
 * - `resources.ts`: the resource table (data, not code: one `[method, path, flags, query]`
 *   tuple per operationId, nested by its dotted name) and the `Resources` interface that
 *   types every method from `operations[operationId]` and documents it from the spec;
 * - `namespaces.ts`: one type namespace per resource, named like it (`ApiKeys`), with each
 *   method's params (`ApiKeys.CreateParams`) and the schemas its results are made of
 *   (`ApiKeys.ApiKey`), documented from the spec.
 *
 * Pure: no file system access, so tests can run it on fixture specs.
 */
import openapiTS, { astToString, NULL, type SchemaObject } from 'openapi-typescript';
import ts from 'typescript';

export const HEADER = (spec: string) =>
  `// Generated from ${spec} by scripts/generate.ts: do not edit.\n// Regenerate with \`npm run spec\` (packages/sdk); CI runs \`npm run spec:check\`.\n`;

/** Operation ids whose first segment would shadow a member of the client. */
const RESERVED = new Set(['raw', 'session', 'constructor', 'prototype', 'then']);
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;
const PRIMITIVE = new Set(['array', 'string', 'number', 'integer', 'boolean', 'null']);

/** Flags of a table entry; keep in sync with src/resource.ts. */
export const LIST = 1;
export const JSON_BODY = 2;
export const RAW_BODY = 4;
export const STREAM = 8;
export const BLOB = 16;
export const BINARY_BODY = 32;
export const NO_CONTENT = 64;
export const REDIRECT = 128;

// biome-ignore lint/suspicious/noExplicitAny: OpenAPI documents are walked dynamically.
type Json = any;

export interface Operation {
  id: string;
  method: string;
  path: string;
  flags: number;
  /** Query parameter names, listed only when a JSON body shares the params object with them. */
  query: string[];
  summary?: string;
  description?: string;
  deprecated?: boolean;
  /** Component schemas a 2xx answer is made of: the body's, and a list's item. */
  results: string[];
}

export interface Generated {
  schema: string;
  resources: string;
  namespaces: string;
  problems: string;
  operations: Operation[];
}

export interface GenerateOptions {
  /** How the header names the spec (default `spec/openapi.json`). */
  specName?: string;
  /** Import path of src/resource.ts from the output folder (default `../resource`). */
  runtime?: string;
}

export async function generate(spec: Json, options: GenerateOptions = {}): Promise<Generated> {
  const { specName = 'spec/openapi.json', runtime = '../resource' } = options;
  const ast = await openapiTS(describeReferences(structuredClone(spec)), {
    silent: true,
    // A `default` is what the server uses when a field is left out, so the field stays optional
    // (`resolution` of a studio GenerationRequest). openapi-typescript's default (true) makes it
    // required, which is wrong for request bodies; response schemas mark what they always send
    // with `required`, so this holds for them as well.
    defaultNonNullable: false,
    transform: binaryAsBlob,
  });
  const schema = `${HEADER(specName)}\n${astToString(ast)}`;
  const operations = collect(spec);
  return {
    schema,
    resources: renderResources(spec, operations, specName, runtime),
    namespaces: renderNamespaces(spec, operations, specName, runtime),
    problems: renderProblems(spec, specName),
    operations,
  };
}

/**
 * Gives a property that is only a `$ref` the description of the schema it names (OpenAPI 3.1
 * allows `description` beside `$ref`), so the generated property carries it as JSDoc: an editor's
 * hover on `problem.code` then lists every code, where it would otherwise show the bare union.
 */
function describeReferences(spec: Json): Json {
  const visit = (node: Json) => {
    if (!node || typeof node !== 'object') return;
    for (const property of Object.values<Json>(node.properties ?? {})) {
      if (typeof property?.$ref !== 'string' || property.description) continue;
      const description = deref(spec, property)?.description;
      if (description) property.description = description;
    }
    for (const child of Object.values(node)) visit(child);
  };
  visit(spec.components);
  visit(spec.paths);
  return spec;
}

/** The problem catalogue, from the `x-problems` of `components.schemas.ProblemCode`. */
function renderProblems(spec: Json, specName: string): string {
  const catalogue: Record<string, { status: number; retryable: boolean }> =
    spec.components?.schemas?.ProblemCode?.['x-problems'] ?? {};
  const rows = Object.entries(catalogue).map(
    ([code, { status, retryable }]) => `  ${code}: { status: ${status}, retryable: ${retryable} },`,
  );
  return `${HEADER(specName)}
/** Every problem \`code\` of the API: its HTTP status, and whether the same request may succeed later. */
export const problems = {
${rows.join('\n')}
} as const;

export type ProblemCode = keyof typeof problems;
`;
}

/**
 * `format: binary` (an upload's or a download's bytes) is a `Blob`, which is what the SDK sends
 * and resolves with, rather than openapi-typescript's `string`.
 */
function binaryAsBlob(schema: SchemaObject): ts.TypeNode | undefined {
  if (!('format' in schema) || schema.format !== 'binary') return undefined;
  const blob = ts.factory.createTypeReferenceNode('Blob');
  const nullable =
    ('nullable' in schema && schema.nullable) || (Array.isArray(schema.type) && schema.type.includes('null'));
  return nullable ? ts.factory.createUnionTypeNode([blob, NULL]) : blob;
}

/** Follows local `$ref`s (`#/components/...`). */
function deref(spec: Json, node: Json, seen = 0): Json {
  if (!node || typeof node !== 'object' || typeof node.$ref !== 'string') return node;
  if (seen > 32) throw new Error(`$ref cycle at ${node.$ref}`);
  if (!node.$ref.startsWith('#/')) throw new Error(`only local $refs are supported: ${node.$ref}`);
  let target = spec;
  for (const part of node.$ref.slice(2).split('/')) {
    target = target?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  if (target === undefined) throw new Error(`unresolved $ref ${node.$ref}`);
  return deref(spec, target, seen + 1);
}

const SCHEMA_REF = '#/components/schemas/';
const schemaName = (node: Json): string | undefined =>
  typeof node?.$ref === 'string' && node.$ref.startsWith(SCHEMA_REF)
    ? node.$ref.slice(SCHEMA_REF.length)
    : undefined;

/** The named schemas of an operation's 2xx JSON answers: the body's, and its `data` items'. */
function resultSchemas(spec: Json, op: Json): string[] {
  const names: string[] = [];
  for (const [status, response] of Object.entries(op.responses ?? {})) {
    if (!/^2/.test(status)) continue;
    const res = deref(spec, response);
    const media = jsonMedia(res.content);
    const node = media ? res.content[media].schema : undefined;
    for (const name of [schemaName(node), schemaName(deref(spec, node)?.properties?.data?.items)]) {
      if (name && !names.includes(name)) names.push(name);
    }
  }
  return names;
}

const jsonMedia = (content: Json) => Object.keys(content ?? {}).find((type) => /[/+]json$/.test(type));

/** A list operation takes a `cursor` query parameter and answers 2xx JSON with `data` and `nextCursor`. */
function isList(spec: Json, op: Json, params: Json[]): boolean {
  if (!params.some((p) => p.in === 'query' && p.name === 'cursor')) return false;
  return Object.entries(op.responses ?? {}).some(([status, response]) => {
    if (!/^2/.test(status)) return false;
    const res = deref(spec, response);
    const media = jsonMedia(res.content);
    const schema = media ? deref(spec, res.content[media].schema) : undefined;
    const props = schema?.properties ?? {};
    return 'data' in props && 'nextCursor' in props;
  });
}

/**
 * A 2xx answer that is not JSON: an event stream (kept as a stream), no body at all, or
 * anything else (a Blob).
 */
function parseAs(spec: Json, op: Json): number {
  // Only a redirect (an OAuth sign-in's start): a page opens the URL, nothing fetches it.
  const statuses = Object.keys(op.responses ?? {});
  if (!statuses.some((status) => /^2/.test(status)) && statuses.some((status) => /^3/.test(status)))
    return REDIRECT;
  const types = Object.entries(op.responses ?? {})
    .filter(([status]) => /^2/.test(status))
    .flatMap(([, response]) => Object.keys(deref(spec, response).content ?? {}));
  if (!types.length) return NO_CONTENT;
  if (types.some((type) => jsonMedia({ [type]: 1 }))) return 0;
  return types.some((type) => type.startsWith('text/event-stream')) ? STREAM : BLOB;
}

function collect(spec: Json): Operation[] {
  const out: Operation[] = [];
  const ids = new Set<string>();
  for (const [path, rawItem] of Object.entries<Json>(spec.paths ?? {})) {
    const item = deref(spec, rawItem);
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const where = `${method.toUpperCase()} ${path}`;
      // Called by another service, not by clients (a webhook): no SDK method.
      if (op['x-internal'] === true) continue;
      const id: string | undefined = op.operationId;
      if (!id) throw new Error(`${where} has no operationId`);
      if (!/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(id))
        throw new Error(`${where}: bad operationId ${id}`);
      if (ids.has(id)) throw new Error(`duplicate operationId ${id}`);
      ids.add(id);
      if (RESERVED.has(id.split('.')[0]!))
        throw new Error(`operationId ${id} would shadow client.${id.split('.')[0]}`);

      const byKey = new Map<string, Json>();
      for (const p of [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p) => deref(spec, p))) {
        byKey.set(`${p.in}:${p.name}`, p);
      }
      const params = [...byKey.values()];
      const pathNames = params.filter((p) => p.in === 'path').map((p) => p.name as string);
      const queryNames = params.filter((p) => p.in === 'query').map((p) => p.name as string);
      for (const name of path.match(/\{[^}]+\}/g)?.map((m) => m.slice(1, -1)) ?? []) {
        if (!pathNames.includes(name)) throw new Error(`${where}: path parameter {${name}} is not declared`);
      }
      const clash = pathNames.find((n) => queryNames.includes(n));
      if (clash) throw new Error(`${where}: "${clash}" is both a path and a query parameter`);

      let flags = isList(spec, op, params) ? LIST : 0;
      flags |= parseAs(spec, op);
      let query: string[] = [];
      if (op.requestBody) {
        const body = deref(spec, op.requestBody);
        const media = jsonMedia(body.content);
        const schema = media ? deref(spec, body.content[media].schema) : undefined;
        const types = [schema?.type].flat().filter(Boolean);
        if (!schema || types.some((t: string) => PRIMITIVE.has(t))) {
          flags |= media ? RAW_BODY : BINARY_BODY;
          const taken = [...pathNames, ...queryNames].find((n) => n === 'body');
          if (taken) throw new Error(`${where}: a parameter named "body" clashes with the request body`);
        } else {
          flags |= JSON_BODY;
          query = queryNames;
          const fields = Object.keys(schema.properties ?? {});
          const taken = [...pathNames, ...queryNames].find((n) => fields.includes(n));
          if (taken)
            throw new Error(`${where}: parameter "${taken}" clashes with a body field of the same name`);
        }
      }
      out.push({
        id,
        method: method.toUpperCase(),
        path,
        flags,
        query,
        summary: op.summary,
        description: op.description,
        deprecated: op.deprecated,
        results: resultSchemas(spec, op),
      });
    }
  }
  return out;
}

interface Tree {
  [key: string]: Tree | Operation;
}

function nest(operations: Operation[]): Tree {
  const root: Tree = {};
  for (const op of operations) {
    const parts = op.id.split('.');
    let node = root;
    for (const [i, part] of parts.entries()) {
      const last = i === parts.length - 1;
      const existing = node[part];
      if (last) {
        if (existing) throw new Error(`operationId ${op.id} collides with a resource of the same name`);
        node[part] = op;
      } else {
        if (existing && 'method' in existing)
          throw new Error(`operationId ${op.id} nests under operation ${existing.id}`);
        if (!existing) node[part] = {};
        node = node[part] as Tree;
      }
    }
  }
  return root;
}

const isOp = (node: Tree | Operation): node is Operation => typeof (node as Operation).method === 'string';

function doc(op: Operation, indent: string): string {
  const text = (s: string) => s.replace(/\*\//g, '*\\/').trim();
  const lines: string[] = [];
  if (op.summary) lines.push(text(op.summary));
  if (op.description) lines.push('', ...text(op.description).split('\n'));
  lines.push('', `\`${op.method} ${op.path}\` (\`${op.id}\`)`);
  if (op.flags & LIST) {
    lines.push(
      '',
      'Returns a page promise: `await` it for the first page, `for await` it for every item,',
      '`.pages()` for every page, `.toArray({ maxItems })` for a capped array.',
    );
  }
  if (op.flags & REDIRECT) {
    lines.push('', 'Returns the URL to open in the browser (a string); nothing is fetched.');
  }
  if (op.deprecated) lines.push('@deprecated');
  return `${indent}/**\n${lines.map((l) => `${indent} *${l ? ` ${l}` : ''}`).join('\n')}\n${indent} */\n`;
}

/** A redirect's member builds its URL: `start` becomes `startUrl`. */
const memberName = (key: string, op: Operation) => (op.flags & REDIRECT ? `${key}Url` : key);

const methodKind = (op: Operation) =>
  op.flags & REDIRECT ? 'UrlMethod' : op.flags & LIST ? 'ListMethod' : 'Method';

/**
 * Entries that follow from their names, written `0` in the table: `a.bC.list` is
 * `GET /v1/a/b-c` (a cursor-paginated list), `create` a POST there with a JSON object body,
 * `get` / `update` / `delete` a GET / PATCH / DELETE of `…/{id}` (update with a JSON object
 * body, delete answering no body). About half the operations are one of these; each then
 * costs a few bytes of the bundle instead of its method and path. Keep in sync with
 * `conventional` in src/resource.ts.
 */
const CONVENTIONS: Record<string, readonly [string, string, number]> = {
  list: ['GET', '', LIST],
  create: ['POST', '', JSON_BODY],
  get: ['GET', '/{id}', 0],
  update: ['PATCH', '/{id}', JSON_BODY],
  delete: ['DELETE', '/{id}', NO_CONTENT],
};

const isConventional = (key: string, op: Operation, parents: string[]) => {
  const rule = Object.hasOwn(CONVENTIONS, key) ? CONVENTIONS[key] : undefined;
  const path = `/v1/${parents.map((name) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)).join('/')}`;
  return (
    rule !== undefined &&
    op.method === rule[0] &&
    op.path === path + rule[1] &&
    op.flags === rule[2] &&
    op.query.length === 0
  );
};

function renderTable(tree: Tree, indent: string, parents: string[] = []): string {
  const rows = Object.entries(tree).map(([key, node]) => {
    if (isOp(node)) {
      if (isConventional(key, node, parents)) return `${indent}  ${key}: 0,`;
      const tuple: unknown[] = [node.method, node.path];
      if (node.flags || node.query.length) tuple.push(node.flags);
      if (node.query.length) tuple.push(node.query);
      return `${indent}  ${memberName(key, node)}: ${JSON.stringify(tuple).replace(/,/g, ', ')},`;
    }
    return `${indent}  ${key}: ${renderTable(node, `${indent}  `, [...parents, key])},`;
  });
  return `{\n${rows.join('\n')}\n${indent}}`;
}

function renderTypes(tree: Tree, indent: string): string {
  const rows = Object.entries(tree).map(([key, node]) => {
    if (isOp(node)) {
      const kind = methodKind(node);
      const as = node.flags & STREAM ? ", 'stream'" : node.flags & BLOB ? ", 'blob'" : '';
      return `${doc(node, `${indent}  `)}${indent}  ${memberName(key, node)}: ${kind}<operations['${node.id}']${as}>;`;
    }
    return `${indent}  ${key}: ${renderTypes(node, `${indent}  `)};`;
  });
  return `{\n${rows.join('\n')}\n${indent}}`;
}

function renderResources(spec: Json, operations: Operation[], specName: string, runtime: string): string {
  const tree = nest(operations);
  const server = (spec.servers ?? [])
    .map((s: Json) => s.url)
    .find((url: unknown) => /^https?:\/\//.test(String(url)));
  const used = new Set(operations.map(methodKind));
  const imports = [...used].sort().join(', ');
  return `${HEADER(specName)}
${operations.length ? `import type { ${imports} } from '${runtime}';\nimport type { operations } from './schema';\n` : ''}
/** The first absolute \`servers\` URL of the spec. */
export const defaultBaseUrl: string | undefined = ${JSON.stringify(server)};

/** The API version the SDK was generated from (\`info.version\`). */
export const apiVersion = ${JSON.stringify(String(spec.info?.version ?? ''))};

/**
 * One \`[method, path, flags?, queryNames?]\` tuple per operationId, nested by its dotted name,
 * or \`0\` where the tuple follows from the names (see \`conventional\` in src/resource.ts).
 * Flags: 1 = cursor-paginated list, 2 = JSON object body (its fields sit beside the path and
 * query parameters), 4 = other JSON body (passed as \`body\`), 8 = answers an event stream,
 * 16 = answers another non-JSON body (a Blob), 32 = takes a non-JSON body (bytes as \`body\`),
 * 64 = answers no body, 128 = answers a redirect (the member, named \`<verb>Url\`, builds its URL).
 */
export const table = ${renderTable(tree, '')};

/** Every operation of the spec as a typed method, named by its operationId. */
export interface Resources ${renderTypes(tree, '')}
`;
}

const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);
const comment = (text: string, indent: string) =>
  `${indent}/**\n${text
    .replace(/\*\//g, '*\\/')
    .trim()
    .split('\n')
    .map((line) => `${indent} *${line ? ` ${line}` : ''}`)
    .join('\n')}\n${indent} */\n`;

function renderNamespace(spec: Json, tree: Tree, indent: string): string {
  const members: string[] = [];
  const taken = new Set<string>();
  for (const [key, node] of Object.entries(tree)) {
    if (isOp(node)) continue;
    taken.add(pascal(key));
    members.push(`${indent}  export namespace ${pascal(key)} ${renderNamespace(spec, node, `${indent}  `)}`);
  }
  for (const [key, node] of Object.entries(tree)) {
    if (!isOp(node)) continue;
    const name = `${pascal(key)}Params`;
    taken.add(name);
    const member = [...node.id.split('.').slice(0, -1), memberName(key, node)].join('.');
    const about = `Params of \`client.${member}()\`${node.summary ? `: ${node.summary}` : ''}.\n\n\`${node.method} ${node.path}\``;
    members.push(
      `${comment(about, `${indent}  `)}${indent}  export type ${name} = Input<operations['${node.id}']>;`,
    );
  }
  for (const node of Object.values(tree)) {
    if (!isOp(node)) continue;
    for (const schema of node.results) {
      if (taken.has(schema) || !/^[A-Za-z_$][\w$]*$/.test(schema)) continue;
      taken.add(schema);
      const description = deref(spec, { $ref: `${SCHEMA_REF}${schema}` })?.description;
      members.push(
        `${description ? comment(description, `${indent}  `) : ''}${indent}  export type ${schema} = components['schemas']['${schema}'];`,
      );
    }
  }
  return `{\n${members.join('\n')}\n${indent}}`;
}

function renderNamespaces(spec: Json, operations: Operation[], specName: string, runtime: string): string {
  const tree = nest(operations);
  const namespaces = Object.entries(tree)
    .filter(([, node]) => !isOp(node))
    .map(
      ([key, node]) => `export declare namespace ${pascal(key)} ${renderNamespace(spec, node as Tree, '')}`,
    );
  return `${HEADER(specName)}
/**
 * One type namespace per resource, named like it: each method's params (\`ApiKeys.CreateParams\`)
 * and the schemas its results are made of (\`ApiKeys.ApiKey\`).
 *
 * \`\`\`ts
 * import type { ApiKeys } from '@yorozu/sdk';
 * const params: ApiKeys.CreateParams = { name: 'CI', scopes: ['me:read'] };
 * \`\`\`
 */
${namespaces.length ? `import type { Input } from '${runtime}';\nimport type { components, operations } from './schema';\n\n` : ''}${namespaces.join('\n\n')}
`;
}
