/**
 * What the sticker renderer draws from. The enumerations (attributes,
 * rarities, patterns, frames, source image types) live in the contract, so the
 * API schema and the renderer share one list of each.
 */
import type {
  StickerAttribute,
  StickerEffect,
  StickerFrame,
  StickerPattern,
  StickerRarity,
} from '@yorozu/contract';

export type {
  StickerAttribute,
  StickerFrame,
  StickerPattern,
  StickerRarity,
  StickerSourceImageType,
} from '@yorozu/contract';

export const STICKER_WIDTH = 600;
export const STICKER_HEIGHT = 840;

export type StickerEffects = { [Effect in StickerEffect]?: boolean };
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
