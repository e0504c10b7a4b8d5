import { element, group } from '../../core/svg.ts';
import type { Foil } from './foil.ts';
import type { StickerFrame } from './options.ts';

/**
 * The card's border in the rarity foil, decorated per `style.frame`.
 * The panel (backdrop) sits inside it with an inset of `PANEL_INSET`.
 */
export const PANEL_INSET = 24;
export const CARD_RADIUS = 30;

export function drawFrame(
  frame: StickerFrame,
  foil: Foil,
  width: number,
  height: number,
  accent: string,
): string {
  const parts = [
    element('rect', {
      x: 2,
      y: 2,
      width: width - 4,
      height: height - 4,
      rx: CARD_RADIUS,
      fill: foil.paint,
      stroke: foil.edge,
      'stroke-width': 4,
    }),
  ];
  if (frame === 'classic' || frame === 'ornate') {
    parts.push(
      element('rect', {
        x: 12,
        y: 12,
        width: width - 24,
        height: height - 24,
        rx: CARD_RADIUS - 8,
        fill: 'none',
        stroke: foil.edge,
        'stroke-width': 2.5,
        'stroke-dasharray': frame === 'ornate' ? '2 6' : undefined,
        'stroke-linecap': 'round',
      }),
    );
  }
  if (frame === 'ornate') {
    const corners = [
      [PANEL_INSET, PANEL_INSET],
      [width - PANEL_INSET, PANEL_INSET],
      [PANEL_INSET, height - PANEL_INSET],
      [width - PANEL_INSET, height - PANEL_INSET],
    ] as const;
    const middles = [
      [width / 2, 12],
      [width / 2, height - 12],
      [12, height / 2],
      [width - 12, height / 2],
    ] as const;
    for (const [x, y] of corners) {
      parts.push(
        element('path', {
          d: `M ${x} ${y - 16} L ${x + 16} ${y} L ${x} ${y + 16} L ${x - 16} ${y} Z`,
          fill: accent,
          stroke: foil.edge,
          'stroke-width': 2.5,
        }),
      );
      parts.push(element('circle', { cx: x, cy: y, r: 4, fill: '#ffffff' }));
    }
    for (const [x, y] of middles) {
      parts.push(
        element('circle', { cx: x, cy: y, r: 6, fill: accent, stroke: foil.edge, 'stroke-width': 2 }),
      );
    }
  }
  return group({ 'data-part': 'frame', 'data-frame': frame }, parts);
}
