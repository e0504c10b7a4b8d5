/**
 * Byte ranges of a download (RFC 9110, 14): which part of a file a `Range` asks for, under its
 * `If-Range`. One range is served; a request for several gets the whole file, which the RFC
 * allows (14.2: a server MAY ignore Range) and which players never need (they seek with one).
 */

/** Inclusive byte positions, as `Content-Range` writes them. */
export interface ByteRange {
  first: number;
  last: number;
}

/** Longer values are not a single range anyone sends: ignored like any malformed one. */
const MAX_RANGE_LENGTH = 200;
/** `first-last`, `first-` or `-suffix` (RFC 9110, 14.1.2); 15 digits stay exact as numbers. */
const RANGE_SPEC = /^(\d{1,15})?-(\d{1,15})?$/;

/**
 * `If-Range` holds an entity tag or a date (RFC 9110, 13.1.5). A tag must match the current one
 * strongly (a weak tag never does); files have no `Last-Modified`, so a date never matches.
 */
function ifRangeHolds(ifRange: string | undefined, etag: string): boolean {
  return ifRange === undefined || ifRange.trim() === etag;
}

/**
 * The range to serve of a file of `size` bytes: null for the whole file (no Range, one this
 * server ignores, or an If-Range naming another version), `unsatisfiable` when it starts at or
 * past the end (416).
 */
export function requestedRange(
  headers: { range?: string | undefined; 'if-range'?: string | undefined },
  etag: string,
  size: number,
): ByteRange | 'unsatisfiable' | null {
  const { range } = headers;
  if (range === undefined || range.length > MAX_RANGE_LENGTH || !ifRangeHolds(headers['if-range'], etag)) {
    return null;
  }
  const equals = range.indexOf('=');
  if (equals < 0 || range.slice(0, equals).trim().toLowerCase() !== 'bytes') return null;
  const specs = range
    .slice(equals + 1)
    .split(',')
    .map((spec) => spec.trim())
    .filter((spec) => spec !== '');
  if (specs.length !== 1) return null;
  const match = RANGE_SPEC.exec(specs[0]!);
  if (!match || (match[1] === undefined && match[2] === undefined)) return null;
  if (match[1] === undefined) {
    // The last n bytes; a suffix of 0 bytes selects nothing.
    const suffix = Number(match[2]);
    return suffix === 0 ? 'unsatisfiable' : { first: Math.max(0, size - suffix), last: size - 1 };
  }
  const first = Number(match[1]);
  const last = match[2] === undefined ? Number.POSITIVE_INFINITY : Number(match[2]);
  if (last < first) return null; // invalid: ignored, not refused
  if (first >= size) return 'unsatisfiable';
  return { first, last: Math.min(last, size - 1) };
}
