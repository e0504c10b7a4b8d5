/**
 * What bytes offered to the file store are: their media type and pixel size,
 * or why they may not be stored. Pure and synchronous, so it can run away
 * from the request's event loop.
 */
import { type Dimensions, rasterDimensions } from './dimensions.ts';
import { type ImageType, sniffImageType } from './sniff.ts';
import { checkSvg } from './svg.ts';

export type Inspection = { problem: string } | ({ problem: null; contentType: ImageType } & Dimensions);

const NAMES: Readonly<Record<ImageType, string>> = {
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'image/webp': 'WebP',
  'image/svg+xml': 'SVG',
};

export function inspectImage(bytes: Buffer): Inspection {
  const contentType = sniffImageType(bytes);
  if (!contentType) return { problem: 'it is not a PNG, JPEG, WebP or SVG image' };
  if (contentType === 'image/svg+xml') {
    const svg = checkSvg(bytes);
    return svg.problem === null ? { problem: null, contentType, ...svg.dimensions } : svg;
  }
  const size = rasterDimensions(bytes, contentType);
  if (!size) return { problem: `its ${NAMES[contentType]} header does not give its size` };
  return { problem: null, contentType, ...size };
}
