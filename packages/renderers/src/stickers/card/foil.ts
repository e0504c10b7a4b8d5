import { hslToHex, mixColors } from '../../core/color.ts';
import { element, gradient } from '../../core/svg.ts';
import type { StickerRarity } from './options.ts';

/**
 * Frame foil by rarity, the way the printed stickers escalate: common cards are
 * plain card stock, rare ones silver foil, super rare gold foil and secret ones
 * prism hologram (the sticker's `rarity`). Each foil is a gradient def plus
 * the paint to reference it with.
 */
export type Foil = { defs: string[]; paint: string; edge: string; ink: string };

const SILVER_STOPS = ['#f4f6f9', '#aab2bd', '#ffffff', '#8a929c', '#dfe4ea', '#b9c0c9'];
const GOLD_STOPS = ['#fff3b0', '#d4a017', '#fff8d6', '#b8860b', '#ffe27a', '#c9971c'];

function evenStops(colors: readonly string[]): [number, string][] {
  return colors.map((color, index) => [index / (colors.length - 1), color]);
}

export function rainbowStops(count: number, saturation: number, lightness: number): [number, string][] {
  return Array.from({ length: count }, (_, index) => [
    index / (count - 1),
    hslToHex((index * 360) / (count - 1), saturation, lightness),
  ]);
}

export function foilFor(rarity: StickerRarity, backgroundColor: string, idPrefix: string): Foil {
  const id = `${idPrefix}-foil`;
  const diagonal = { id, x1: 0, y1: 0, x2: 1, y2: 1 };
  switch (rarity) {
    case 'common':
      return {
        defs: [],
        paint: mixColors(backgroundColor, '#fbf6e9', 0.82),
        edge: '#3a3040',
        ink: '#2a2233',
      };
    case 'rare':
      return {
        defs: [gradient('linearGradient', diagonal, evenStops(SILVER_STOPS))],
        paint: `url(#${id})`,
        edge: '#4b5360',
        ink: '#1e2430',
      };
    case 'super_rare':
      return {
        defs: [gradient('linearGradient', diagonal, evenStops(GOLD_STOPS))],
        paint: `url(#${id})`,
        edge: '#7a5608',
        ink: '#3d2a00',
      };
    case 'secret': {
      // Prism foil: a full hue sweep plus a second, finer sweep at a crossing angle for the hologram sparkle.
      const shimmerId = `${idPrefix}-foil-shimmer`;
      return {
        defs: [
          gradient('linearGradient', diagonal, rainbowStops(9, 85, 68)),
          gradient(
            'linearGradient',
            { id: shimmerId, x1: 1, y1: 0, x2: 0, y2: 0.35, spreadMethod: 'reflect' },
            [
              [0, '#ffffff', 0],
              [0.5, '#ffffff', 0.55],
              [1, '#ffffff', 0],
            ],
          ),
        ],
        paint: `url(#${id})`,
        edge: '#35235a',
        ink: '#22163a',
      };
    }
  }
}

/** The extra shimmer layer only the secret foil has. */
export function foilShimmer(
  rarity: StickerRarity,
  idPrefix: string,
  shape: Record<string, string | number>,
): string {
  if (rarity !== 'secret') return '';
  return element('rect', { ...shape, fill: `url(#${idPrefix}-foil-shimmer)` });
}
