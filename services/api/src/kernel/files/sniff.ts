/**
 * What an upload really is, read from its bytes (the client's
 * Content-Type is never trusted: a lie would serve a script as an image): PNG, JPEG and WebP by their magic numbers,
 * SVG by its root element. Anything else is null.
 */
export type ImageType = 'image/png' | 'image/jpeg' | 'image/webp' | 'image/svg+xml';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const RIFF = Buffer.from('RIFF', 'latin1');
const WEBP = Buffer.from('WEBP', 'latin1');

/** How far into a file its root element may start (after a declaration, comments, whitespace). */
const SVG_PROLOGUE_BYTES = 4096;
/**
 * Optional BOM, XML declaration, comments and DOCTYPE (recognised here so that
 * the SVG check can refuse it by name), then `<svg` and a delimiter.
 */
const SVG_START =
  /^\uFEFF?\s*(<\?xml[^>]*\?>\s*)?((<!--[\s\S]*?-->|<!DOCTYPE\s[^[>]*(\[[\s\S]*?\])?\s*>)\s*)*<svg[\s>/]/;

export function sniffImageType(bytes: Buffer): ImageType | null {
  if (bytes.subarray(0, 8).equals(PNG)) return 'image/png';
  if (bytes.subarray(0, 3).equals(JPEG)) return 'image/jpeg';
  if (bytes.length >= 12 && bytes.subarray(0, 4).equals(RIFF) && bytes.subarray(8, 12).equals(WEBP)) {
    return 'image/webp';
  }
  if (SVG_START.test(bytes.subarray(0, SVG_PROLOGUE_BYTES).toString('utf8'))) return 'image/svg+xml';
  return null;
}
