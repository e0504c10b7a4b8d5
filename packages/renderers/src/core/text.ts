/**
 * Text layout without a font engine: SVG text is laid out by the viewer, so we
 * estimate widths (full-width CJK ≈ 1em, Latin ≈ 0.6em) to pick a font size
 * that keeps titles and names inside their plates. Both products use Japanese
 * names ("ゆあちゃん", ビックリマン titles), so the font stacks list
 * Japanese-capable families before the generic fallback.
 */

export const JAPANESE_SANS_FONTS =
  "'Noto Sans JP', 'Hiragino Sans', 'Hiragino Kaku Gothic ProN', 'Yu Gothic', Meiryo, 'Noto Sans CJK JP', sans-serif";

/** Heavier rounded display faces first, the look of collectible-sticker lettering. */
export const JAPANESE_DISPLAY_FONTS = `'M PLUS Rounded 1c', 'Kosugi Maru', ${JAPANESE_SANS_FONTS}`;

function isWide(codePoint: number): boolean {
  return (
    (codePoint >= 0x1100 && codePoint <= 0x115f) ||
    (codePoint >= 0x2e80 && codePoint <= 0xa4cf) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    codePoint >= 0x1f300
  );
}

export function estimateTextWidthEm(text: string): number {
  let width = 0;
  for (const character of text) {
    const codePoint = character.codePointAt(0)!;
    if (isWide(codePoint)) width += 1;
    else if (character === ' ') width += 0.32;
    else if (/[A-Z0-9]/.test(character)) width += 0.68;
    else width += 0.58;
  }
  return width;
}

/** The largest size ≤ preferred (and ≥ minimum) at which the text fits maxWidth. */
export function fitFontSize(text: string, maxWidth: number, preferred: number, minimum: number): number {
  const width = estimateTextWidthEm(text);
  if (width === 0) return preferred;
  return Math.max(minimum, Math.min(preferred, maxWidth / width));
}

/** Cut to at most `maxCharacters` code points (never splitting a surrogate pair), adding an ellipsis. */
export function truncateText(text: string, maxCharacters: number): string {
  const characters = Array.from(text.replace(/\s+/g, ' ').trim());
  return characters.length <= maxCharacters
    ? characters.join('')
    : `${characters.slice(0, maxCharacters - 1).join('')}…`;
}
