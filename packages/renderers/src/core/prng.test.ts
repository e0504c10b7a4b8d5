import { describe, expect, it } from 'vitest';
import { canonicalJson, hashHex, mulberry32, seededRandom, seedFrom } from './prng.ts';

describe('canonicalJson', () => {
  it('ignores key order and undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: undefined, e: [3, undefined] } })).toBe(
      '{"a":{"d":2,"e":[3,null]},"b":1}',
    );
    expect(hashHex({ x: 1, y: 2 })).toBe(hashHex({ y: 2, x: 1 }));
  });

  it('encodes byte arrays by content', () => {
    expect(canonicalJson({ bytes: Buffer.from('hi') })).toBe('{"bytes":{"base64":"aGk="}}');
    expect(seedFrom(Buffer.from('a'))).not.toBe(seedFrom(Buffer.from('b')));
  });
});

describe('seeded randomness', () => {
  it('repeats for the same seed and differs for another', () => {
    const first = mulberry32(42);
    const again = mulberry32(42);
    const other = mulberry32(43);
    const a = [first(), first(), first()];
    expect([again(), again(), again()]).toEqual(a);
    expect([other(), other(), other()]).not.toEqual(a);
  });

  it('stays within the requested ranges', () => {
    const random = seededRandom('range check');
    for (let index = 0; index < 1000; index += 1) {
      const float = random.between(-2, 3);
      const integer = random.integer(1, 6);
      expect(float).toBeGreaterThanOrEqual(-2);
      expect(float).toBeLessThan(3);
      expect(Number.isInteger(integer) && integer >= 1 && integer <= 6).toBe(true);
    }
    expect(['a', 'b']).toContain(random.pick(['a', 'b']));
    expect(() => random.pick([])).toThrow(RangeError);
  });

  it('is a pure function of the seed value', () => {
    const values = (seed: unknown) => {
      const random = seededRandom(seed);
      return [random.next(), random.next()];
    };
    expect(values({ name: 'Yua', n: 1 })).toEqual(values({ n: 1, name: 'Yua' }));
  });
});
