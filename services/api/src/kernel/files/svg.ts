/**
 * Whether an SVG may be stored, by allow-list: well-formed UTF-8 XML with an
 * `<svg>` root in the SVG namespace, made only of the elements and attributes
 * a static image needs (shapes, text, paint servers, clipping, masking,
 * filters; see docs/security.md). Anything else is refused, not stripped, so
 * a stored file is exactly what was sent: scripts, event handlers, links,
 * animation, foreignObject, elements or attributes of any other namespace
 * (XHTML `meta`, `img`, `form`, `video`, …), `xml:base`, DOCTYPEs (entities),
 * processing instructions. References may only point inside the document
 * (`#fragment`), except raster `data:` images in `<image>`; CSS may only call
 * known functions, with `url(#fragment)` as its only URL, and has no at-rules
 * or escapes. The Content-Security-Policy the file is served with is the
 * second wall.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { type Dimensions, rasterDimensions, svgDimensions } from './dimensions.ts';

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

const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';
const XLINK_NAMESPACE = 'http://www.w3.org/1999/xlink';

/** SVG 2 elements for static images. Not here: a, animation, foreignObject, script, feImage, metadata, view… */
const ELEMENTS = new Set([
  'svg',
  'g',
  'defs',
  'title',
  'desc',
  'symbol',
  'use',
  'image',
  'style',
  'path',
  'rect',
  'circle',
  'ellipse',
  'line',
  'polyline',
  'polygon',
  'text',
  'tspan',
  'textPath',
  'linearGradient',
  'radialGradient',
  'stop',
  'pattern',
  'clipPath',
  'mask',
  'marker',
  'filter',
  ...[
    'Blend',
    'ColorMatrix',
    'ComponentTransfer',
    'Composite',
    'ConvolveMatrix',
    'DiffuseLighting',
    'DisplacementMap',
    'DistantLight',
    'DropShadow',
    'Flood',
    'FuncA',
    'FuncB',
    'FuncG',
    'FuncR',
    'GaussianBlur',
    'Merge',
    'MergeNode',
    'Morphology',
    'Offset',
    'PointLight',
    'SpecularLighting',
    'SpotLight',
    'Tile',
    'Turbulence',
  ].map((primitive) => `fe${primitive}`),
]);

/** Geometry, presentation (SVG 2, Appendix "Presentation attributes") and element-specific attributes. */
const ATTRIBUTES = new Set(
  `id class style lang role tabindex version baseProfile
  x y x1 y1 x2 y2 cx cy r rx ry fx fy fr width height d points pathLength transform transform-origin
  viewBox preserveAspectRatio href
  alignment-baseline baseline-shift clip clip-path clip-rule color color-interpolation
  color-interpolation-filters color-rendering direction display dominant-baseline fill fill-opacity
  fill-rule filter flood-color flood-opacity font font-family font-size font-size-adjust font-stretch
  font-style font-variant font-weight image-rendering isolation letter-spacing lighting-color
  marker-start marker-mid marker-end mask mask-type mix-blend-mode opacity overflow paint-order
  pointer-events shape-rendering stop-color stop-opacity stroke stroke-dasharray stroke-dashoffset
  stroke-linecap stroke-linejoin stroke-miterlimit stroke-opacity stroke-width text-anchor
  text-decoration text-overflow text-rendering unicode-bidi vector-effect visibility white-space
  word-spacing writing-mode
  gradientUnits gradientTransform spreadMethod offset patternUnits patternContentUnits patternTransform
  clipPathUnits maskUnits maskContentUnits markerWidth markerHeight markerUnits refX refY orient
  dx dy rotate textLength lengthAdjust startOffset method spacing side
  filterUnits primitiveUnits in in2 result stdDeviation edgeMode operator k1 k2 k3 k4 mode type values
  tableValues slope intercept amplitude exponent scale xChannelSelector yChannelSelector radius
  baseFrequency numOctaves seed stitchTiles order kernelMatrix divisor bias targetX targetY
  preserveAlpha kernelUnitLength surfaceScale diffuseConstant specularConstant specularExponent
  azimuth elevation z pointsAtX pointsAtY pointsAtZ limitingConeAngle`.split(/\s+/),
);
/** Attributes of the `xml` prefix, which needs no declaration. `xml:base` is not one: it re-targets links. */
const XML_ATTRIBUTES = new Set(['xml:lang', 'xml:space']);

/** CSS functions that compute a value; `url` is checked on its own, everything else (image-set, image, …) refused. */
const CSS_FUNCTIONS = new Set(
  `url rgb rgba hsl hsla hwb lab lch oklab oklch color color-mix calc min max clamp var env
  matrix matrix3d translate translatex translatey translatez translate3d scale scalex scaley scalez
  scale3d rotate rotatex rotatey rotatez rotate3d skew skewx skewy perspective
  blur brightness contrast drop-shadow grayscale hue-rotate invert opacity saturate sepia
  linear-gradient radial-gradient conic-gradient repeating-linear-gradient repeating-radial-gradient
  repeating-conic-gradient cubic-bezier steps`.split(/\s+/),
);

/** Element and attribute names: XML names with at most one prefix, nothing an object key could abuse. */
const XML_NAME = /^[A-Za-z_][\w.-]*(:[A-Za-z_][\w.-]*)?$/;
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const RASTER_DATA_URI = /^\s*data:(image\/(?:png|jpeg|webp));base64,([A-Za-z0-9+/=\s]*)$/i;
const CSS_IDENTIFIER = /[\w-]/;

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Expands XML character and entity references, as a browser would before reading the value. */
function decode(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] !== '#') return ENTITIES[ref] ?? whole;
    const code = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/**
 * A CSS value (a presentation attribute, or a declaration in `style`): no
 * escapes (which could spell anything), only known functions, and `url()`
 * only to a `#fragment`. One pass: each `(` looks back over its name only.
 */
function cssValueProblem(css: string): string | null {
  if (css.includes('\\')) return 'CSS escapes are not allowed in an SVG';
  if (/javascript:/i.test(css)) return 'an SVG may not contain scripts';
  for (let open = css.indexOf('('); open >= 0; open = css.indexOf('(', open + 1)) {
    let start = open;
    while (start > 0 && CSS_IDENTIFIER.test(css.charAt(start - 1))) start--;
    const name = css.slice(start, open).toLowerCase();
    if (name === '') continue;
    if (!CSS_FUNCTIONS.has(name)) return `the CSS function ${name}() is not allowed in an SVG`;
    if (name === 'url') {
      let at = open + 1;
      while (' \t\r\n\'"'.includes(css.charAt(at)) && at < css.length) at++;
      if (css.charAt(at) !== '#') return 'an SVG may only use url(#fragment) references';
    }
  }
  return null;
}

/** A style sheet or style attribute: a CSS value, and no at-rules (@import, @font-face, …). */
function cssProblem(css: string): string | null {
  if (css.includes('@')) return 'CSS at-rules such as @import are not allowed in an SVG';
  return cssValueProblem(css);
}

/** Namespace declarations in scope: the default namespace and the prefixes. */
interface Scope {
  default: string | null;
  prefixes: ReadonlyMap<string, string>;
}

/** The scope inside an element, from its `xmlns` attributes; only the SVG and XLink namespaces may be declared. */
function scopeOf(attributes: Record<string, string>, outer: Scope): Scope | string {
  let inner = outer;
  for (const [name, value] of Object.entries(attributes)) {
    if (name !== 'xmlns' && !name.startsWith('xmlns:')) continue;
    const namespace = decode(value);
    if (name === 'xmlns') {
      if (namespace !== SVG_NAMESPACE)
        return `the namespace ${JSON.stringify(namespace)} is not allowed in an SVG`;
      inner = { ...inner, default: namespace };
    } else {
      if (namespace !== SVG_NAMESPACE && namespace !== XLINK_NAMESPACE)
        return `the namespace ${JSON.stringify(namespace)} is not allowed in an SVG`;
      inner = { ...inner, prefixes: new Map([...inner.prefixes, [name.slice(6), namespace]]) };
    }
  }
  return inner;
}

/** The SVG local name of an element, or null when it is in another namespace (or none). */
function svgLocalName(name: string, scope: Scope): string | null {
  const colon = name.indexOf(':');
  if (colon < 0) return scope.default === SVG_NAMESPACE ? name : null;
  return scope.prefixes.get(name.slice(0, colon)) === SVG_NAMESPACE ? name.slice(colon + 1) : null;
}

/** What the walk gathers besides problems: the pixel sizes of embedded raster images. */
interface Findings {
  embedded: Dimensions[];
}

function hrefProblem(element: string, value: string, findings: Findings): string | null {
  if (value.trimStart().startsWith('#')) return null;
  const data = element === 'image' ? RASTER_DATA_URI.exec(value) : null;
  if (!data) return `an SVG may only link to #fragments or embed raster data: images (href on <${element}>)`;
  const type = data[1]!.toLowerCase() as 'image/png' | 'image/jpeg' | 'image/webp';
  const size = rasterDimensions(Buffer.from(data[2]!, 'base64'), type);
  if (!size) return `an embedded ${type} image has no readable size`;
  findings.embedded.push(size);
  return null;
}

function attributeProblem(
  element: string,
  name: string,
  raw: string,
  scope: Scope,
  findings: Findings,
): string | null {
  if (!XML_NAME.test(name) || RESERVED_KEYS.has(name))
    return `the attribute name ${JSON.stringify(name)} is not allowed`;
  if (name === 'xmlns' || name.startsWith('xmlns:')) return null; // judged by scopeOf
  if (/^on/i.test(name)) return `event handler attributes (${name}) are not allowed in an SVG`;
  const value = decode(raw);
  const colon = name.indexOf(':');
  const isHref =
    name === 'href' ||
    (colon > 0 &&
      name.slice(colon + 1) === 'href' &&
      scope.prefixes.get(name.slice(0, colon)) === XLINK_NAMESPACE);
  if (isHref) return hrefProblem(element, value, findings);
  const allowed =
    colon > 0 ? XML_ATTRIBUTES.has(name) : ATTRIBUTES.has(name) || /^(data|aria)-[\w.-]+$/.test(name);
  if (!allowed) return `the attribute ${name} is not allowed on <${element}> in an SVG`;
  return name === 'style' ? cssProblem(value) : cssValueProblem(value);
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

function nodeProblem(node: XmlNode, outer: Scope, findings: Findings): string | null {
  const name = Object.keys(node).find((key) => key !== ':@');
  if (name === undefined || name === '#text' || name === '#comment' || name === '#cdata') return null;
  if (name.startsWith('?')) return 'processing instructions are not allowed in an SVG';
  if (!XML_NAME.test(name) || RESERVED_KEYS.has(name))
    return `the element name ${JSON.stringify(name)} is not allowed`;
  const attributes = (node[':@'] ?? {}) as Record<string, string>;
  const scope = scopeOf(attributes, outer);
  if (typeof scope === 'string') return scope;
  const local = svgLocalName(name, scope);
  if (local === null) return `<${name}> is not an SVG element: elements of other namespaces are not allowed`;
  if (!ELEMENTS.has(local)) return `<${name}> elements are not allowed in an SVG`;
  for (const [attribute, value] of Object.entries(attributes)) {
    const problem = attributeProblem(
      local,
      attribute,
      typeof value === 'string' ? value : '',
      scope,
      findings,
    );
    if (problem) return problem;
  }
  const children = (node[name] ?? []) as XmlNode[];
  if (local === 'style') {
    const problem = cssProblem(decode(textOf(children)));
    if (problem) return problem;
  }
  for (const child of children) {
    const problem = nodeProblem(child, scope, findings);
    if (problem) return problem;
  }
  return null;
}

export type SvgCheck = { problem: string } | { problem: null; dimensions: Dimensions };

const pixels = (size: Dimensions) => size.width * size.height;

/**
 * The SVG's pixel size when it is safe to store and serve: the larger of its
 * default rendering size and the images it embeds (decoding one of those
 * costs as much as a raster upload of it). Otherwise, what is wrong with it.
 */
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
  const attributes = (root[':@'] ?? {}) as Record<string, string>;
  if (attributes.xmlns !== SVG_NAMESPACE)
    return problem(`the <svg> root must declare xmlns="${SVG_NAMESPACE}"`);
  const findings: Findings = { embedded: [] };
  const unsafe = nodeProblem(root, { default: null, prefixes: new Map() }, findings);
  if (unsafe) return problem(unsafe);
  const sizes = [svgDimensions(attributes), ...findings.embedded];
  return {
    problem: null,
    dimensions: sizes.reduce((largest, size) => (pixels(size) > pixels(largest) ? size : largest)),
  };
}
