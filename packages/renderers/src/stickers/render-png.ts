import type { RenderedImage } from '../core/generator.ts';
import { type RasterizeOptions, rasterizeSvg } from '../core/rasterize.ts';
import { renderSticker, type StickerRenderInput } from './render.ts';

/** The sticker as a PNG, for clients that cannot show SVG (print shops, chat apps). */
export function renderStickerPng(input: StickerRenderInput, options: RasterizeOptions = {}): RenderedImage {
  return rasterizeSvg(renderSticker(input), options);
}
