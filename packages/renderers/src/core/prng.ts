import { createHash } from 'node:crypto';

/**
 * Seeded randomness for the procedural renderers. The output image must be a
 * pure function of the input (same input → same bytes), so nothing here may
 * touch Math.random or the clock: the seed is a SHA-256 of a canonical JSON
 * form of whatever value the caller chooses to seed from.
 */

/** JSON with object keys sorted and byte arrays as base64, so key order never changes the seed. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalise(value));
}

function normalise(value: unknown): unknown {
  if (value instanceof Uint8Array) return { base64: Buffer.from(value).toString('base64') };
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : normalise(item)));
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const item = (value as Record<string, unknown>)[key];
      if (item !== undefined) sorted[key] = normalise(item);
    }
    return sorted;
  }
  return value;
}

/** Hex SHA-256 of the canonical JSON: usable for ids, serial numbers and fallback colours. */
export function hashHex(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

/** First 32 bits of the hash, the seed mulberry32 needs. */
export function seedFrom(value: unknown): number {
  return Number.parseInt(hashHex(value).slice(0, 8), 16) >>> 0;
}

/** mulberry32: tiny, fast and good enough for picking shapes; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = {
  /** Float in [0, 1). */
  next(): number;
  /** Float in [min, max). */
  between(min: number, max: number): number;
  /** Integer in [min, max] inclusive. */
  integer(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
};

export function seededRandom(value: unknown): Random {
  const next = mulberry32(seedFrom(value));
  const between = (min: number, max: number) => min + (max - min) * next();
  return {
    next,
    between,
    integer: (min, max) => Math.floor(between(min, max + 1)),
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new RangeError('pick() needs at least one item');
      return items[Math.floor(next() * items.length)] as T;
    },
    chance: (probability) => next() < probability,
  };
}
