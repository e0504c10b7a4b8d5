import { describe, expect, it } from 'vitest';
import { PRODUCTS } from './kernel/billing.ts';
import { isPaginated } from './openapi/description.ts';
import { credentialsOptional, type OperationDefinition } from './operation.ts';
import { operations } from './operations.ts';
import { PAGINATION } from './schema.ts';
import { SCOPES } from './scopes.ts';
import { openApiDocument } from './spec.ts';

const all = Object.entries(operations);

describe('operation table', () => {
  it('keys every operation by its own operationId, and ids follow <module>.<resource>[.<sub-resource>].<verb>', () => {
    for (const [key, operation] of all) {
      expect(operation.operationId).toBe(key);
      expect(key).toMatch(/^[a-z][A-Za-z]*(\.[a-z][A-Za-z]*){1,3}$/);
    }
  });

  it('lists every scope an operation needs in SCOPES, and no unused scope', () => {
    const used = new Set(all.flatMap(([, op]) => (typeof op.auth === 'string' ? [] : [op.auth.scope])));
    expect([...used].sort()).toEqual([...SCOPES].sort());
  });

  it('gives every path one operation per method', () => {
    const routes = all.map(([, op]) => `${op.method} ${op.path}`);
    expect(new Set(routes).size).toBe(routes.length);
  });

  it('audits every mutating operation', () => {
    for (const [key, op] of all) {
      if (op.method !== 'GET') expect({ key, audited: op.audited }).toEqual({ key, audited: true });
    }
  });
});

describe('OpenAPI document', () => {
  const document = openApiDocument();

  it('is deterministic', () => {
    expect(JSON.stringify(openApiDocument())).toBe(JSON.stringify(document));
  });

  it('names every component with a description and an example', () => {
    for (const [name, schema] of Object.entries(document.components.schemas)) {
      const { description, examples } = schema as { description?: string; examples?: unknown[] };
      expect({ name, description: typeof description }).toEqual({ name, description: 'string' });
      expect({ name, examples: Array.isArray(examples) && examples.length > 0 }).toEqual({
        name,
        examples: true,
      });
    }
  });

  /** Every schema object in the document, with its JSON pointer. */
  function* schemasIn(node: unknown, pointer = ''): Generator<[string, Record<string, unknown>]> {
    if (Array.isArray(node)) {
      for (const [index, item] of node.entries()) yield* schemasIn(item, `${pointer}/${index}`);
    } else if (node && typeof node === 'object') {
      yield [pointer, node as Record<string, unknown>];
      for (const [key, value] of Object.entries(node)) {
        // Example and default values are data, not schemas.
        if (key !== 'examples' && key !== 'example' && key !== 'default')
          yield* schemasIn(value, `${pointer}/${key}`);
      }
    }
  }

  it('declares a type beside every enum, so readers and validators see what kind of value it is', () => {
    const untyped = [...schemasIn(document)].filter(([, schema]) => 'enum' in schema && !('type' in schema));
    expect(untyped.map(([pointer]) => pointer)).toEqual([]);
  });

  it('bounds every uniqueItems array by maxItems over typed items, so uniqueness is checked in linear time', () => {
    const unbounded = [...schemasIn(document)].filter(([, schema]) => {
      if (schema['uniqueItems'] !== true) return false;
      const items = schema['items'] as Record<string, unknown> | undefined;
      return typeof schema['maxItems'] !== 'number' || !items || typeof items['type'] !== 'string';
    });
    expect(unbounded.map(([pointer]) => pointer)).toEqual([]);
  });

  it('gives every operation problem+json errors and secures every non-public one with its scope, stated twice', () => {
    for (const methods of Object.values(document.paths)) {
      for (const operation of Object.values(methods) as {
        responses: Record<string, unknown>;
        security: unknown[];
        operationId: string;
        description: string;
      }[]) {
        expect(operation.responses['500']).toEqual({ $ref: '#/components/responses/Internal' });
        const { auth } = operations[operation.operationId as keyof typeof operations];
        if (auth === 'optional') {
          expect(operation.security).toEqual([{}, { bearer: [] }]);
          expect(operation.description).toContain('Credentials are optional');
        } else if (auth !== 'public' && credentialsOptional(auth)) {
          expect(operation.security).toEqual([{}, { bearer: [auth.scope] }]);
          expect(operation.description).toContain(`with them, they need scope \`${auth.scope}\`.`);
        } else {
          expect(operation.security).toEqual(auth === 'public' ? [] : [{ bearer: [auth.scope] }]);
          if (auth !== 'public') expect(operation.description).toContain(`Requires scope \`${auth.scope}\`.`);
        }
      }
    }
  });

  it('marks the operations other services call (webhooks) x-internal, and only those', () => {
    const internal = Object.values(document.paths).flatMap((methods) =>
      (Object.values(methods) as { operationId: string; 'x-internal'?: boolean }[])
        .filter((operation) => operation['x-internal'] === true)
        .map((operation) => operation.operationId),
    );
    expect(internal).toEqual(all.filter(([, o]) => (o as OperationDefinition).internal).map(([id]) => id));
    expect(internal).toContain('billing.stripeWebhook');
  });

  it('points every list operation at the one pagination paragraph of the API description', () => {
    expect(document.info.description).toContain(`## Pagination\n\n${PAGINATION}`);
    for (const [key, op] of all as [string, OperationDefinition][]) {
      const paginated = isPaginated(op);
      const described = document.paths[op.path as keyof typeof document.paths] as Record<
        string,
        { description: string }
      >;
      const mentions = described[op.method.toLowerCase()]?.description.includes('see **Pagination**');
      expect({ key, mentions }).toEqual({ key, mentions: Boolean(paginated) });
    }
  });

  it('lists in its description exactly the products that serve operations', () => {
    const served = new Set<string>(all.map(([, op]) => op.tag));
    for (const product of PRODUCTS) {
      expect({
        product,
        listed: document.info.description.includes(`- **${product}** (\`/v1/${product}\`)`),
      }).toEqual({
        product,
        listed: served.has(product),
      });
    }
  });
});
