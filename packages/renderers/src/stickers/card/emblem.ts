import { darken, lighten } from '../../core/color.ts';
import { element, group, translate } from '../../core/svg.ts';
import type { StickerAttribute } from './options.ts';

/**
 * One simple, instantly readable glyph per attribute, drawn in a 100-unit box
 * centred on 0,0, on a disc of the attribute's colour.
 */
export const ATTRIBUTE_COLORS: Readonly<Record<StickerAttribute, string>> = {
  fire: '#e8452c',
  water: '#2f7fd8',
  wind: '#35b07a',
  earth: '#9a6a34',
  thunder: '#e6b800',
  light: '#f2a93b',
  dark: '#5b3f8f',
  holy: '#d9b64c',
};

export const ATTRIBUTE_LABELS: Readonly<Record<StickerAttribute, string>> = {
  fire: 'FIRE',
  water: 'WATER',
  wind: 'WIND',
  earth: 'EARTH',
  thunder: 'THUNDER',
  light: 'LIGHT',
  dark: 'DARK',
  holy: 'HOLY',
};

const GLYPHS: Readonly<Record<StickerAttribute, string>> = {
  // A two-tongued flame.
  fire: 'M 0 -36 C 12 -16 28 -6 24 14 C 22 30 10 38 0 38 C -14 38 -26 28 -24 10 C -22 -4 -12 -8 -10 -22 C -4 -14 -2 -8 0 -2 C 4 -14 4 -24 0 -36 Z',
  // A droplet.
  water: 'M 0 -38 C 10 -20 26 -4 26 12 A 26 26 0 0 1 -26 12 C -26 -4 -10 -20 0 -38 Z',
  // Three gust lines curling at the end.
  wind: 'M -30 -14 L 10 -14 A 11 11 0 1 0 0 -25 M -30 4 L 18 4 A 11 11 0 1 1 8 15 M -22 22 L 4 22',
  // Twin mountain peaks.
  earth: 'M -36 28 L -12 -18 L 0 2 L 14 -30 L 38 28 Z',
  // A lightning bolt.
  thunder: 'M 8 -38 L -20 6 L -2 6 L -10 38 L 20 -8 L 2 -8 Z',
  // A sun: disc plus eight rays.
  light:
    'M 0 -16 A 16 16 0 1 1 0 16 A 16 16 0 1 1 0 -16 Z M 0 -38 L 5 -24 L -5 -24 Z M 0 38 L 5 24 L -5 24 Z M -38 0 L -24 5 L -24 -5 Z M 38 0 L 24 5 L 24 -5 Z M -27 -27 L -15 -21 L -21 -15 Z M 27 27 L 15 21 L 21 15 Z M -27 27 L -21 15 L -15 21 Z M 27 -27 L 21 -15 L 15 -21 Z',
  // A crescent moon.
  dark: 'M 12 -34 A 36 36 0 1 0 12 34 A 38 38 0 0 1 12 -34 Z',
  // A halo over a cross.
  holy: 'M -6 -20 L 6 -20 L 6 -6 L 22 -6 L 22 6 L 6 6 L 6 36 L -6 36 L -6 6 L -22 6 L -22 -6 L -6 -6 Z M -22 -30 A 22 7 0 1 0 22 -30 A 22 7 0 1 0 -22 -30 Z',
};

// Wind is a line drawing; every other glyph is a filled silhouette.
const STROKED: ReadonlySet<StickerAttribute> = new Set(['wind']);

export function drawEmblem(
  attribute: StickerAttribute,
  centreX: number,
  centreY: number,
  radius: number,
  ringFill: string,
): string {
  const color = ATTRIBUTE_COLORS[attribute];
  const scale = radius / 52;
  const glyph = STROKED.has(attribute)
    ? element('path', {
        d: GLYPHS[attribute],
        fill: 'none',
        stroke: '#ffffff',
        'stroke-width': 8,
        'stroke-linecap': 'round',
      })
    : element('path', {
        d: GLYPHS[attribute],
        fill: '#ffffff',
        'fill-rule': attribute === 'holy' ? 'nonzero' : 'evenodd',
        stroke: darken(color, 0.35),
        'stroke-width': 2.5,
        'stroke-linejoin': 'round',
      });
  return group(
    { 'data-part': 'emblem', 'data-attribute': attribute, transform: translate(centreX, centreY, { scale }) },
    [
      element('circle', { r: 56, fill: ringFill, stroke: '#1b1530', 'stroke-width': 4 }),
      element('circle', { r: 44, fill: color, stroke: darken(color, 0.4), 'stroke-width': 3 }),
      element('circle', {
        r: 40,
        fill: 'none',
        stroke: lighten(color, 0.45),
        'stroke-width': 3,
        opacity: 0.8,
      }),
      glyph,
    ],
  );
}
