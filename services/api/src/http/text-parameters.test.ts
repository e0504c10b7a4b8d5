import { describe, expect, it } from 'vitest';
import { compileTextParameters } from './text-parameters.ts';

describe('text parameters', () => {
  const convert = compileTextParameters('querystring', {
    properties: { limit: { type: 'integer' }, cursor: { type: 'string' }, rarity: {} },
  });

  it('reads decimal digits as an integer and leaves every other spelling as text for the schema to refuse', () => {
    const query: Record<string, unknown> = { limit: '016', cursor: '42', rarity: '7' };
    convert(query);
    expect(query).toEqual({ limit: 16, cursor: '42', rarity: '7' });
    for (const text of ['0x10', '1e1', ' 16', '16.0', '+16', '', '1234567890123456']) {
      const other: Record<string, unknown> = { limit: text };
      convert(other);
      expect(other).toEqual({ limit: text });
    }
  });

  it('refuses at start-up a parameter type it cannot read strictly', () => {
    expect(() =>
      compileTextParameters('querystring', { properties: { deleted: { type: 'boolean' } } }),
    ).toThrow('The querystring parameter "deleted" must be typed string or integer.');
  });
});
