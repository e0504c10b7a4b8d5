import { DEFAULT_STICKER_STYLE, STICKER_RARITIES } from '@yorozu/contract';
import { resolveColor } from '../core/color.ts';
import type { ImageGenerator, RenderedImage } from '../core/generator.ts';
import { hashHex, seededRandom } from '../core/prng.ts';
import { element, group, svgDocument, svgImage, textElement } from '../core/svg.ts';
import { JAPANESE_SANS_FONTS } from '../core/text.ts';
import { drawHolo, drawSparkles, glowFilter, holoDefs } from './card/effects.ts';
import { ATTRIBUTE_COLORS, ATTRIBUTE_LABELS, drawEmblem } from './card/emblem.ts';
import { foilFor, foilShimmer } from './card/foil.ts';
import { CARD_RADIUS, drawFrame, PANEL_INSET } from './card/frame.ts';
import { drawNamePlate, drawTitleBanner } from './card/lettering.ts';
import {
  STICKER_HEIGHT,
  STICKER_WIDTH,
  type StickerRarity,
  type StickerRenderInput,
} from './card/options.ts';
import { drawPattern, type Panel, starPath } from './card/pattern.ts';
import { drawPortrait, type Window } from './card/portrait.ts';

/**
 * The Bikkuriman-style sticker generator (a sticker has a title,
 * characterName, attribute, rarity, backgroundColor, effects, style and an
 * optional source image; docs/products/stickers.md). Deterministic procedural
 * SVG so it works offline (docs/architecture.md, Files and generated images); a hosted model can implement the same
 * ImageGenerator interface.
 */

export {
  STICKER_ATTRIBUTES,
  STICKER_FRAMES,
  STICKER_PATTERNS,
  STICKER_RARITIES,
  STICKER_SOURCE_IMAGE_TYPES,
} from '@yorozu/contract';
export type {
  StickerAttribute,
  StickerEffects,
  StickerFrame,
  StickerPattern,
  StickerRarity,
  StickerRenderInput,
  StickerSourceImageType,
  StickerStyle,
} from './card/options.ts';
export { STICKER_HEIGHT, STICKER_WIDTH } from './card/options.ts';

const RARITY_MARKS: Readonly<Record<StickerRarity, string>> = {
  common: 'C',
  rare: 'R',
  super_rare: 'SR',
  secret: 'SEC',
};

const PANEL: Panel = {
  x: PANEL_INSET,
  y: PANEL_INSET,
  width: STICKER_WIDTH - PANEL_INSET * 2,
  height: STICKER_HEIGHT - PANEL_INSET * 2,
  radius: CARD_RADIUS - 10,
};
const WINDOW: Window = { x: 56, y: 122, width: 488, height: 484, radius: 26 };
const NAME_PLATE = { top: 616, bottom: 736 };

function rarityBadge(rarity: StickerRarity, paint: string, ink: string): string {
  const label = RARITY_MARKS[rarity];
  return group({ 'data-part': 'rarity', 'data-rarity': rarity }, [
    element('path', {
      d: starPath(502, 150, 54, 40, 12),
      fill: paint,
      stroke: ink,
      'stroke-width': 3.5,
      'stroke-linejoin': 'round',
    }),
    element('circle', { cx: 502, cy: 150, r: 33, fill: ink }),
    textElement(
      'text',
      {
        x: 502,
        y: 150 + 9,
        'text-anchor': 'middle',
        'font-family': JAPANESE_SANS_FONTS,
        'font-size': label.length > 2 ? 20 : 26,
        'font-weight': 900,
        fill: '#ffffff',
      },
      label,
    ),
  ]);
}

function infoBar(input: StickerRenderInput, serial: string, ink: string): string {
  const stars = STICKER_RARITIES.indexOf(input.rarity) + 1;
  const attributeColor = ATTRIBUTE_COLORS[input.attribute];
  return group({ 'data-part': 'info' }, [
    element('rect', {
      x: 40,
      y: 746,
      width: 520,
      height: 52,
      rx: 26,
      fill: '#ffffff',
      'fill-opacity': 0.86,
      stroke: ink,
      'stroke-width': 2.5,
    }),
    element('rect', { x: 50, y: 754, width: 150, height: 36, rx: 18, fill: attributeColor }),
    textElement(
      'text',
      {
        x: 125,
        y: 779,
        'text-anchor': 'middle',
        'font-family': JAPANESE_SANS_FONTS,
        'font-size': 19,
        'font-weight': 800,
        fill: '#ffffff',
        'letter-spacing': 1,
      },
      ATTRIBUTE_LABELS[input.attribute],
    ),
    element('path', {
      d: Array.from({ length: stars }, (_, index) =>
        starPath(300 + (index - (stars - 1) / 2) * 34, 772, 15, 6.5, 5),
      ).join(' '),
      fill: '#f2c230',
      stroke: ink,
      'stroke-width': 2,
      'stroke-linejoin': 'round',
    }),
    textElement(
      'text',
      {
        x: 546,
        y: 779,
        'text-anchor': 'end',
        'font-family': JAPANESE_SANS_FONTS,
        'font-size': 19,
        'font-weight': 700,
        fill: ink,
      },
      serial,
    ),
  ]);
}

export function renderSticker(input: StickerRenderInput): RenderedImage {
  const width = STICKER_WIDTH;
  const height = STICKER_HEIGHT;
  // Ids carry a hash of the input so several stickers can be inlined in one HTML page.
  const hash = hashHex(input);
  const idPrefix = `s${hash.slice(0, 10)}`;
  // Sparkles and scattered stars vary with the whole sticker; the procedural character only with who it
  // is, so one character keeps its look across titles and rarities.
  const random = seededRandom(['sticker', input]);
  const characterRandom = seededRandom(['character', input.characterName, input.attribute]);
  const background = resolveColor(input.backgroundColor);
  const foil = foilFor(input.rarity, background, idPrefix);
  const attributeColor = ATTRIBUTE_COLORS[input.attribute];
  const ids = {
    panel: `${idPrefix}-panel`,
    window: `${idPrefix}-window`,
    card: `${idPrefix}-card`,
    glow: `${idPrefix}-glow`,
  };
  const glow = input.effects.glow ? `url(#${ids.glow})` : undefined;
  // A collector number, stable for the same sticker.
  const serial = `No.${String((Number.parseInt(hash.slice(10, 16), 16) % 999) + 1).padStart(3, '0')}`;

  const defs = element('defs', {}, [
    ...foil.defs,
    element('clipPath', { id: ids.card }, [element('rect', { x: 0, y: 0, width, height, rx: CARD_RADIUS })]),
    element('clipPath', { id: ids.panel }, [
      element('rect', { x: PANEL.x, y: PANEL.y, width: PANEL.width, height: PANEL.height, rx: PANEL.radius }),
    ]),
    element('clipPath', { id: ids.window }, [
      element('rect', {
        x: WINDOW.x,
        y: WINDOW.y,
        width: WINDOW.width,
        height: WINDOW.height,
        rx: WINDOW.radius,
      }),
    ]),
    element('radialGradient', { id: `${idPrefix}-window-light`, cx: 0.5, cy: 0.42, r: 0.6 }, [
      element('stop', { offset: 0, 'stop-color': '#ffffff', 'stop-opacity': 0.75 }),
      element('stop', { offset: 1, 'stop-color': '#ffffff', 'stop-opacity': 0 }),
    ]),
    ...(input.effects.glow ? [glowFilter(ids.glow, attributeColor)] : []),
    ...(input.effects.holo ? holoDefs(idPrefix) : []),
  ]);

  const windowRect = {
    x: WINDOW.x,
    y: WINDOW.y,
    width: WINDOW.width,
    height: WINDOW.height,
    rx: WINDOW.radius,
  };
  const layers = [
    defs,
    drawFrame(input.style.frame ?? DEFAULT_STICKER_STYLE.frame, foil, width, height, attributeColor),
    foilShimmer(input.rarity, idPrefix, { x: 0, y: 0, width, height, rx: CARD_RADIUS }),
    drawPattern(
      input.style.pattern ?? DEFAULT_STICKER_STYLE.pattern,
      background,
      PANEL,
      { x: 300, y: WINDOW.y + WINDOW.height * 0.45 },
      random,
      ids.panel,
    ),
    element('rect', {
      x: PANEL.x,
      y: PANEL.y,
      width: PANEL.width,
      height: PANEL.height,
      rx: PANEL.radius,
      fill: 'none',
      stroke: foil.edge,
      'stroke-width': 3,
    }),
    element('rect', { ...windowRect, fill: `url(#${idPrefix}-window-light)` }),
    group({ 'data-part': 'portrait', 'clip-path': `url(#${ids.window})` }, [
      group({ filter: glow }, [drawPortrait(input, WINDOW, characterRandom)]),
    ]),
    element('rect', { ...windowRect, fill: 'none', stroke: foil.paint, 'stroke-width': 9 }),
    element('rect', { ...windowRect, fill: 'none', stroke: foil.edge, 'stroke-width': 2.5 }),
    drawTitleBanner(input.title, foil.paint, foil.ink, glow),
    drawEmblem(input.attribute, 98, 150, 50, foil.paint),
    rarityBadge(input.rarity, foil.paint, foil.ink),
    drawNamePlate(input.characterName, foil.paint, foil.ink, glow),
    infoBar(input, serial, foil.ink),
    input.effects.sparkle ? drawSparkles(input.rarity, width, height, NAME_PLATE, random) : '',
    input.effects.holo ? drawHolo(idPrefix, width, height, ids.card) : '',
  ];

  const svg = svgDocument(
    {
      width,
      height,
      title: `${input.title} / ${input.characterName}`,
      description: `${input.rarity} ${input.attribute} sticker`,
    },
    layers.filter((layer) => layer !== ''),
  );
  return svgImage(svg, width, height);
}

export const stickerGenerator: ImageGenerator<StickerRenderInput> = {
  name: 'procedural-svg/sticker',
  render: async (input) => renderSticker(input),
};
