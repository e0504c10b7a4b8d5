import { hashHex } from './prng.ts';

/**
 * Colours arrive as free text: Character Studio stores features such
 * as `"hair": {"color": "pink"}` and `"outfit": {"primary": "white dress"}`,
 * and the sticker generator takes `backgroundColor` as a plain string. Renderers
 * need a #rrggbb they can trust, so names (English and common Japanese ones)
 * map to a palette and anything unrecognised gets a stable hash-derived colour.
 */

const NAMED_COLORS: Readonly<Record<string, string>> = {
  black: '#22212b',
  white: '#f7f7fa',
  gray: '#8e8f99',
  grey: '#8e8f99',
  silver: '#c9ced8',
  platinum: '#e9e4d8',
  red: '#d8343c',
  crimson: '#b3122e',
  scarlet: '#e0301e',
  pink: '#f48fb1',
  'hot pink': '#ff5fa2',
  magenta: '#d63ab0',
  rose: '#e8688a',
  orange: '#f28c28',
  ginger: '#d9662b',
  auburn: '#93372b',
  copper: '#b8643a',
  brown: '#7a4b2e',
  chestnut: '#8a4a2f',
  brunette: '#5a3823',
  chocolate: '#5b3421',
  beige: '#e8d6b5',
  cream: '#f6ecd2',
  gold: '#e2b33c',
  golden: '#e2b33c',
  blonde: '#f1d27a',
  blond: '#f1d27a',
  'strawberry blonde': '#f0b38a',
  yellow: '#f7d938',
  lime: '#9fd84a',
  green: '#3fa95b',
  mint: '#9ee6c6',
  emerald: '#1f9e6e',
  teal: '#1f9c9c',
  cyan: '#3cc8e0',
  turquoise: '#3ad0c3',
  aqua: '#5fd3e8',
  'sky blue': '#7cc4f2',
  blue: '#3b73d9',
  navy: '#23336b',
  indigo: '#4b3fa8',
  purple: '#8a4fc9',
  violet: '#9a62d6',
  lavender: '#b9a3e8',
  lilac: '#c8a2d8',
  // Japanese names, since both products' sample data is Japanese (e.g. "ゆあちゃん").
  黒: '#22212b',
  白: '#f7f7fa',
  銀: '#c9ced8',
  灰: '#8e8f99',
  赤: '#d8343c',
  ピンク: '#f48fb1',
  桃: '#f48fb1',
  橙: '#f28c28',
  オレンジ: '#f28c28',
  茶: '#7a4b2e',
  金: '#e2b33c',
  黄: '#f7d938',
  緑: '#3fa95b',
  水色: '#7cc4f2',
  青: '#3b73d9',
  紺: '#23336b',
  紫: '#8a4fc9',
};

// Longest names first so "hot pink" wins over "pink" and "水色" over "色"-less matches.
const NAMES_BY_LENGTH = Object.keys(NAMED_COLORS).sort((a, b) => b.length - a.length || a.localeCompare(b));

export function parseHexColor(text: string): string | undefined {
  const match = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(text.trim());
  if (!match) return undefined;
  const digits = match[1]!.toLowerCase();
  return digits.length === 3 ? `#${[...digits].map((digit) => digit + digit).join('')}` : `#${digits}`;
}

function containsName(text: string, name: string): boolean {
  // ASCII names must match whole words ("reddish" is not "red"); Japanese has no word spaces.
  if (!/^[a-z ]+$/.test(name)) return text.includes(name);
  return new RegExp(`(^|[^a-z])${name}($|[^a-z])`).test(text);
}

/** The colour a description names ("#ff88aa", "pink", "light blue ribbon", "水色"), if any. */
export function colorFromText(description: string): string | undefined {
  const hex = parseHexColor(description);
  if (hex) return hex;
  const text = description.trim().toLowerCase();
  const inlineHex = /#[0-9a-f]{6}\b|#[0-9a-f]{3}\b/i.exec(text);
  if (inlineHex) return parseHexColor(inlineHex[0]);
  const name = NAMES_BY_LENGTH.find((candidate) => containsName(text, candidate));
  if (name === undefined) return undefined;
  const base = NAMED_COLORS[name]!;
  if (/\b(light|pale|pastel|soft)\b|薄/.test(text)) return mixColors(base, '#ffffff', 0.4);
  if (/\b(dark|deep)\b|濃|暗/.test(text)) return mixColors(base, '#000000', 0.35);
  return base;
}

/** A pleasant, stable colour for text no palette entry matches (e.g. "moonlight"). */
export function hashColor(text: string): string {
  const hash = hashHex(['color', text]);
  const hue = Number.parseInt(hash.slice(0, 4), 16) % 360;
  const saturation = 55 + (Number.parseInt(hash.slice(4, 6), 16) % 20);
  const lightness = 48 + (Number.parseInt(hash.slice(6, 8), 16) % 17);
  return hslToHex(hue, saturation, lightness);
}

export function resolveColor(description: string): string {
  return colorFromText(description) ?? hashColor(description);
}

export function hslToHex(hue: number, saturation: number, lightness: number): string {
  const s = saturation / 100;
  const l = lightness / 100;
  const amplitude = s * Math.min(l, 1 - l);
  const channel = (n: number) => {
    const k = (n + hue / 30) % 12;
    return l - amplitude * Math.max(-1, Math.min(k - 3, 9 - k, 1));
  };
  return rgbToHex([channel(0), channel(8), channel(4)].map((value) => value * 255) as Rgb);
}

type Rgb = [number, number, number];

function hexToRgb(hex: string): Rgb {
  const normalised = parseHexColor(hex) ?? '#000000';
  return [1, 3, 5].map((start) => Number.parseInt(normalised.slice(start, start + 2), 16)) as Rgb;
}

function rgbToHex(rgb: Rgb): string {
  return `#${rgb
    .map((value) =>
      Math.round(Math.min(255, Math.max(0, value)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** Linear blend: 0 → a, 1 → b. */
export function mixColors(a: string, b: string, amount: number): string {
  const from = hexToRgb(a);
  const to = hexToRgb(b);
  return rgbToHex(from.map((value, index) => value + (to[index]! - value) * amount) as Rgb);
}

export function lighten(hex: string, amount: number): string {
  return mixColors(hex, '#ffffff', amount);
}

export function darken(hex: string, amount: number): string {
  return mixColors(hex, '#000000', amount);
}

/** Relative luminance (0 dark … 1 light), to choose readable text colours. */
export function luminance(hex: string): number {
  const [r, g, b] = hexToRgb(hex).map((value) => {
    const channel = value / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
