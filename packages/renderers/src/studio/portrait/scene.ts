import type { Random } from '../../core/prng.ts';
import { element, gradient, group, textElement } from '../../core/svg.ts';
import { estimateTextWidthEm, fitFontSize, JAPANESE_SANS_FONTS, truncateText } from '../../core/text.ts';
import type { Appearance } from './features.ts';

/** Backdrop and name caption around the bust; they span the whole canvas, not the bust box. */

export function drawBackground(
  appearance: Appearance,
  width: number,
  height: number,
  random: Random,
  idPrefix: string,
): string {
  const glow = gradient('radialGradient', { id: `${idPrefix}-backdrop`, cx: 0.5, cy: 0.38, r: 0.75 }, [
    [0, appearance.background.inner],
    [1, appearance.background.outer],
  ]);
  // Soft bokeh dots; their layout comes from the character seed so every expression shares it.
  const dots = Array.from({ length: 14 }, () =>
    element('circle', {
      cx: random.between(0, width),
      cy: random.between(0, height),
      r: random.between(18, 90),
      fill: '#ffffff',
      opacity: random.between(0.12, 0.32),
    }),
  );
  return group({ 'data-part': 'background' }, [
    element('defs', {}, [glow]),
    element('rect', { x: 0, y: 0, width, height, fill: `url(#${idPrefix}-backdrop)` }),
    ...dots,
  ]);
}

export function drawCaption(name: string, appearance: Appearance, width: number, height: number): string {
  const text = truncateText(name, 32);
  const fontSize = fitFontSize(text, Math.min(width, 1000) * 0.72, 56, 22);
  const plateWidth = estimateTextWidthEm(text) * fontSize + 88;
  const plateHeight = fontSize + 40;
  const centreY = height - 36 - plateHeight / 2;
  return group({ 'data-part': 'caption' }, [
    element('rect', {
      x: width / 2 - plateWidth / 2,
      y: centreY - plateHeight / 2,
      width: plateWidth,
      height: plateHeight,
      rx: plateHeight / 2,
      fill: '#ffffff',
      'fill-opacity': 0.9,
      stroke: appearance.hair.base,
      'stroke-width': 5,
    }),
    textElement(
      'text',
      {
        x: width / 2,
        y: centreY + fontSize * 0.35,
        'text-anchor': 'middle',
        'font-family': JAPANESE_SANS_FONTS,
        'font-size': fontSize,
        'font-weight': 700,
        fill: appearance.hair.line,
      },
      text,
    ),
  ]);
}
