/**
 * Whether an SVG may be stored: well-formed XML with an `<svg>`
 * root, and nothing that runs or fetches: no scripts, no event handlers, no
 * DOCTYPE (entities, external DTDs), no processing instructions such as
 * xml-stylesheet, no foreignObject, no links or CSS `url()` outside the
 * document (only `#fragment`s and raster `data:` images), no CSS `@import`.
 * An allow-list would be stricter still; this refuses what can do harm, and
 * the Content-Security-Policy the file is served with is the second wall.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { type Dimensions, svgDimensions } from './dimensions.ts';

type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  // Values stay as written; `decode` below expands character references before they are judged.
  processEntities: false,
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  cdataPropName: '#cdata',
  commentPropName: '#comment',
});

const FORBIDDEN_ELEMENTS = new Set([
  'script',
  'foreignobject',
  'iframe',
  'embed',
  'object',
  'handler',
  'listener',
]);
/** SMIL elements could set an href or an event handler after the check: only when they target one. */
const ANIMATIONS = new Set(['set', 'animate', 'animatemotion', 'animatetransform']);
/** Element and attribute names: XML names with at most one prefix, nothing an object key could abuse. */
const XML_NAME = /^[A-Za-z_][\w.-]*(:[A-Za-z_][\w.-]*)?$/;
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const LOCAL_REFERENCE = /^\s*#/;
const RASTER_DATA_URI = /^\s*data:image\/(png|jpeg|webp|gif);base64,[A-Za-z0-9+/=\s]*$/i;
/** A CSS `url(...)` whose target is not a `#fragment`. */
const EXTERNAL_CSS_URL = /url\(\s*(?!['"]?\s*#)/i;

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Expands XML character and entity references, as a browser would before reading the value. */
function decode(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] !== '#') return ENTITIES[ref] ?? whole;
    const code = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

function localName(name: string): string {
  return (name.split(':').pop() ?? name).toLowerCase();
}

/** CSS from a style attribute or element: no escapes (which could spell anything), imports or outside URLs. */
function cssProblem(css: string): string | null {
  if (css.includes('\\')) return 'CSS escapes are not allowed in an SVG';
  if (/@import/i.test(css)) return 'CSS @import is not allowed in an SVG';
  if (EXTERNAL_CSS_URL.test(css)) return 'an SVG may only use url(#fragment) references';
  if (/javascript:|expression\(/i.test(css)) return 'an SVG may not contain scripts';
  return null;
}

function attributeProblem(element: string, name: string, raw: string): string | null {
  if (!XML_NAME.test(name) || RESERVED_KEYS.has(name))
    return `the attribute name ${JSON.stringify(name)} is not allowed`;
  const attribute = localName(name);
  const value = decode(raw);
  if (attribute.startsWith('on')) return `event handler attributes (${name}) are not allowed in an SVG`;
  if (attribute === 'href' || attribute === 'src') {
    if (!LOCAL_REFERENCE.test(value) && !RASTER_DATA_URI.test(value)) {
      return `an SVG may only link to #fragments or embed raster data: images (${name} on <${element}>)`;
    }
  }
  if (ANIMATIONS.has(localName(element)) && attribute === 'attributename') {
    const target = localName(value.trim());
    if (target === 'href' || target.startsWith('on')) return `animating ${value} is not allowed in an SVG`;
  }
  if (/javascript:/i.test(value)) return 'an SVG may not contain scripts';
  return cssProblem(value);
}

function textOf(children: XmlNode[]): string {
  return children
    .map((child) => {
      if (typeof child['#text'] === 'string') return child['#text'];
      if (Array.isArray(child['#cdata'])) return textOf(child['#cdata'] as XmlNode[]);
      return '';
    })
    .join('');
}

function nodeProblem(node: XmlNode): string | null {
  const name = Object.keys(node).find((key) => key !== ':@');
  if (name === undefined || name === '#text' || name === '#comment' || name === '#cdata') return null;
  if (name.startsWith('?')) return 'processing instructions are not allowed in an SVG';
  if (!XML_NAME.test(name) || RESERVED_KEYS.has(name))
    return `the element name ${JSON.stringify(name)} is not allowed`;
  if (FORBIDDEN_ELEMENTS.has(localName(name))) return `<${name}> elements are not allowed in an SVG`;
  const attributes = (node[':@'] ?? {}) as Record<string, unknown>;
  for (const [attribute, value] of Object.entries(attributes)) {
    const problem = attributeProblem(name, attribute, typeof value === 'string' ? value : '');
    if (problem) return problem;
  }
  const children = (node[name] ?? []) as XmlNode[];
  if (localName(name) === 'style') {
    const problem = cssProblem(decode(textOf(children)));
    if (problem) return problem;
  }
  for (const child of children) {
    const problem = nodeProblem(child);
    if (problem) return problem;
  }
  return null;
}

export type SvgCheck = { problem: string } | { problem: null; dimensions: Dimensions };

/** The SVG's default rendering size when it is safe to store and serve; otherwise what is wrong with it. */
export function checkSvg(bytes: Buffer): SvgCheck {
  const problem = (text: string) => ({ problem: text });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return problem('an SVG must be UTF-8 text');
  }
  if (/<!DOCTYPE|<!ENTITY/i.test(text))
    return problem('DOCTYPE and entity declarations are not allowed in an SVG');
  const wellFormed = XMLValidator.validate(text);
  if (wellFormed !== true) {
    return problem(`the SVG is not well-formed XML (line ${wellFormed.err.line}: ${wellFormed.err.msg})`);
  }
  let parsed: XmlNode[];
  try {
    parsed = parser.parse(text) as XmlNode[];
  } catch {
    // The parser refuses, e.g., element names such as __proto__ (prototype pollution).
    return problem('the SVG could not be parsed safely');
  }
  const roots: XmlNode[] = [];
  for (const node of parsed) {
    const [name] = Object.keys(node);
    if (name === '?xml' || name === '#comment' || (name === '#text' && String(node[name]).trim() === ''))
      continue;
    if (name?.startsWith('?')) return problem('processing instructions are not allowed in an SVG');
    roots.push(node);
  }
  const [root] = roots;
  if (roots.length !== 1 || !root || !Object.hasOwn(root, 'svg'))
    return problem('the root element of an SVG must be <svg>');
  const unsafe = nodeProblem(root);
  if (unsafe) return problem(unsafe);
  return { problem: null, dimensions: svgDimensions((root[':@'] ?? {}) as Record<string, string>) };
}
