import { Resvg } from '@resvg/resvg-js';
import type { RenderedImage } from './generator.ts';

/**
 * SVG → PNG with resvg (a Rust renderer shipped as a prebuilt npm binary, so no
 * browser or system library is needed). Kept apart from the SVG renderers so
 * they stay pure and load without the native module.
 *
 * Text is drawn with the fonts the host has: a Japanese title only renders if a
 * CJK font is installed or passed in `fontFiles`, and the PNG bytes depend on
 * which fonts were found (the SVG bytes never do).
 */
export type RasterizeOptions = {
  /** Output width in pixels; height follows the aspect ratio. Defaults to the SVG's own width. */
  width?: number;
  /** Extra font files (e.g. a Noto Sans JP .otf) to load besides the system fonts. */
  fontFiles?: string[];
  /** Family used for the generic `sans-serif` and when no listed family is installed. */
  sansSerifFamily?: string;
  /** The most pixels the output may have; a larger size is refused before any pixel is allocated. */
  maxPixels?: number;
};

/** The largest canvas this service draws: studio's 4K square. */
export const MAX_RENDERED_PIXELS = 4096 * 4096;

export function rasterizeSvg(image: RenderedImage, options: RasterizeOptions = {}): RenderedImage {
  if (image.contentType !== 'image/svg+xml') throw new TypeError(`cannot rasterise ${image.contentType}`);
  const resvg = new Resvg(image.bytes, {
    fitTo: options.width === undefined ? { mode: 'original' } : { mode: 'width', value: options.width },
    font: {
      loadSystemFonts: true,
      fontFiles: options.fontFiles ?? [],
      ...(options.sansSerifFamily
        ? { sansSerifFamily: options.sansSerifFamily, defaultFontFamily: options.sansSerifFamily }
        : {}),
    },
  });
  // resvg allocates the whole canvas at render(); its own size is known once the SVG is parsed.
  const scale = options.width === undefined ? 1 : options.width / resvg.width;
  const pixels = Math.round(resvg.width * scale) * Math.round(resvg.height * scale);
  const maxPixels = options.maxPixels ?? MAX_RENDERED_PIXELS;
  if (!(pixels <= maxPixels)) {
    throw new RangeError(`cannot rasterise ${pixels} pixels: the limit is ${maxPixels}`);
  }
  const rendered = resvg.render();
  return {
    bytes: rendered.asPng(),
    contentType: 'image/png',
    width: rendered.width,
    height: rendered.height,
  };
}
