import { mixColors } from '../../core/color.ts';
import { element, gradient, group, pathData } from '../../core/svg.ts';
import {
  BROW_Y,
  CENTER_X,
  CHEEK_HALF_WIDTH,
  CHEEK_Y,
  CHIN_Y,
  EAR_Y,
  EYE_OFFSET_X,
  EYE_Y,
  MOUTH_Y,
  mirrorX,
  SIDES,
  type Side,
} from './anatomy.ts';
import type { FaceRecipe } from './expression.ts';
import type { Appearance, EyeShape } from './features.ts';

/**
 * The face: head shape, ears, eyes, brows, nose, mouth and the manga marks
 * (blush hatching, tears, anger vein, sweat drop) an expression calls for.
 * All of it follows the FaceRecipe, never the expression name directly.
 */

const MOUTH_DARK = '#9c2f3b';
const TONGUE = '#f07c86';
const TEAR = '#9fd8ff';
const TEAR_LINE = '#4a90c2';

export function drawHead(appearance: Appearance): string {
  const { skin } = appearance;
  const left = CENTER_X - CHEEK_HALF_WIDTH;
  const right = CENTER_X + CHEEK_HALF_WIDTH;
  const ears = SIDES.map((side) =>
    element('ellipse', {
      cx: mirrorX(side, CHEEK_HALF_WIDTH + 4),
      cy: EAR_Y,
      rx: 24,
      ry: 40,
      fill: skin.shadow,
      stroke: skin.line,
      'stroke-width': 3,
    }),
  );
  const face = element('path', {
    d: pathData`M ${left} ${CHEEK_Y} C ${left} 250 405 172 ${CENTER_X} 172 C 595 172 ${right} 250 ${right} ${CHEEK_Y}
      C ${right} 430 672 482 650 522 C 610 572 560 600 ${CENTER_X} ${CHIN_Y} C 440 600 390 572 350 522
      C 328 482 ${left} 430 ${left} ${CHEEK_Y} Z`,
    fill: skin.base,
    stroke: skin.line,
    'stroke-width': 3.5,
    'stroke-linejoin': 'round',
  });
  const nose = element('path', {
    d: pathData`M 499 498 Q 505 507 497 513`,
    fill: 'none',
    stroke: skin.line,
    'stroke-width': 2.5,
    'stroke-linecap': 'round',
    opacity: 0.7,
  });
  return group({ 'data-part': 'head' }, [...ears, face, nose]);
}

type EyeGeometry = {
  innerX: number;
  outerX: number;
  cornerY: number;
  innerTopY: number;
  outerTopY: number;
  bottomY: number;
  irisScale: number;
};

const EYE_SHAPE_METRICS: Readonly<Record<EyeShape, { upper: number; lower: number; outerLift: number }>> = {
  round: { upper: 50, lower: 32, outerLift: 0 },
  almond: { upper: 42, lower: 26, outerLift: 4 },
  droopy: { upper: 44, lower: 28, outerLift: -10 },
  sharp: { upper: 36, lower: 22, outerLift: 14 },
};

function eyeGeometry(side: Side, shape: EyeShape, recipe: FaceRecipe): EyeGeometry {
  const metrics = EYE_SHAPE_METRICS[shape];
  const widen = recipe.eyes === 'wide' ? 1.18 : 1;
  const narrow = recipe.eyes === 'narrow' ? 0.62 : 1;
  const upper = metrics.upper * widen * narrow;
  const innerDrop = Math.max(0, recipe.lidTilt) * upper;
  const outerDrop = Math.max(0, -recipe.lidTilt) * upper;
  const centreX = mirrorX(side, EYE_OFFSET_X);
  return {
    innerX: centreX - side * 44,
    outerX: centreX + side * 48,
    cornerY: EYE_Y - metrics.outerLift,
    innerTopY: EYE_Y - upper + innerDrop,
    outerTopY: EYE_Y - upper + outerDrop - metrics.outerLift,
    bottomY: EYE_Y + metrics.lower * widen,
    irisScale: recipe.eyes === 'wide' ? 0.7 : 1,
  };
}

function upperLidPath(side: Side, eye: EyeGeometry): string {
  return pathData`M ${eye.innerX} ${EYE_Y + 4} C ${eye.innerX + side * 6} ${eye.innerTopY} ${eye.outerX - side * 26} ${eye.outerTopY}
    ${eye.outerX} ${eye.cornerY}`;
}

function openEye(side: Side, appearance: Appearance, recipe: FaceRecipe, idPrefix: string): string {
  const eye = eyeGeometry(side, appearance.eyes.shape, recipe);
  const clipId = `${idPrefix}-eye-${side < 0 ? 'left' : 'right'}`;
  const outline =
    upperLidPath(side, eye) +
    pathData` C ${eye.outerX - side * 10} ${eye.bottomY} ${eye.innerX + side * 16} ${eye.bottomY} ${eye.innerX} ${EYE_Y + 4} Z`;
  const centreX = mirrorX(side, EYE_OFFSET_X) + side * 2;
  const irisY = EYE_Y + 6;
  const lashColor = mixColors(appearance.hair.line, '#1a1420', 0.6);
  const iris = [
    element('ellipse', {
      cx: centreX,
      cy: irisY,
      rx: 31 * eye.irisScale,
      ry: 41 * eye.irisScale,
      fill: `url(#${idPrefix}-iris)`,
      stroke: appearance.eyes.dark,
      'stroke-width': 3,
    }),
    element('ellipse', {
      cx: centreX,
      cy: irisY + 2,
      rx: 13 * eye.irisScale,
      ry: 18 * eye.irisScale,
      fill: appearance.eyes.dark,
    }),
    element('circle', { cx: centreX - 11, cy: irisY - 15, r: 9.5 * eye.irisScale + 1, fill: '#ffffff' }),
    element('circle', { cx: centreX + 12, cy: irisY + 19, r: 4.5, fill: '#ffffff', opacity: 0.9 }),
  ];
  return group({}, [
    element('clipPath', { id: clipId }, [element('path', { d: outline })]),
    element('path', { d: outline, fill: '#ffffff' }),
    group({ 'clip-path': `url(#${clipId})` }, [
      ...iris,
      // Shadow the upper lid casts on the eyeball, a staple of anime eyes.
      element('path', {
        d: upperLidPath(side, eye) + pathData` L ${eye.outerX} ${EYE_Y - 80} L ${eye.innerX} ${EYE_Y - 80} Z`,
        fill: appearance.eyes.dark,
        opacity: 0.25,
        transform: 'translate(0 10)',
      }),
    ]),
    element('path', {
      d: upperLidPath(side, eye),
      fill: 'none',
      stroke: lashColor,
      'stroke-width': 7.5,
      'stroke-linecap': 'round',
    }),
    element('path', {
      d: pathData`M ${eye.outerX - side * 4} ${eye.cornerY + 2} L ${eye.outerX + side * 14} ${eye.cornerY - 10} L ${eye.outerX - side * 10} ${eye.outerTopY + 8} Z`,
      fill: lashColor,
    }),
    element('path', {
      d: pathData`M ${eye.outerX - side * 6} ${eye.cornerY + 10} Q ${eye.outerX - side * 30} ${eye.bottomY + 2} ${eye.innerX + side * 40} ${eye.bottomY}`,
      fill: 'none',
      stroke: lashColor,
      'stroke-width': 2.5,
      'stroke-linecap': 'round',
    }),
    // Double-eyelid crease.
    element('path', {
      d: pathData`M ${eye.innerX + side * 30} ${Math.min(eye.innerTopY, eye.outerTopY) - 10} Q ${eye.outerX - side * 18} ${eye.outerTopY - 14} ${eye.outerX + side * 2} ${eye.cornerY - 18}`,
      fill: 'none',
      stroke: appearance.skin.line,
      'stroke-width': 2,
      'stroke-linecap': 'round',
      opacity: 0.6,
    }),
  ]);
}

function closedEye(side: Side, appearance: Appearance, arc: 'up' | 'down'): string {
  const innerX = mirrorX(side, EYE_OFFSET_X - 42);
  const outerX = mirrorX(side, EYE_OFFSET_X + 46);
  const middleX = mirrorX(side, EYE_OFFSET_X);
  const lash = mixColors(appearance.hair.line, '#1a1420', 0.6);
  const d =
    arc === 'up'
      ? pathData`M ${innerX} ${EYE_Y + 10} Q ${middleX} ${EYE_Y - 34} ${outerX} ${EYE_Y + 10}`
      : pathData`M ${innerX} ${EYE_Y} Q ${middleX} ${EYE_Y + 22} ${outerX} ${EYE_Y - 2}`;
  const flick =
    arc === 'up'
      ? pathData`M ${outerX} ${EYE_Y + 10} L ${outerX + side * 12} ${EYE_Y + 2}`
      : pathData`M ${outerX} ${EYE_Y - 2} L ${outerX + side * 14} ${EYE_Y - 10}`;
  return group({}, [
    element('path', { d, fill: 'none', stroke: lash, 'stroke-width': 7, 'stroke-linecap': 'round' }),
    element('path', { d: flick, fill: 'none', stroke: lash, 'stroke-width': 5, 'stroke-linecap': 'round' }),
  ]);
}

export function drawEyes(appearance: Appearance, recipe: FaceRecipe, idPrefix: string): string {
  const irisGradient = gradient('linearGradient', { id: `${idPrefix}-iris`, x1: 0, y1: 0, x2: 0, y2: 1 }, [
    [0, appearance.eyes.dark],
    [0.45, appearance.eyes.iris],
    [1, appearance.eyes.light],
  ]);
  const eyes = SIDES.map((side) => {
    if (recipe.eyes === 'smiling') return closedEye(side, appearance, 'up');
    if (recipe.eyes === 'closed') return closedEye(side, appearance, 'down');
    // Wink: the viewer's right eye closes.
    if (recipe.eyes === 'wink' && side === 1) return closedEye(side, appearance, 'up');
    return openEye(side, appearance, recipe, idPrefix);
  });
  return group({ 'data-part': 'eyes' }, [element('defs', {}, [irisGradient]), ...eyes]);
}

const BROW_HEIGHTS: Readonly<Record<FaceRecipe['brows'], { inner: number; middle: number; outer: number }>> =
  {
    calm: { inner: 2, middle: -10, outer: -2 },
    raised: { inner: -26, middle: -44, outer: -24 },
    angry: { inner: 18, middle: 0, outer: -18 },
    worried: { inner: -22, middle: -12, outer: 8 },
  };

export function drawBrows(appearance: Appearance, recipe: FaceRecipe): string {
  const heights = BROW_HEIGHTS[recipe.brows];
  const brows = SIDES.map((side) =>
    element('path', {
      d: pathData`M ${mirrorX(side, EYE_OFFSET_X - 34)} ${BROW_Y + heights.inner} Q ${mirrorX(side, EYE_OFFSET_X + 6)} ${BROW_Y + heights.middle}
        ${mirrorX(side, EYE_OFFSET_X + 48)} ${BROW_Y + heights.outer}`,
      fill: 'none',
      stroke: appearance.hair.line,
      'stroke-width': recipe.brows === 'angry' ? 8 : 6,
      'stroke-linecap': 'round',
    }),
  );
  return group({ 'data-part': 'brows' }, brows);
}

function mouthShape(recipe: FaceRecipe, line: string): string[] {
  const stroke = {
    fill: 'none',
    stroke: line,
    'stroke-width': 3.5,
    'stroke-linecap': 'round',
    'stroke-linejoin': 'round',
  };
  const y = MOUTH_Y;
  switch (recipe.mouth) {
    case 'closed':
      return [element('path', { d: pathData`M 482 ${y} Q 500 ${y + 6} 518 ${y}`, ...stroke })];
    case 'frown':
      return [element('path', { d: pathData`M 480 ${y + 8} Q 500 ${y - 6} 520 ${y + 8}`, ...stroke })];
    case 'smirk':
      return [element('path', { d: pathData`M 478 ${y + 2} Q 502 ${y + 8} 524 ${y - 8}`, ...stroke })];
    case 'wavy':
      return [element('path', { d: pathData`M 476 ${y + 4} q 6 -7 12 0 t 12 0 t 12 0 t 12 0`, ...stroke })];
    case 'open':
      return [
        element('ellipse', {
          cx: 500,
          cy: y + 8,
          rx: 16,
          ry: 22,
          fill: MOUTH_DARK,
          stroke: line,
          'stroke-width': 3.5,
        }),
        element('path', {
          d: pathData`M 488 ${y + 22} Q 500 ${y + 12} 512 ${y + 22} Q 500 ${y + 32} 488 ${y + 22} Z`,
          fill: TONGUE,
        }),
      ];
    case 'gritted':
      return [
        element('path', {
          d: pathData`M 464 ${y - 2} Q 500 ${y - 10} 536 ${y - 2} L 532 ${y + 18} Q 500 ${y + 10} 468 ${y + 18} Z`,
          ...stroke,
          fill: '#ffffff',
        }),
        element('path', {
          d: pathData`M 467 ${y + 8} Q 500 ${y} 534 ${y + 8} M 484 ${y - 5} L 484 ${y + 14} M 500 ${y - 7} L 500 ${y + 13} M 516 ${y - 5} L 516 ${y + 14}`,
          ...stroke,
          'stroke-width': 2,
        }),
      ];
    case 'smile':
    case 'grin': {
      const half = recipe.mouth === 'grin' ? 42 : 28;
      const depth = recipe.mouth === 'grin' ? 44 : 34;
      const outline = pathData`M ${500 - half} ${y - 6} Q 500 ${y - 2} ${500 + half} ${y - 6} Q ${500 + half - 4} ${y + depth} 500 ${y + depth} Q ${500 - half + 4} ${y + depth} ${500 - half} ${y - 6} Z`;
      return [
        element('path', { d: outline, fill: MOUTH_DARK }),
        element('path', {
          d: pathData`M ${500 - half * 0.62} ${y + depth * 0.72} Q 500 ${y + depth * 0.42} ${500 + half * 0.62} ${y + depth * 0.72} Q 500 ${y + depth + 2} ${500 - half * 0.62} ${y + depth * 0.72} Z`,
          fill: TONGUE,
        }),
        element('path', {
          d: pathData`M ${500 - half + 3} ${y - 4} Q 500 ${y} ${500 + half - 3} ${y - 4} L ${500 + half - 6} ${y + 5} Q 500 ${y + 9} ${500 - half + 6} ${y + 5} Z`,
          fill: '#ffffff',
        }),
        element('path', { d: outline, ...stroke }),
      ];
    }
  }
}

export function drawMouth(appearance: Appearance, recipe: FaceRecipe): string {
  return group({ 'data-part': 'mouth' }, mouthShape(recipe, appearance.skin.line));
}

function blush(appearance: Appearance): string[] {
  return SIDES.flatMap((side) => {
    const x = mirrorX(side, 94);
    return [
      element('ellipse', { cx: x, cy: 514, rx: 36, ry: 15, fill: appearance.skin.blush, opacity: 0.55 }),
      element('path', {
        d: pathData`M ${x - 18} 520 l 8 -12 M ${x - 4} 522 l 8 -12 M ${x + 10} 520 l 8 -12`,
        stroke: appearance.skin.blush,
        'stroke-width': 3,
        'stroke-linecap': 'round',
      }),
    ];
  });
}

function tears(): string[] {
  return SIDES.flatMap((side) => {
    const x = mirrorX(side, EYE_OFFSET_X + 12);
    const top = EYE_Y + 26;
    return [
      element('path', {
        d: pathData`M ${x - 7} ${top} Q ${x - 10} ${top + 50} ${x - 2} ${top + 88} Q ${x + 12} ${top + 100} ${x + 10} ${top + 84} Q ${x + 6} ${top + 40} ${x + 7} ${top} Z`,
        fill: TEAR,
        stroke: TEAR_LINE,
        'stroke-width': 2,
        opacity: 0.9,
      }),
      element('ellipse', {
        cx: x + 3,
        cy: top + 90,
        rx: 9,
        ry: 12,
        fill: TEAR,
        stroke: TEAR_LINE,
        'stroke-width': 2,
      }),
      element('circle', { cx: x, cy: top + 86, r: 3, fill: '#ffffff' }),
    ];
  });
}

function angerMark(): string {
  // The manga "cross-popping vein": four bent strokes around a centre point.
  const corners = [0, 90, 180, 270].map((angle) =>
    element('path', {
      d: 'M -22 -7 Q -8 -8 -7 -22',
      transform: `rotate(${angle})`,
      fill: 'none',
      stroke: '#e0303a',
      'stroke-width': 7,
      'stroke-linecap': 'round',
    }),
  );
  return group({ transform: 'translate(668 238)' }, corners);
}

function sweatDrop(): string {
  return element('path', {
    d: 'M 0 -26 C 6 -12 15 -2 15 8 A 15 15 0 0 1 -15 8 C -15 -2 -6 -12 0 -26 Z',
    transform: 'translate(704 346) rotate(-12)',
    fill: TEAR,
    stroke: TEAR_LINE,
    'stroke-width': 3,
  });
}

export function drawFaceMarks(appearance: Appearance, recipe: FaceRecipe): string {
  const marks: string[] = [];
  if (recipe.blush) marks.push(...blush(appearance));
  if (recipe.tears) marks.push(...tears());
  return group({ 'data-part': 'face-marks' }, marks);
}

/** Marks drawn above the hair: the anger vein and sweat drop sit on the hair, not under it. */
export function drawOverlayMarks(recipe: FaceRecipe): string {
  const marks: string[] = [];
  if (recipe.angerMark) marks.push(angerMark());
  if (recipe.sweat) marks.push(sweatDrop());
  return group({ 'data-part': 'overlay-marks' }, marks);
}
