/**
 * Enumerations for stickers. The Bikkuriman-style seed stores `attribute`,
 * `rarity`, `effects` (JSON) and `style` (JSON) as free strings on
 * GeneratedImage; we pin them to closed sets so the API schema can validate
 * them and the renderer can draw each one. Exported `as const` for schema reuse.
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

/** Source images are embedded as data: URIs; only raster types: an embedded SVG could carry its own scripts. */
export const STICKER_SOURCE_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;
export type StickerSourceImageType = (typeof STICKER_SOURCE_IMAGE_TYPES)[number];

export const STICKER_WIDTH = 600;
export const STICKER_HEIGHT = 840;

export type StickerEffects = { sparkle?: boolean; glow?: boolean; holo?: boolean };
export type StickerStyle = { frame?: StickerFrame; pattern?: StickerPattern };

export type StickerRenderInput = {
  title: string;
  characterName: string;
  attribute: StickerAttribute;
  rarity: StickerRarity;
  /** "#RRGGBB"; colour names are tolerated and anything else falls back to a stable colour. */
  backgroundColor: string;
  effects: StickerEffects;
  style: StickerStyle;
  sourceImage?: { bytes: Buffer; contentType: string };
};
