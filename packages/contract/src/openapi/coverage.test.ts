import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../spec.ts';
import { documentationGaps } from './coverage.ts';

describe('documentation coverage', () => {
  it('finds nothing undocumented in the generated document', () => {
    expect(documentationGaps(openApiDocument())).toEqual([]);
  });

  it('names each kind of gap: operation, nested property, parameter description and example', () => {
    const gaps = documentationGaps({
      paths: {
        '/things/{id}': {
          get: {
            parameters: [{ name: 'id', in: 'path', schema: { type: 'string' } }],
            responses: {
              200: {
                description: 'A thing.',
                content: {
                  'application/json': {
                    schema: {
                      type: 'object',
                      properties: { inner: { type: 'object', properties: { bare: { type: 'string' } } } },
                    },
                  },
                },
              },
            },
          },
        },
      },
      components: {
        schemas: {
          Thing: {
            description: 'A thing.',
            properties: {
              named: { $ref: '#/components/schemas/Named' },
              loose: { $ref: '#/components/schemas/Bare' },
            },
          },
          Named: { description: 'Described where it is defined.', type: 'string' },
          Bare: { type: 'string' },
        },
      },
    });
    expect(gaps).toEqual([
      'GET /things/{id}: operation without a description',
      'GET /things/{id} parameter id: no description',
      'GET /things/{id} parameter id: no example',
      'GET /things/{id} responses/200/content/application/json/schema/properties/inner: property without a description',
      'GET /things/{id} responses/200/content/application/json/schema/properties/inner/properties/bare: property without a description',
      '#/components/schemas/Thing/properties/loose: property without a description',
      '#/components/schemas/Bare: no description',
    ]);
  });
});
