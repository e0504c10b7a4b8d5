/**
 * An artwork's preview (docs/products/nex.md, Media): for image media, a PNG at most 640 pixels
 * wide. resvg draws it on the worker-thread pool (kernel/threads), never on the event loop: a
 * raster image is embedded in a one-element SVG (`<image>` with a data: URI, which resvg decodes
 * for PNG and JPEG; a WebP, which resvg 2.6 draws blank, is first decoded to a PNG on the pool)
 * and an SVG is drawn as it is. Audio, video, PDF and ZIP media get no preview.
 */
import type { DatabaseTransactionConnection } from 'slonik';
import type { FileStore } from '../../kernel/files/index.ts';
import { rasterizeOffThread, webpToPngOffThread } from '../../kernel/threads/index.ts';

export const PREVIEW_WIDTH = 640;
// What resvg 2.6 decodes in an <image>.
const RASTER_TYPES = new Set(['image/png', 'image/jpeg']);

/** The SVG that draws a raster image at its own size. */
function embedding(bytes: Buffer, contentType: string, width: number, height: number): Buffer {
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
      `<image width="${width}" height="${height}" href="data:${contentType};base64,${bytes.toString('base64')}"/></svg>`,
  );
}

/**
 * Renders and stores the preview of the caller's media file; null when the file is not an image
 * (or has no known size). The preview is a file of the artwork's owner, private until the artwork
 * is published (the share follows the artwork, migrations/0211).
 */
export async function storePreview(
  db: DatabaseTransactionConnection,
  files: FileStore,
  accountId: string,
  fileId: string,
): Promise<string | null> {
  const file = await files.get(db, accountId, fileId);
  if (!file) return null;
  let svg: Buffer;
  let width: number;
  let height: number;
  if (file.contentType === 'image/svg+xml') {
    // An SVG with no size of its own is drawn at the preview's width.
    svg = file.bytes;
    width = file.width ?? PREVIEW_WIDTH;
    height = file.height ?? PREVIEW_WIDTH;
  } else if (RASTER_TYPES.has(file.contentType) && file.width && file.height) {
    svg = embedding(file.bytes, file.contentType, file.width, file.height);
    width = file.width;
    height = file.height;
  } else if (file.contentType === 'image/webp' && file.width && file.height) {
    const png = await webpToPngOffThread(file.bytes);
    if (!png) return null;
    svg = embedding(png, 'image/png', file.width, file.height);
    width = file.width;
    height = file.height;
  } else {
    return null;
  }
  const png = await rasterizeOffThread(
    { bytes: svg, contentType: 'image/svg+xml', width, height },
    { width: Math.min(PREVIEW_WIDTH, width) },
  );
  const stored = await files.put(db, { accountId, bytes: png.bytes, contentType: 'image/png' });
  return stored.id;
}
