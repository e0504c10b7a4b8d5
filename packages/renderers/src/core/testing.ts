import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { RenderedImage } from './generator.ts';

/**
 * Test helpers for generated SVG, imported by *.test.ts only (fast-xml-parser is a runtime
 * dependency too: the file store checks uploaded SVGs with it).
 */

/** Throws with the parser's message and position when the document is not well-formed XML. */
export function assertWellFormedXml(xml: string): void {
  const result = XMLValidator.validate(xml, { allowBooleanAttributes: false });
  if (result !== true) {
    const { code, msg, line, col } = result.err;
    throw new Error(`not well-formed XML (${code} at ${line}:${col}): ${msg}`);
  }
}

export function svgText(image: RenderedImage): string {
  return image.bytes.toString('utf8');
}

type SvgRoot = { width: number; height: number; viewBox: [number, number, number, number] };

/** Root <svg> size attributes, read through a real XML parser. */
export function svgRoot(xml: string): SvgRoot {
  const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml) as {
    svg: { width: string; height: string; viewBox: string };
  };
  const viewBox = parsed.svg.viewBox.split(' ').map(Number) as [number, number, number, number];
  return { width: Number(parsed.svg.width), height: Number(parsed.svg.height), viewBox };
}

/** Every text node of every element with this tag, decoded by the parser (entities resolved). */
export function textContents(xml: string, tag: string): string[] {
  const parsed = new XMLParser({
    ignoreAttributes: true,
    processEntities: true,
    htmlEntities: false,
    isArray: () => true,
  }).parse(xml) as unknown;
  const found: string[] = [];
  const walk = (node: unknown, name: string | undefined) => {
    if (typeof node === 'string' || typeof node === 'number') {
      if (name === tag) found.push(String(node));
      return;
    }
    if (Array.isArray(node)) {
      for (const item of node) walk(item, name);
      return;
    }
    if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) walk(value, key === '#text' ? name : key);
    }
  };
  walk(parsed, undefined);
  return found;
}
