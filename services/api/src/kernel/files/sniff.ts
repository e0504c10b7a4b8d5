/**
 * What an upload really is, read from its bytes (the client's Content-Type is
 * never trusted: a lie would serve a script as an image): PNG, JPEG and WebP
 * by their magic numbers, SVG by its root element. Anything else is null.
 */
export type ImageType = 'image/png' | 'image/jpeg' | 'image/webp' | 'image/svg+xml';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const RIFF = Buffer.from('RIFF', 'latin1');
const WEBP = Buffer.from('WEBP', 'latin1');

/** How far into a file its root element may start (after a declaration, comments, whitespace). */
const SVG_PROLOGUE_BYTES = 4096;

/** XML white space (XML 1.0, production S). */
function skipSpace(text: string, at: number): number {
  let position = at;
  while (position < text.length && ' \t\r\n'.includes(text.charAt(position))) position++;
  return position;
}

/** Where `<!DOCTYPE …>` (an internal subset in brackets allowed) ends, or -1. */
function endOfDoctype(text: string, at: number): number {
  const open = text.slice(at).search(/[[>]/);
  if (open < 0) return -1;
  if (text.charAt(at + open) === '>') return at + open + 1;
  // The subset ends at a `]` followed by optional space and `>`; each `]` is looked at once.
  for (let close = text.indexOf(']', at + open); close >= 0; close = text.indexOf(']', close + 1)) {
    const after = skipSpace(text, close + 1);
    if (text.charAt(after) === '>') return after + 1;
  }
  return -1;
}

/**
 * Whether the text opens with an `<svg` root element: an optional BOM and XML
 * declaration, then comments and a DOCTYPE (recognised here so that the SVG
 * check can refuse it by name) separated by white space. A single forward
 * scan: a regular expression for this backtracks exponentially on a run of
 * empty comments.
 */
function opensWithSvgRoot(text: string): boolean {
  let at = skipSpace(text, text.startsWith('\uFEFF') ? 1 : 0);
  if (text.startsWith('<?xml', at)) {
    const end = text.indexOf('>', at);
    if (end < 0 || text.charAt(end - 1) !== '?') return false;
    at = skipSpace(text, end + 1);
  }
  for (;;) {
    if (text.startsWith('<!--', at)) {
      const end = text.indexOf('-->', at + 4);
      if (end < 0) return false;
      at = skipSpace(text, end + 3);
    } else if (text.startsWith('<!DOCTYPE', at) && ' \t\r\n'.includes(text.charAt(at + 9) || '-')) {
      const end = endOfDoctype(text, at + 9);
      if (end < 0) return false;
      at = skipSpace(text, end);
    } else {
      return text.startsWith('<svg', at) && ' \t\r\n>/'.includes(text.charAt(at + 4) || '-');
    }
  }
}

export function sniffImageType(bytes: Buffer): ImageType | null {
  if (bytes.subarray(0, 8).equals(PNG)) return 'image/png';
  if (bytes.subarray(0, 3).equals(JPEG)) return 'image/jpeg';
  if (bytes.length >= 12 && bytes.subarray(0, 4).equals(RIFF) && bytes.subarray(8, 12).equals(WEBP)) {
    return 'image/webp';
  }
  if (opensWithSvgRoot(bytes.subarray(0, SVG_PROLOGUE_BYTES).toString('utf8'))) return 'image/svg+xml';
  return null;
}
