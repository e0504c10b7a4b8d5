import { lighten } from '../../core/color.ts';
import type { Random } from '../../core/prng.ts';
import { element, gradient, group, pathData } from '../../core/svg.ts';
import { rainbowStops } from './foil.ts';
import type { StickerRarity } from './options.ts';

/**
 * The request's `effects`, as three switches:
 *  - glow: a soft halo (SVG filter) around the character and lettering,
 *  - sparkle: four-pointed glints scattered over the card (more on rarer cards),
 *  - holo: a hologram sheen (rainbow wash plus diagonal shimmer lines) over everything.
 */

export function glowFilter(id: string, color: string): string {
  return element('filter', { id, x: '-25%', y: '-25%', width: '150%', height: '150%' }, [
    element('feGaussianBlur', { in: 'SourceAlpha', stdDeviation: 7, result: 'blur' }),
    element('feFlood', { 'flood-color': lighten(color, 0.5), 'flood-opacity': 0.95 }),
    element('feComposite', { in2: 'blur', operator: 'in', result: 'glow' }),
    element('feMerge', {}, [
      element('feMergeNode', { in: 'glow' }),
      element('feMergeNode', { in: 'glow' }),
      element('feMergeNode', { in: 'SourceGraphic' }),
    ]),
  ]);
}

const SPARKLE_COUNT: Readonly<Record<StickerRarity, number>> = {
  common: 8,
  rare: 12,
  super_rare: 16,
  secret: 22,
};

function sparklePath(x: number, y: number, size: number): string {
  const waist = size * 0.18;
  return pathData`M ${x} ${y - size} Q ${x + waist} ${y - waist} ${x + size} ${y} Q ${x + waist} ${y + waist} ${x} ${y + size}
    Q ${x - waist} ${y + waist} ${x - size} ${y} Q ${x - waist} ${y - waist} ${x} ${y - size} Z`;
}

export function drawSparkles(
  rarity: StickerRarity,
  width: number,
  height: number,
  avoid: { top: number; bottom: number },
  random: Random,
): string {
  const glints = Array.from({ length: SPARKLE_COUNT[rarity] }, () => {
    let y = random.between(28, height - 28);
    // Keep glints off the name plate so the name stays legible.
    if (y > avoid.top && y < avoid.bottom) y = avoid.top - random.between(0, 120);
    const x = random.between(28, width - 28);
    const size = random.between(7, 20);
    return [sparklePath(x, y, size), element('circle', { cx: x, cy: y, r: size * 0.22 })];
  });
  return group({ 'data-part': 'sparkles', fill: '#ffffff', stroke: '#fff7c2', 'stroke-width': 1 }, [
    element('path', { d: glints.map(([path]) => path).join(' ') }),
    ...glints.map(([, dot]) => dot as string),
  ]);
}

export function holoDefs(idPrefix: string): string[] {
  return [
    gradient(
      'linearGradient',
      { id: `${idPrefix}-holo`, x1: 0, y1: 0, x2: 1, y2: 1 },
      rainbowStops(7, 100, 70),
    ),
    element(
      'pattern',
      {
        id: `${idPrefix}-holo-lines`,
        width: 18,
        height: 18,
        patternUnits: 'userSpaceOnUse',
        patternTransform: 'rotate(35)',
      },
      [element('rect', { x: 0, y: 0, width: 5, height: 18, fill: '#ffffff', opacity: 0.28 })],
    ),
  ];
}

export function drawHolo(idPrefix: string, width: number, height: number, clipId: string): string {
  return group({ 'data-part': 'holo', 'clip-path': `url(#${clipId})` }, [
    element('rect', {
      x: 0,
      y: 0,
      width,
      height,
      fill: `url(#${idPrefix}-holo)`,
      opacity: 0.22,
      style: 'mix-blend-mode:screen',
    }),
    element('rect', { x: 0, y: 0, width, height, fill: `url(#${idPrefix}-holo-lines)`, opacity: 0.4 }),
  ]);
}
