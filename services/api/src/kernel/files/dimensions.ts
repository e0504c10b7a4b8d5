/**
 * An image's size in pixels, read from its header without decoding it: a
 * small file can declare a huge canvas (a decompression bomb), and the size
 * is what decoding would cost. PNG: the IHDR chunk (PNG spec, 11.2.2). JPEG:
 * the first start-of-frame segment (ITU T.81, B.2.2). WebP: the VP8, VP8L or
 * VP8X header (RFC 9649). Null when the header is missing or malformed.
 */
import type { ImageType } from './sniff.ts';

export interface Dimensions {
  width: number;
  height: number;
}

const ascii = (bytes: Buffer, at: number, length: number) => bytes.toString('latin1', at, at + length);

function png(bytes: Buffer): Dimensions | null {
  if (bytes.length < 24 || ascii(bytes, 12, 4) !== 'IHDR') return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Start-of-frame markers: C0–CF except DHT (C4), JPG (C8) and DAC (CC). */
const isStartOfFrame = (marker: number) =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

function jpeg(bytes: Buffer): Dimensions | null {
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return null;
    while (bytes[at] === 0xff && at < bytes.length) at++; // fill bytes
    const marker = bytes[at++] ?? 0;
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) continue; // no payload
    if (marker === 0xd9 || marker === 0xda || at + 2 > bytes.length) return null; // image data before a frame
    const length = bytes.readUInt16BE(at);
    if (isStartOfFrame(marker)) {
      if (at + 7 > bytes.length) return null;
      return { width: bytes.readUInt16BE(at + 5), height: bytes.readUInt16BE(at + 3) };
    }
    if (length < 2) return null;
    at += length;
  }
  return null;
}

function webp(bytes: Buffer): Dimensions | null {
  if (bytes.length < 30) return null;
  switch (ascii(bytes, 12, 4)) {
    case 'VP8 ': // lossy: a key frame's start code, then 14-bit sizes
      if (bytes[23] !== 0x9d || bytes[24] !== 0x01 || bytes[25] !== 0x2a) return null;
      return { width: bytes.readUInt16LE(26) & 0x3fff, height: bytes.readUInt16LE(28) & 0x3fff };
    case 'VP8L': {
      // lossless: a signature byte, then width - 1 and height - 1 in 14 bits each
      if (bytes[20] !== 0x2f) return null;
      const bits = bytes.readUInt32LE(21);
      return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
    }
    case 'VP8X': // extended: the canvas, width - 1 and height - 1 in 24 bits each
      return { width: bytes.readUIntLE(24, 3) + 1, height: bytes.readUIntLE(27, 3) + 1 };
    default:
      return null;
  }
}

/** The size a raster image declares; SVG sizes come from its root element (svg.ts). */
export function rasterDimensions(
  bytes: Buffer,
  type: Exclude<ImageType, 'image/svg+xml'>,
): Dimensions | null {
  const size = type === 'image/png' ? png(bytes) : type === 'image/jpeg' ? jpeg(bytes) : webp(bytes);
  return size && size.width > 0 && size.height > 0 ? size : null;
}

/** CSS absolute units in pixels (CSS Values 4, 6.2), and the font-relative ones at resvg's 12px default. */
const UNITS: Readonly<Record<string, number>> = {
  '': 1,
  px: 1,
  in: 96,
  cm: 96 / 2.54,
  mm: 96 / 25.4,
  pt: 96 / 72,
  pc: 16,
  em: 12,
  ex: 6,
};

/** A positive SVG length in pixels; null for a percentage, `auto` or anything unreadable. */
function svgLength(value: string | undefined): number | null {
  if (value === undefined) return null;
  const text = value.trim().toLowerCase();
  let split = text.length;
  while (split > 0 && /[a-z%]/.test(text.charAt(split - 1))) split--;
  const factor = UNITS[text.slice(split)];
  const number = Number(text.slice(0, split));
  if (factor === undefined || split === 0 || !Number.isFinite(number) || number <= 0) return null;
  return number * factor;
}

/**
 * The size an SVG renders at by default, as resvg sizes it: `width` and
 * `height`, each falling back to the `viewBox` size (scaled to keep its aspect
 * ratio when only the other is given), then to 100 (SVG 2, 8.2 and 8.6).
 */
export function svgDimensions(attributes: { width?: string; height?: string; viewBox?: string }): Dimensions {
  const box = (attributes.viewBox ?? '')
    .trim()
    .split(/[\s,]+/)
    .map(Number);
  const [boxWidth, boxHeight] =
    box.length === 4 && box.every(Number.isFinite) && box[2]! > 0 && box[3]! > 0
      ? [box[2]!, box[3]!]
      : [0, 0];
  let width = svgLength(attributes.width);
  let height = svgLength(attributes.height);
  if (boxWidth > 0) {
    width ??= height === null ? boxWidth : (height * boxWidth) / boxHeight;
    height ??= (width * boxHeight) / boxWidth;
  }
  return { width: Math.ceil(width ?? 100), height: Math.ceil(height ?? 100) };
}

/** Why an image is too large to decode, or null when it is within `maxPixels` (IMAGE_MAX_PIXELS). */
export function pixelLimitProblem(size: Dimensions, maxPixels: number): string | null {
  const pixels = size.width * size.height;
  if (pixels <= maxPixels) return null;
  return `is ${size.width}×${size.height} pixels, over the limit of ${maxPixels} pixels`;
}
