import type { RenderedImage } from './generator.ts';

/**
 * Minimal SVG building blocks. Every number goes through `formatNumber` so the
 * output is byte-stable, and every piece of text or attribute value goes
 * through `escapeXml`, so user text (character names, sticker titles) can never
 * break the markup or smuggle in elements such as <script>.
 */

/**
 * Anything outside the XML 1.0 `Char` production: C0 controls other than tab/LF/CR,
 * lone surrogates (the `u` flag makes them single code points) and U+FFFE/U+FFFF.
 * They are forbidden even when escaped, so they are dropped to keep the document well-formed.
 */
const NON_XML_CHARACTERS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

export function escapeXml(text: string): string {
  return text.replace(NON_XML_CHARACTERS, '').replace(/[&<>"']/g, (character) => XML_ENTITIES[character]!);
}

/** Fixed-decimal number formatting: rounding is spec-defined (toFixed), trailing zeros and "-0" are dropped. */
export function formatNumber(value: number, decimals = 2): string {
  if (!Number.isFinite(value)) throw new RangeError(`cannot format ${value} as an SVG number`);
  const rounded = Number(value.toFixed(decimals));
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** Tagged template for path data: `pathData\`M${x} ${y}\`` formats every interpolated number. */
export function pathData(strings: TemplateStringsArray, ...values: number[]): string {
  let result = strings[0] ?? '';
  values.forEach((value, index) => {
    result += formatNumber(value) + (strings[index + 1] ?? '');
  });
  return result.replace(/\s+/g, ' ').trim();
}

export type Point = readonly [number, number];

/** A `points` attribute value for polygon/polyline. */
export function pointList(points: readonly Point[]): string {
  return points.map(([x, y]) => `${formatNumber(x)},${formatNumber(y)}`).join(' ');
}

export type AttributeValue = string | number | undefined;
export type Attributes = Readonly<Record<string, AttributeValue>>;

function renderAttributes(attributes: Attributes): string {
  let result = '';
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    const text = typeof value === 'number' ? formatNumber(value) : escapeXml(value);
    result += ` ${name}="${text}"`;
  }
  return result;
}

/** An element whose children are already-built markup (from other `element` calls). */
export function element(name: string, attributes: Attributes = {}, children: readonly string[] = []): string {
  const opening = `<${name}${renderAttributes(attributes)}`;
  return children.length === 0 ? `${opening}/>` : `${opening}>${children.join('')}</${name}>`;
}

/** An element whose content is plain text, escaped here (use for every piece of user text). */
export function textElement(name: string, attributes: Attributes, text: string): string {
  return `<${name}${renderAttributes(attributes)}>${escapeXml(text)}</${name}>`;
}

export function group(attributes: Attributes, children: readonly string[]): string {
  return element('g', attributes, children);
}

/** A linear or radial gradient from [offset (0..1), colour, opacity?] stops. */
export function gradient(
  kind: 'linearGradient' | 'radialGradient',
  attributes: Attributes,
  stops: readonly (readonly [number, string, number?])[],
): string {
  return element(
    kind,
    attributes,
    stops.map(([offset, color, opacity]) =>
      element('stop', { offset: formatNumber(offset, 4), 'stop-color': color, 'stop-opacity': opacity }),
    ),
  );
}

export function dataUri(bytes: Uint8Array, contentType: string): string {
  return `data:${contentType};base64,${Buffer.from(bytes).toString('base64')}`;
}

export type SvgDocumentOptions = {
  /** Output size in pixels (what a rasteriser produces). */
  width: number;
  height: number;
  /** Drawing coordinate space; defaults to the pixel size. */
  viewBoxWidth?: number;
  viewBoxHeight?: number;
  /** Accessible name; user text, escaped. */
  title?: string;
  description?: string;
};

export function svgDocument(options: SvgDocumentOptions, children: readonly string[]): string {
  const viewBoxWidth = options.viewBoxWidth ?? options.width;
  const viewBoxHeight = options.viewBoxHeight ?? options.height;
  const metadata = [
    options.title === undefined ? '' : textElement('title', {}, options.title),
    options.description === undefined ? '' : textElement('desc', {}, options.description),
  ];
  const root = element(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      'xmlns:xlink': 'http://www.w3.org/1999/xlink',
      width: options.width,
      height: options.height,
      viewBox: `0 0 ${formatNumber(viewBoxWidth)} ${formatNumber(viewBoxHeight)}`,
      role: 'img',
    },
    [...metadata.filter((part) => part !== ''), ...children],
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root}\n`;
}

export function svgImage(svg: string, width: number, height: number): RenderedImage {
  return { bytes: Buffer.from(svg, 'utf8'), contentType: 'image/svg+xml', width, height };
}

/** A `transform` value moving to (x, y), optionally scaled and rotated, with stable number formatting. */
export function translate(x: number, y: number, options: { scale?: number; rotate?: number } = {}): string {
  let transform = `translate(${formatNumber(x)} ${formatNumber(y)})`;
  if (options.rotate !== undefined) transform += ` rotate(${formatNumber(options.rotate)})`;
  if (options.scale !== undefined) transform += ` scale(${formatNumber(options.scale, 4)})`;
  return transform;
}
