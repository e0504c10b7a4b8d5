import Type from 'typebox';
import { describe, expect, it } from 'vitest';
import { rowType } from './row-type.ts';

const Row = Type.Object({
  id: Type.String({ format: 'uuid' }),
  format: Type.String(),
  scopes: Type.Array(Type.String(), { uniqueItems: true }),
  kind: Type.Union([Type.Literal('a'), Type.Literal('b')]),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
const type = rowType(Row);

function issues(row: unknown) {
  const result = type['~standard'].validate(row);
  if (result instanceof Promise) throw new Error('row types validate synchronously');
  return result.issues;
}

const row = {
  id: '7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f',
  format: 'png',
  scopes: ['me:read'],
  kind: 'a',
  revokedAt: null,
};

describe('rowType', () => {
  it('checks the shape of a row: names, types, nullability and literals', () => {
    expect(issues(row)).toBeUndefined();
    const { format: _format, ...withoutFormat } = row;
    // A property that happens to be called `format` is still required: only the keyword is left out.
    expect(issues(withoutFormat)).toBeDefined();
    expect(issues({ ...row, kind: 'c' })).toBeDefined();
    expect(issues({ ...row, scopes: 'me:read' })).toBeDefined();
    expect(issues({ ...row, id: null })).toBeDefined();
  });

  it('leaves `format` and `uniqueItems` to the column types that guarantee them', () => {
    expect(
      issues({ ...row, id: 'not-checked-here', revokedAt: 'any text', scopes: ['x', 'x'] }),
    ).toBeUndefined();
  });

  it('compiles a schema once', () => {
    expect(rowType(Row)).toBe(type);
  });
});
