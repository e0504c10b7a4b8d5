import { darken } from '../../core/color.ts';
import { element, group, pathData } from '../../core/svg.ts';
import { CHEEK_HALF_WIDTH, EAR_Y, EYE_OFFSET_X, EYE_Y, mirrorX, NECK_HALF_WIDTH, SIDES } from './anatomy.ts';
import type { Appearance } from './features.ts';

/**
 * Accessories from the features' `outfit.accessories` list (sample: ["earrings"]).
 * Cat ears sit behind the hair cap; everything else is drawn on top.
 */
const GOLD = '#e2b33c';
const FRAME = '#3a3340';

export function drawBehindHairAccessories(appearance: Appearance): string {
  const parts: string[] = [];
  if (appearance.accessories.has('cat-ears')) {
    for (const side of SIDES) {
      const x = (offset: number) => mirrorX(side, offset);
      parts.push(
        element('path', {
          d: pathData`M ${x(90)} 200 L ${x(150)} 60 L ${x(200)} 230 Z`,
          fill: appearance.hair.base,
          stroke: appearance.hair.line,
          'stroke-width': 4,
          'stroke-linejoin': 'round',
        }),
        element('path', { d: pathData`M ${x(118)} 196 L ${x(148)} 104 L ${x(176)} 210 Z`, fill: '#f7b6c8' }),
      );
    }
  }
  return group({ 'data-part': 'accessories-back' }, parts);
}

export function drawFrontAccessories(appearance: Appearance): string {
  const { accessories, outfit } = appearance;
  const parts: string[] = [];
  if (accessories.has('choker')) {
    parts.push(
      element('rect', {
        x: 500 - NECK_HALF_WIDTH - 3,
        y: 626,
        width: NECK_HALF_WIDTH * 2 + 6,
        height: 16,
        rx: 4,
        fill: '#2b2433',
      }),
    );
    parts.push(
      element('circle', { cx: 500, cy: 650, r: 8, fill: GOLD, stroke: darken(GOLD, 0.4), 'stroke-width': 2 }),
    );
  }
  if (accessories.has('earrings')) {
    for (const side of SIDES) {
      const x = mirrorX(side, CHEEK_HALF_WIDTH + 6);
      parts.push(
        element('circle', {
          cx: x,
          cy: EAR_Y + 46,
          r: 6,
          fill: GOLD,
          stroke: darken(GOLD, 0.4),
          'stroke-width': 2,
        }),
      );
      parts.push(
        element('path', {
          d: pathData`M ${x} ${EAR_Y + 52} L ${x - 8} ${EAR_Y + 72} L ${x} ${EAR_Y + 84} L ${x + 8} ${EAR_Y + 72} Z`,
          fill: outfit.accent,
          stroke: darken(GOLD, 0.4),
          'stroke-width': 2,
        }),
      );
    }
  }
  if (accessories.has('hairclip')) {
    parts.push(
      element('path', {
        d: pathData`M 376 318 L 428 300 M 382 338 L 432 320`,
        stroke: GOLD,
        'stroke-width': 9,
        'stroke-linecap': 'round',
      }),
    );
  }
  if (accessories.has('hair-ribbon')) {
    parts.push(
      group({ transform: 'translate(648 196) rotate(18)' }, [
        element('path', {
          d: 'M 0 0 C -34 -40 -74 -18 -66 12 C -58 38 -24 24 0 0 Z M 0 0 C 34 -40 74 -18 66 12 C 58 38 24 24 0 0 Z',
          fill: outfit.accent,
          stroke: darken(outfit.accent, 0.45),
          'stroke-width': 3,
        }),
        element('ellipse', {
          cx: 0,
          cy: 0,
          rx: 13,
          ry: 15,
          fill: darken(outfit.accent, 0.1),
          stroke: darken(outfit.accent, 0.45),
          'stroke-width': 3,
        }),
      ]),
    );
  }
  if (accessories.has('glasses')) {
    for (const side of SIDES) {
      const centre = mirrorX(side, EYE_OFFSET_X);
      parts.push(
        element('rect', {
          x: centre - 62,
          y: EYE_Y - 50,
          width: 124,
          height: 96,
          rx: 26,
          fill: '#ffffff',
          'fill-opacity': 0.12,
          stroke: FRAME,
          'stroke-width': 5,
        }),
      );
    }
    parts.push(
      element('path', {
        d: pathData`M ${mirrorX(-1, EYE_OFFSET_X - 62)} ${EYE_Y - 18} Q 500 ${EYE_Y - 32} ${mirrorX(1, EYE_OFFSET_X - 62)} ${EYE_Y - 18}`,
        fill: 'none',
        stroke: FRAME,
        'stroke-width': 5,
      }),
    );
  }
  if (accessories.has('headphones')) {
    parts.push(
      element('path', {
        d: pathData`M 296 440 C 270 120 730 120 704 440`,
        fill: 'none',
        stroke: '#2b2433',
        'stroke-width': 20,
        'stroke-linecap': 'round',
      }),
    );
    for (const side of SIDES) {
      parts.push(
        element('ellipse', {
          cx: mirrorX(side, 200),
          cy: 460,
          rx: 34,
          ry: 56,
          fill: outfit.accent,
          stroke: '#2b2433',
          'stroke-width': 6,
        }),
      );
    }
  }
  return group({ 'data-part': 'accessories-front' }, parts);
}
