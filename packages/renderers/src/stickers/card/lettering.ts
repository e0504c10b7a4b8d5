import { MAX_NAME_CHARACTERS, MAX_TITLE_CHARACTERS } from '@yorozu/contract';
import { element, group, textElement } from '../../core/svg.ts';
import { fitFontSize, JAPANESE_DISPLAY_FONTS, truncateText } from '../../core/text.ts';

/**
 * Sticker lettering: white heavy type with a thick dark outline (paint-order
 * puts the stroke under the fill), as on the printed stickers. Titles and names
 * are user text, often Japanese (the product is Japanese), so they pass
 * through the XML escaper in textElement and use a Japanese-capable font stack.
 */
// The contract refuses longer titles and names (MAX_TITLE_CHARACTERS, MAX_NAME_CHARACTERS); truncation
// only guards direct callers of the renderer.

export type TextBox = {
  centreX: number;
  centreY: number;
  maxWidth: number;
  preferredSize: number;
  minimumSize: number;
};

export function outlinedText(text: string, box: TextBox, ink: string, fill: string, filter?: string): string {
  const fontSize = fitFontSize(text, box.maxWidth, box.preferredSize, box.minimumSize);
  return textElement(
    'text',
    {
      x: box.centreX,
      y: box.centreY + fontSize * 0.36,
      'text-anchor': 'middle',
      'font-family': JAPANESE_DISPLAY_FONTS,
      'font-size': fontSize,
      'font-weight': 900,
      fill,
      stroke: ink,
      'stroke-width': Math.max(3, fontSize * 0.16),
      'stroke-linejoin': 'round',
      'paint-order': 'stroke',
      filter,
    },
    text,
  );
}

/** A ribbon banner with notched ends carrying the title. */
export function drawTitleBanner(title: string, paint: string, ink: string, filter?: string): string {
  const text = truncateText(title, MAX_TITLE_CHARACTERS);
  const top = 40;
  const bottom = 104;
  const middle = (top + bottom) / 2;
  return group({ 'data-part': 'title' }, [
    element('path', {
      d: `M 40 ${top} L 560 ${top} L 544 ${middle} L 560 ${bottom} L 40 ${bottom} L 56 ${middle} Z`,
      fill: paint,
      stroke: ink,
      'stroke-width': 3.5,
      'stroke-linejoin': 'round',
    }),
    outlinedText(
      text,
      { centreX: 300, centreY: middle, maxWidth: 440, preferredSize: 40, minimumSize: 14 },
      ink,
      '#ffffff',
      filter,
    ),
  ]);
}

export function drawNamePlate(name: string, paint: string, ink: string, filter?: string): string {
  const text = truncateText(name, MAX_NAME_CHARACTERS);
  return group({ 'data-part': 'name' }, [
    element('rect', {
      x: 40,
      y: 622,
      width: 520,
      height: 108,
      rx: 22,
      fill: ink,
      'fill-opacity': 0.88,
      stroke: paint,
      'stroke-width': 6,
    }),
    outlinedText(
      text,
      { centreX: 300, centreY: 676, maxWidth: 470, preferredSize: 58, minimumSize: 16 },
      '#120c1f',
      '#ffffff',
      filter,
    ),
  ]);
}
