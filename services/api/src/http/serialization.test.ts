import Type from 'typebox';
import { describe, expect, it } from 'vitest';
import { serializationSchema } from './serialization.ts';

const Timestamp = Type.String({ format: 'date-time', description: 'An RFC 3339 timestamp.' });

describe('serializationSchema', () => {
  it('turns a nullable scalar union into a type list, keeping its keywords', () => {
    const schema = Type.Object({
      revokedAt: Type.Union([Timestamp, Type.Null()], { description: 'When; null while live.' }),
      count: Type.Union([Type.Null(), Type.Integer({ minimum: 0 })]),
    });
    expect(serializationSchema(schema)).toEqual({
      type: 'object',
      required: ['revokedAt', 'count'],
      properties: {
        revokedAt: { type: ['string', 'null'], format: 'date-time', description: 'When; null while live.' },
        count: { type: ['integer', 'null'], minimum: 0 },
      },
    });
  });

  it('leaves unions that are not a nullable scalar as they are', () => {
    const schema = Type.Object({
      status: Type.Union([Type.Literal('a'), Type.Literal('b')]),
      thing: Type.Union([Type.Object({ id: Type.String() }), Type.Null()]),
      either: Type.Union([Type.String(), Type.Integer()]),
    });
    expect(serializationSchema(schema)).toEqual(JSON.parse(JSON.stringify(schema)));
  });

  it('rewrites a schema once and returns the same object after', () => {
    const schema = Type.Object({ at: Type.Union([Timestamp, Type.Null()]) });
    expect(serializationSchema(schema)).toBe(serializationSchema(schema));
  });
});
