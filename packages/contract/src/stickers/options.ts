/**
 * The closed sets a sticker is drawn from, in one place for the API schema and
 * the renderer (packages/renderers/src/stickers/render.ts imports them from
 * here). The original design (docs/products/stickers.md) stores `attribute`, `rarity`,
 * `effects` and `style` as free strings; pinning them lets the contract
 * validate every request and the renderer draw every value.
 */

/**
 * Elemental attributes: Bikkuriman stickers sort characters into opposed camps
 * (angels of light, devils of darkness) and the collectible-card genre they
 * inspired uses the classic elements; eight keeps every emblem distinct.
 */
export const STICKER_ATTRIBUTES = [
  'fire',
  'water',
  'wind',
  'earth',
  'thunder',
  'light',
  'dark',
  'holy',
] as const;
export type StickerAttribute = (typeof STICKER_ATTRIBUTES)[number];

/** Ordered from most to least common; the frame foil escalates with each step. */
export const STICKER_RARITIES = ['common', 'rare', 'super_rare', 'secret'] as const;
export type StickerRarity = (typeof STICKER_RARITIES)[number];

export const STICKER_PATTERNS = ['rays', 'dots', 'stars', 'plain'] as const;
export type StickerPattern = (typeof STICKER_PATTERNS)[number];

/** classic: double border; ornate: corner jewels and a dotted inner rule; simple: one thin border. */
export const STICKER_FRAMES = ['classic', 'ornate', 'simple'] as const;
export type StickerFrame = (typeof STICKER_FRAMES)[number];

/** What a request that names no frame or pattern gets. */
export const DEFAULT_STICKER_STYLE = { frame: 'classic', pattern: 'rays' } as const satisfies {
  frame: StickerFrame;
  pattern: StickerPattern;
};

/** The effects a sticker can switch on; each is a boolean flag of `effects`. */
export const STICKER_EFFECTS = ['sparkle', 'glow', 'holo'] as const;
export type StickerEffect = (typeof STICKER_EFFECTS)[number];

/** What a sticker is rendered as. */
export const STICKER_FORMATS = ['svg', 'png'] as const;

/** Source images are embedded as data: URIs: only the raster types the file store accepts (an embedded SVG could carry its own scripts). */
export const STICKER_SOURCE_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type StickerSourceImageType = (typeof STICKER_SOURCE_IMAGE_TYPES)[number];

/** What the title banner and the name plate hold at their smallest legible type size (code points). */
export const MAX_TITLE_CHARACTERS = 28;
export const MAX_NAME_CHARACTERS = 22;
