/**
 * @yorozu/renderers: the built-in image generators (docs/architecture.md, Files and generated
 * images). Deterministic procedural SVG renderers behind the `ImageGenerator` interface, so
 * every product works offline and a hosted model is one more implementation of the same
 * interface. SVG → PNG is `@yorozu/renderers/rasterize`, apart so that importing the renderers
 * never loads its native module; SVG test helpers are `@yorozu/renderers/testing`.
 */
export type { ImageGenerator, RenderedImage } from './core/generator.ts';
export { hashHex, type Random, seededRandom } from './core/prng.ts';
export { svgImage } from './core/svg.ts';
export {
  renderSticker,
  type StickerRenderInput,
  stickerGenerator,
} from './stickers/render.ts';
export {
  CHARACTER_ASPECT_RATIOS,
  CHARACTER_EXPRESSIONS,
  CHARACTER_RESOLUTIONS,
  type CharacterRenderInput,
  EYE_SHAPES,
  HAIR_STYLES,
  renderCharacter,
  studioCharacterGenerator,
} from './studio/render.ts';
