import { darken, lighten, luminance } from '../../core/color.ts';
import type { Random } from '../../core/prng.ts';
import { element, group, pathData } from '../../core/svg.ts';
import type { StickerPattern } from './options.ts';

/**
 * The coloured backdrop behind the character: the request's `backgroundColor`
 * plus a `style.pattern`. Rays are the classic Bikkuriman sunburst.
 */
export type Panel = { x: number; y: number; width: number; height: number; radius: number };

/** Pattern marks: lighter on dark backgrounds, darker on light ones, so they always show. */
function markColor(background: string): string {
  return luminance(background) > 0.55 ? darken(background, 0.12) : lighten(background, 0.22);
}

function rays(panel: Panel, centreX: number, centreY: number, color: string): string {
  const count = 24;
  const reach = Math.hypot(panel.width, panel.height);
  const wedges = Array.from({ length: count / 2 }, (_, index) => {
    const start = (2 * index * Math.PI * 2) / count;
    const end = start + (Math.PI * 2) / count;
    return pathData`M ${centreX} ${centreY} L ${centreX + Math.cos(start) * reach} ${centreY + Math.sin(start) * reach}
      L ${centreX + Math.cos(end) * reach} ${centreY + Math.sin(end) * reach} Z`;
  });
  return element('path', { d: wedges.join(' '), fill: color, opacity: 0.75 });
}

function dots(panel: Panel, color: string): string {
  const spacing = 34;
  const circles: string[] = [];
  for (let row = 0; row * spacing < panel.height + spacing; row += 1) {
    for (let column = 0; column * spacing < panel.width + spacing; column += 1) {
      const x = panel.x + column * spacing + (row % 2 === 0 ? 0 : spacing / 2);
      circles.push(element('circle', { cx: x, cy: panel.y + row * spacing, r: 7 }));
    }
  }
  return group({ fill: color, opacity: 0.7 }, circles);
}

export function starPath(
  centreX: number,
  centreY: number,
  outer: number,
  inner: number,
  points: number,
): string {
  const vertices = Array.from({ length: points * 2 }, (_, index) => {
    const radius = index % 2 === 0 ? outer : inner;
    const angle = -Math.PI / 2 + (index * Math.PI) / points;
    return `${index === 0 ? 'M' : 'L'} ${pathData`${centreX + Math.cos(angle) * radius} ${centreY + Math.sin(angle) * radius}`}`;
  });
  return `${vertices.join(' ')} Z`;
}

function stars(panel: Panel, color: string, random: Random): string {
  const shapes = Array.from({ length: 28 }, () => {
    const size = random.between(8, 22);
    return starPath(
      random.between(panel.x, panel.x + panel.width),
      random.between(panel.y, panel.y + panel.height),
      size,
      size * 0.45,
      5,
    );
  });
  return element('path', { d: shapes.join(' '), fill: color, opacity: 0.8 });
}

export function drawPattern(
  pattern: StickerPattern,
  background: string,
  panel: Panel,
  focus: { x: number; y: number },
  random: Random,
  clipId: string,
): string {
  const color = markColor(background);
  const marks =
    pattern === 'rays'
      ? rays(panel, focus.x, focus.y, color)
      : pattern === 'dots'
        ? dots(panel, color)
        : pattern === 'stars'
          ? stars(panel, color, random)
          : '';
  return group({ 'data-part': 'pattern', 'data-pattern': pattern, 'clip-path': `url(#${clipId})` }, [
    element('rect', { x: panel.x, y: panel.y, width: panel.width, height: panel.height, fill: background }),
    marks,
  ]);
}
