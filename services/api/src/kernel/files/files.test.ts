import { describe, expect, it } from 'vitest';
import { samples } from '../../../test/image-samples.ts';
import { sniffImageType } from './sniff.ts';
import { svgProblem } from './svg.ts';

const svg = (inner: string, attributes = '') =>
  Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"${attributes}>${inner}</svg>`,
  );

describe('sniffImageType', () => {
  it('reads PNG, JPEG, WebP and SVG from their bytes', () => {
    expect(sniffImageType(samples.png)).toBe('image/png');
    expect(sniffImageType(samples.jpeg)).toBe('image/jpeg');
    expect(sniffImageType(samples.webp)).toBe('image/webp');
    expect(sniffImageType(samples.svg)).toBe('image/svg+xml');
    expect(sniffImageType(Buffer.from('\uFEFF  <svg>'))).toBe('image/svg+xml');
  });

  it('reads the prologue SVG allows: declaration, comments and a DOCTYPE with an internal subset', () => {
    for (const text of [
      '<?xml version="1.0"?>\n<!-- a -->\n<!-- b --><svg/>',
      '<!DOCTYPE svg>\n<svg>',
      '<!DOCTYPE svg [ <!ENTITY a "]"> ]>\n<svg>',
      '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/x.dtd" ><svg\n>',
    ]) {
      expect(sniffImageType(Buffer.from(text))).toBe('image/svg+xml');
    }
  });

  it('reads a prologue of thousands of empty comments in linear time', () => {
    // A backtracking regex took seconds for 27 of them, doubling with each one more.
    for (const count of [27, 40, 580]) {
      const hostile = Buffer.from(`${'<!---->'.repeat(count)}x`);
      const started = performance.now();
      expect(sniffImageType(hostile)).toBeNull();
      expect(performance.now() - started).toBeLessThan(50);
    }
  });

  it('recognises nothing else', () => {
    for (const bytes of [
      Buffer.from('PNG, honestly'),
      Buffer.from('\x89PNG'),
      Buffer.from('RIFF\0\0\0\0WAVEfmt '),
      Buffer.from('<html><svg></svg></html>'),
      Buffer.from('<svgfoo/>'),
      Buffer.from('<!-- never closed <svg>'),
      Buffer.from('<?xml version="1.0" <svg>'),
      Buffer.from('<!DOCTYPE svg [ <svg>'),
      Buffer.from(`${' '.repeat(4096)}<svg>`),
      Buffer.from('GIF89a'),
      Buffer.alloc(0),
    ]) {
      expect(sniffImageType(bytes)).toBeNull();
    }
  });
});

describe('svgProblem', () => {
  it('accepts a plain SVG with local references, inline styles and raster data images', () => {
    expect(svgProblem(samples.svg)).toBeNull();
    expect(svgProblem(svg('<image href="data:image/png;base64,iVBORw0KGgo="/>'))).toBeNull();
    expect(svgProblem(svg('<animate attributeName="opacity" from="0" to="1" dur="1s"/>'))).toBeNull();
  });

  it.each([
    ['a script', svg('<script>alert(1)</script>'), 'not allowed'],
    [
      'a namespaced script',
      svg('<svg:script xmlns:svg="http://www.w3.org/2000/svg">alert(1)</svg:script>'),
      'not allowed',
    ],
    ['an event handler', svg('<rect/>', ' onload="alert(1)"'), 'event handler'],
    ['an upper-case event handler', svg('<rect ONCLICK="alert(1)"/>'), 'event handler'],
    ['an external link', svg('<a href="https://evil.example/">x</a>'), 'link'],
    ['an external xlink:href', svg('<use xlink:href="https://evil.example/s.svg#a"/>'), 'link'],
    ['a javascript: link spelled with references', svg('<a href="&#106;avascript:alert(1)">x</a>'), 'link'],
    ['an SVG data image', svg('<image href="data:image/svg+xml;base64,PHN2Zz4="/>'), 'link'],
    ['an external CSS url()', svg('<rect style="fill: url(https://evil.example/x)"/>'), 'url'],
    ['a url() spelled with references', svg('<rect fill="u&#114;l(https://evil.example/x)"/>'), 'url'],
    ['a CSS @import', svg('<style>@import "https://evil.example/x.css";</style>'), '@import'],
    ['CSS in CDATA', svg('<style><![CDATA[ rect { background: url(//evil.example/x) } ]]></style>'), 'url'],
    ['a CSS escape', svg('<style>rect { fill: \\75 rl(x) }</style>'), 'escape'],
    [
      'foreignObject',
      svg('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>'),
      'not allowed',
    ],
    [
      'an animation that sets a link',
      svg('<a href="#x"><set attributeName="href" to="javascript:alert(1)"/></a>'),
      'animating',
    ],
    ['a DOCTYPE', Buffer.from('<!DOCTYPE svg [<!ENTITY x "y">]><svg>&x;</svg>'), 'DOCTYPE'],
    [
      'an external DTD',
      Buffer.from('<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/x.dtd"><svg/>'),
      'DOCTYPE',
    ],
    [
      'a stylesheet instruction',
      Buffer.from('<?xml-stylesheet href="https://evil.example/x.css"?><svg/>'),
      'processing',
    ],
    ['malformed XML', Buffer.from('<svg><g></svg>'), 'well-formed'],
    ['another root', Buffer.from('<html/>'), 'root'],
    ['two roots', Buffer.from('<svg/><svg/>'), 'root'],
    ['a prototype-named element', svg('<__proto__><script>alert(1)</script></__proto__>'), 'parsed safely'],
    [
      'invalid UTF-8',
      Buffer.concat([Buffer.from('<svg>'), Buffer.from([0xff, 0xfe]), Buffer.from('</svg>')]),
      'UTF-8',
    ],
  ])('refuses %s', (_name, bytes, reason) => {
    expect(svgProblem(bytes)).toContain(reason);
  });
});
