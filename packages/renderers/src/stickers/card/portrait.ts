import { STICKER_SOURCE_IMAGE_TYPES } from '@yorozu/contract';
import { darken, hslToHex, lighten } from '../../core/color.ts';
import type { Random } from '../../core/prng.ts';
import { dataUri, element, group, pathData } from '../../core/svg.ts';
import { ATTRIBUTE_COLORS } from './emblem.ts';
import type { StickerAttribute, StickerRenderInput } from './options.ts';

/**
 * What fills the portrait window. A sticker may name a source image
 * (`sourceImageFileId`): when the caller supplies that image it is embedded (data: URI,
 * base64) and cropped to the window; otherwise a procedural chibi character is
 * drawn, dressed for its attribute: Bikkuriman's angels get a halo and wings,
 * its devils horns.
 */
export type Window = { x: number; y: number; width: number; height: number; radius: number };

export function assertSupportedSourceImage(contentType: string): void {
  if (!(STICKER_SOURCE_IMAGE_TYPES as readonly string[]).includes(contentType)) {
    throw new RangeError(
      `sticker source image must be one of ${STICKER_SOURCE_IMAGE_TYPES.join(', ')}, got ${JSON.stringify(contentType)}`,
    );
  }
}

function sourceImage(image: NonNullable<StickerRenderInput['sourceImage']>, window: Window): string {
  assertSupportedSourceImage(image.contentType);
  const href = dataUri(image.bytes, image.contentType);
  // SVG 2 `href` only: every current browser and resvg read it, and repeating a
  // large base64 payload in `xlink:href` would double the document.
  return element('image', {
    x: window.x,
    y: window.y,
    width: window.width,
    height: window.height,
    preserveAspectRatio: 'xMidYMid slice',
    href,
  });
}

function halo(x: number, y: number): string {
  return element('ellipse', {
    cx: x,
    cy: y,
    rx: 70,
    ry: 18,
    fill: 'none',
    stroke: '#ffe680',
    'stroke-width': 12,
  });
}

function wings(x: number, y: number, color: string, edge: string): string {
  return group(
    {},
    [-1, 1].map((side) =>
      element('path', {
        d: pathData`M ${x + side * 60} ${y} C ${x + side * 200} ${y - 120} ${x + side * 230} ${y + 10} ${x + side * 210} ${y + 60}
        C ${x + side * 180} ${y + 40} ${x + side * 170} ${y + 90} ${x + side * 140} ${y + 80} C ${x + side * 120} ${y + 110} ${x + side * 90} ${y + 90} ${x + side * 60} ${y + 70} Z`,
        fill: color,
        stroke: edge,
        'stroke-width': 4,
        'stroke-linejoin': 'round',
      }),
    ),
  );
}

function horns(x: number, y: number): string {
  return group(
    {},
    [-1, 1].map((side) =>
      element('path', {
        d: pathData`M ${x + side * 60} ${y} Q ${x + side * 120} ${y - 40} ${x + side * 110} ${y - 120} Q ${x + side * 90} ${y - 60} ${x + side * 30} ${y - 30} Z`,
        fill: '#f4efe6',
        stroke: '#2b1d3a',
        'stroke-width': 4,
        'stroke-linejoin': 'round',
      }),
    ),
  );
}

function chibi(attribute: StickerAttribute, window: Window, random: Random): string {
  const x = window.x + window.width / 2;
  const headY = window.y + window.height * 0.44;
  const hair = hslToHex(random.integer(0, 359), random.between(45, 75), random.between(38, 58));
  const eye = hslToHex(random.integer(0, 359), 70, 45);
  const outfit = ATTRIBUTE_COLORS[attribute];
  const line = '#2b1d3a';
  const bottom = window.y + window.height + 10;
  const spikes = random.integer(5, 7);
  // Bangs run right to left so they continue the outline drawn over the crown.
  const bangs = Array.from({ length: spikes }, (_, index) => {
    const right = x + 120 - (240 * index) / spikes;
    const left = x + 120 - (240 * (index + 1)) / spikes;
    return pathData`Q ${right} ${headY - 10} ${(left + right) / 2} ${headY - 20 + random.between(0, 40)} Q ${left} ${headY - 10} ${left} ${headY - 50}`;
  });
  const parts: string[] = [];
  if (attribute === 'holy' || attribute === 'light') parts.push(wings(x, headY + 150, '#ffffff', '#9aa6c0'));
  if (attribute === 'dark') parts.push(wings(x, headY + 150, '#3d2b5c', line));
  parts.push(
    // Back hair falls to the shoulders behind the body.
    element('path', {
      d: pathData`M ${x - 150} ${headY + 160} C ${x - 190} ${headY - 170} ${x + 190} ${headY - 170} ${x + 150} ${headY + 160}
        Q ${x + 120} ${headY + 150} ${x + 110} ${headY + 120} L ${x - 110} ${headY + 120} Q ${x - 120} ${headY + 150} ${x - 150} ${headY + 160} Z`,
      fill: darken(hair, 0.2),
      stroke: line,
      'stroke-width': 5,
      'stroke-linejoin': 'round',
    }),
    // Body and arms: a rounded robe in the attribute colour.
    element('path', {
      d: pathData`M ${x - 70} ${headY + 110} C ${x - 150} ${headY + 140} ${x - 170} ${bottom - 40} ${x - 170} ${bottom} L ${x + 170} ${bottom}
        C ${x + 170} ${bottom - 40} ${x + 150} ${headY + 140} ${x + 70} ${headY + 110} Z`,
      fill: outfit,
      stroke: line,
      'stroke-width': 5,
      'stroke-linejoin': 'round',
    }),
    element('path', {
      d: pathData`M ${x - 40} ${headY + 118} L ${x} ${headY + 180} L ${x + 40} ${headY + 118}`,
      fill: lighten(outfit, 0.6),
      stroke: line,
      'stroke-width': 4,
      'stroke-linejoin': 'round',
    }),
    // Head and front hair.
    element('ellipse', {
      cx: x,
      cy: headY + 20,
      rx: 118,
      ry: 108,
      fill: '#ffe4d4',
      stroke: line,
      'stroke-width': 5,
    }),
    element('path', {
      d:
        pathData`M ${x - 138} ${headY + 30} C ${x - 150} ${headY - 140} ${x + 150} ${headY - 140} ${x + 138} ${headY + 30} L ${x + 120} ${headY - 50} ` +
        `${bangs.join(' ')} ${pathData`L ${x - 138} ${headY + 30} Z`}`,
      fill: hair,
      stroke: line,
      'stroke-width': 5,
      'stroke-linejoin': 'round',
    }),
  );
  // Big sticker eyes with double highlights, blush and a wide grin.
  for (const side of [-1, 1]) {
    const eyeX = x + side * 48;
    parts.push(
      element('ellipse', {
        cx: eyeX,
        cy: headY + 34,
        rx: 24,
        ry: 32,
        fill: eye,
        stroke: line,
        'stroke-width': 5,
      }),
      element('ellipse', { cx: eyeX, cy: headY + 40, rx: 11, ry: 15, fill: darken(eye, 0.6) }),
      element('circle', { cx: eyeX - 8, cy: headY + 22, r: 8, fill: '#ffffff' }),
      element('circle', { cx: eyeX + 9, cy: headY + 50, r: 4, fill: '#ffffff' }),
      element('ellipse', { cx: x + side * 84, cy: headY + 78, rx: 20, ry: 9, fill: '#ff8fa3', opacity: 0.6 }),
    );
  }
  parts.push(
    element('path', {
      d: pathData`M ${x - 30} ${headY + 84} Q ${x} ${headY + 124} ${x + 30} ${headY + 84} Z`,
      fill: '#9c2f3b',
      stroke: line,
      'stroke-width': 4,
      'stroke-linejoin': 'round',
    }),
  );
  if (attribute === 'holy' || attribute === 'light') parts.push(halo(x, headY - 150));
  if (attribute === 'dark') parts.push(horns(x, headY - 80));
  return group({ 'data-part': 'chibi' }, parts);
}

export function drawPortrait(input: StickerRenderInput, window: Window, random: Random): string {
  return input.sourceImage ? sourceImage(input.sourceImage, window) : chibi(input.attribute, window, random);
}
