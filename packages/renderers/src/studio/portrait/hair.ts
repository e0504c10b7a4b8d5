import type { Random } from '../../core/prng.ts';
import { element, group, pathData } from '../../core/svg.ts';
import { CENTER_X, mirrorX, SIDES, type Side } from './anatomy.ts';
import type { Appearance } from './features.ts';

/**
 * Hair in two layers: the back layer (behind face and body: long fall, tails,
 * bun) and the front layer (cranium cap, bangs and side locks framing the face).
 * Lock tips are jittered by the character's seed, which is derived from name and
 * features only, so every expression of one character keeps the same haircut:
 * the `differences` table scores exactly that consistency.
 */
export type HairShape = {
  /** Bangs lock tips, left to right: [x, y] of tip and of the valley before it. */
  bangs: { tipX: number; tipY: number; valleyX: number; valleyY: number }[];
  sideLockTipY: number;
  bottomTips: number[];
};

export function planHair(appearance: Appearance, random: Random): HairShape {
  const lockCount = random.integer(5, 7);
  const left = 346;
  const right = 654;
  const step = (right - left) / lockCount;
  const bangs = Array.from({ length: lockCount }, (_, index) => {
    const centreWeight = 1 - Math.abs(index + 0.5 - lockCount / 2) / (lockCount / 2);
    return {
      tipX: left + step * (index + 0.5) + random.between(-step * 0.22, step * 0.22),
      tipY: 392 + centreWeight * 34 + random.between(-14, 14),
      valleyX: left + step * index,
      valleyY: index === 0 ? 372 : 300 + random.between(-14, 18),
    };
  });
  const sideLockTipY = appearance.hair.style === 'short' ? 590 : 650 + random.between(0, 40);
  const bottomTips = Array.from({ length: 9 }, () => random.between(0.55, 1));
  return { bangs, sideLockTipY, bottomTips };
}

/** Zig-zag hair ends from (x1, y) to (x2, y): tips hang `depth` below the line. */
function jaggedEnds(x1: number, x2: number, y: number, depth: number, tips: readonly number[]): string {
  const count = tips.length;
  let path = '';
  for (let index = 0; index < count; index += 1) {
    const from = x1 + ((x2 - x1) * index) / count;
    const to = x1 + ((x2 - x1) * (index + 1)) / count;
    const tipX = (from + to) / 2;
    const tipY = y + depth * (tips[index] ?? 1);
    path += pathData`Q ${from} ${tipY - depth * 0.4} ${tipX} ${tipY} Q ${to} ${tipY - depth * 0.4} ${to} ${y} `;
  }
  return path;
}

function strokeAttributes(appearance: Appearance) {
  return { stroke: appearance.hair.line, 'stroke-width': 4, 'stroke-linejoin': 'round' };
}

function longFall(appearance: Appearance, shape: HairShape): string {
  const bottom = appearance.hair.lengthY;
  const halfWidth = 300;
  return (
    pathData`M ${CENTER_X} 140 C 330 140 262 280 268 450 C 272 600 ${CENTER_X - halfWidth + 20} ${bottom - 200}
    ${CENTER_X - halfWidth} ${bottom - 40}` +
    ` ${jaggedEnds(CENTER_X - halfWidth, CENTER_X + halfWidth, bottom - 40, 46, shape.bottomTips)} ` +
    pathData`C ${CENTER_X + halfWidth - 20} ${bottom - 200} 728 600 732 450 C 738 280 670 140 ${CENTER_X} 140 Z`
  );
}

function shortBack(shape: HairShape, bottom: number, halfWidth: number): string {
  return (
    pathData`M ${CENTER_X} 138 C 340 138 ${CENTER_X - halfWidth} 250 ${CENTER_X - halfWidth} 420
    L ${CENTER_X - halfWidth + 8} ${bottom - 30}` +
    ` ${jaggedEnds(CENTER_X - halfWidth + 8, CENTER_X + halfWidth - 8, bottom - 30, 28, shape.bottomTips.slice(0, 7))} ` +
    pathData`L ${CENTER_X + halfWidth} 420 C ${CENTER_X + halfWidth} 250 660 138 ${CENTER_X} 138 Z`
  );
}

/** A tail hanging from `root`, swinging out by `swing` and ending at `bottom`. */
function tail(
  side: Side,
  rootX: number,
  rootY: number,
  swing: number,
  bottom: number,
  tips: readonly number[],
): string {
  const outer = rootX + side * swing;
  const width = 96;
  const endOuter = outer + side * (width / 2) - side * 20;
  const endInner = endOuter - side * width;
  return (
    pathData`M ${rootX} ${rootY - 30} C ${outer + side * 40} ${rootY - 40} ${outer + side * 70} ${rootY + 160}
    ${endOuter} ${bottom - 40}` +
    ` ${jaggedEnds(endOuter, endInner, bottom - 40, 40, tips.slice(0, 4))} ` +
    pathData`C ${outer - side * 30} ${rootY + 200} ${rootX + side * 20} ${rootY + 80} ${rootX} ${rootY + 30} Z`
  );
}

export function drawBackHair(appearance: Appearance, shape: HairShape): string {
  const fill = { fill: appearance.hair.shadow, ...strokeAttributes(appearance) };
  const { style, lengthY } = appearance.hair;
  const parts: string[] = [];
  if (style === 'long') parts.push(element('path', { d: longFall(appearance, shape), ...fill }));
  if (style === 'bob') parts.push(element('path', { d: shortBack(shape, 650, 222), ...fill }));
  if (style === 'short' || style === 'bun' || style === 'ponytail' || style === 'twin-tails') {
    parts.push(element('path', { d: shortBack(shape, 570, 206), ...fill }));
  }
  if (style === 'ponytail') {
    parts.push(element('path', { d: tail(1, 610, 230, 150, lengthY, shape.bottomTips), ...fill }));
  }
  if (style === 'twin-tails') {
    for (const side of SIDES) {
      parts.push(
        element('path', { d: tail(side, mirrorX(side, 175), 300, 110, lengthY, shape.bottomTips), ...fill }),
      );
    }
  }
  if (style === 'bun') {
    parts.push(element('circle', { cx: CENTER_X, cy: 128, r: 74, ...fill }));
    parts.push(
      element('path', {
        d: pathData`M 452 100 Q 500 70 548 100`,
        fill: 'none',
        stroke: appearance.hair.line,
        'stroke-width': 3,
      }),
    );
  }
  return group({ 'data-part': 'hair-back' }, parts);
}

function frontCap(shape: HairShape): string {
  const first = shape.bangs[0]!;
  let bangs = '';
  // Right-to-left so the outline runs clockwise: valleys up under the cap, tips down over the forehead.
  const reversed = [...shape.bangs].reverse();
  let previous = { x: 654, y: 372 };
  for (const lock of reversed) {
    const nextValley = { x: lock.valleyX, y: lock.valleyY };
    bangs += pathData`Q ${previous.x} ${(previous.y + lock.tipY) / 2 + 24} ${lock.tipX} ${lock.tipY} `;
    bangs += pathData`Q ${nextValley.x} ${(nextValley.y + lock.tipY) / 2 + 24} ${nextValley.x} ${nextValley.y} `;
    previous = nextValley;
  }
  const tipY = shape.sideLockTipY;
  return (
    pathData`M 306 470 C 286 250 380 134 ${CENTER_X} 134 C 620 134 714 250 694 470
      Q 700 ${tipY - 60} 670 ${tipY} Q 646 ${tipY - 140} 654 372 ` +
    bangs +
    pathData`L ${first.valleyX} ${first.valleyY} Q 354 ${tipY - 140} 330 ${tipY} Q 300 ${tipY - 60} 306 470 Z`
  );
}

/** Long hair also falls in front of the shoulders, drawn over the body. */
function frontStrands(appearance: Appearance, shape: HairShape): string {
  if (appearance.hair.style !== 'long' || appearance.hair.lengthY < 760) return '';
  const bottom = Math.min(appearance.hair.lengthY, 960);
  const strands = SIDES.map((side) => {
    const x = (offset: number) => mirrorX(side, offset);
    return element('path', {
      d:
        pathData`M ${x(190)} 470 C ${x(200)} 600 ${x(236)} 700 ${x(250)} ${bottom - 30}` +
        ` ${jaggedEnds(x(250), x(170), bottom - 30, 36, shape.bottomTips.slice(0, 3))} ` +
        pathData`C ${x(176)} 700 ${x(150)} 600 ${x(152)} 470 Z`,
      fill: appearance.hair.base,
      ...strokeAttributes(appearance),
    });
  });
  return group({ 'data-part': 'hair-strands' }, strands);
}

export function drawFrontHair(appearance: Appearance, shape: HairShape): string {
  const shine = element('path', {
    d: pathData`M 372 262 Q ${CENTER_X} 196 628 262`,
    fill: 'none',
    stroke: appearance.hair.highlight,
    'stroke-width': 16,
    'stroke-linecap': 'round',
    'stroke-dasharray': '46 16',
    opacity: 0.75,
  });
  const ties =
    appearance.hair.style === 'twin-tails'
      ? SIDES.map((side) =>
          element('circle', {
            cx: mirrorX(side, 182),
            cy: 296,
            r: 18,
            fill: appearance.outfit.accent,
            stroke: appearance.hair.line,
            'stroke-width': 3,
          }),
        )
      : appearance.hair.style === 'ponytail'
        ? [
            element('circle', {
              cx: 626,
              cy: 214,
              r: 16,
              fill: appearance.outfit.accent,
              stroke: appearance.hair.line,
              'stroke-width': 3,
            }),
          ]
        : [];
  return group({ 'data-part': 'hair-front' }, [
    frontStrands(appearance, shape),
    element('path', { d: frontCap(shape), fill: appearance.hair.base, ...strokeAttributes(appearance) }),
    shine,
    ...ties,
  ]);
}
