import { describe, expect, it } from 'vitest';
import { jpegDeclaring, pngDeclaring, samples } from '../../../test/image-samples.ts';
import { pixelLimitProblem, rasterDimensions, svgDimensions } from './dimensions.ts';
import { inspectFile } from './inspect.ts';
import { sniffImageType } from './sniff.ts';
import { checkSvg } from './svg.ts';

const svgProblem = (bytes: Buffer) => checkSvg(bytes).problem;

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

describe('image dimensions', () => {
  it('reads the size a PNG, JPEG or WebP header declares, without decoding', () => {
    expect(rasterDimensions(samples.png, 'image/png')).toEqual({ width: 1, height: 1 });
    expect(rasterDimensions(pngDeclaring(16000, 16000), 'image/png')).toEqual({
      width: 16000,
      height: 16000,
    });
    expect(rasterDimensions(jpegDeclaring(640, 480), 'image/jpeg')).toEqual({ width: 640, height: 480 });
    expect(rasterDimensions(samples.webp, 'image/webp')).toEqual({ width: 1, height: 1 });
    expect(rasterDimensions(samples.webpLossy, 'image/webp')).toEqual({ width: 1, height: 1 });
    const extended = Buffer.alloc(30);
    extended.write('RIFF\0\0\0\0WEBPVP8X', 'latin1');
    extended.writeUIntLE(16383, 24, 3);
    extended.writeUIntLE(9999, 27, 3);
    expect(rasterDimensions(extended, 'image/webp')).toEqual({ width: 16384, height: 10000 });
  });

  it('skips JPEG segments before the frame, and gives null for a header without a size', () => {
    const jpeg = jpegDeclaring(300, 200);
    const comment = Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, 0x05]), Buffer.from('abc')]);
    const withComment = Buffer.concat([jpeg.subarray(0, 20), comment, jpeg.subarray(20)]);
    expect(rasterDimensions(withComment, 'image/jpeg')).toEqual({ width: 300, height: 200 });
    expect(rasterDimensions(jpeg.subarray(0, 20), 'image/jpeg')).toBeNull();
    expect(rasterDimensions(jpegDeclaring(0, 10), 'image/jpeg')).toBeNull();
    expect(rasterDimensions(samples.png.subarray(0, 20), 'image/png')).toBeNull();
    expect(rasterDimensions(Buffer.from('RIFF\0\0\0\0WEBPVP8 nothing here at all'), 'image/webp')).toBeNull();
  });

  it('sizes an SVG as resvg does: width and height, else the viewBox, else 100', () => {
    expect(svgDimensions({ width: '40', height: '20px' })).toEqual({ width: 40, height: 20 });
    expect(svgDimensions({ width: '1in', height: '2.54cm' })).toEqual({ width: 96, height: 96 });
    expect(svgDimensions({ viewBox: '0 0 300 150' })).toEqual({ width: 300, height: 150 });
    expect(svgDimensions({ width: '600', viewBox: '0,0,300,150' })).toEqual({ width: 600, height: 300 });
    expect(svgDimensions({ width: '100%', height: '50%', viewBox: '0 0 30 15' })).toEqual({
      width: 30,
      height: 15,
    });
    expect(svgDimensions({})).toEqual({ width: 100, height: 100 });
    expect(svgDimensions({ width: '1e5', height: '1e5' })).toEqual({ width: 100000, height: 100000 });
  });

  it('says when a size is over the pixel limit', () => {
    expect(pixelLimitProblem({ width: 5000, height: 5000 }, 25_000_000)).toBeNull();
    expect(pixelLimitProblem({ width: 5000, height: 5001 }, 25_000_000)).toBe(
      'is 5000×5001 pixels, over the limit of 25000000 pixels',
    );
  });

  it('is part of what an inspection reports', async () => {
    const noAudio = { durationMs: null, sampleRate: null, channels: null, codec: null };
    expect(await inspectFile(pngDeclaring(16000, 16000))).toEqual({
      problem: null,
      contentType: 'image/png',
      metadata: { width: 16000, height: 16000, ...noAudio },
    });
    expect((await inspectFile(jpegDeclaring(0, 0))).problem).toBe('its JPEG header does not give its size');
    expect(
      await inspectFile(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="8in" height="2"/>')),
    ).toEqual({
      problem: null,
      contentType: 'image/svg+xml',
      metadata: { width: 768, height: 2, ...noAudio },
    });
  });
});

describe('svgProblem', () => {
  it('accepts a plain SVG with local references, inline styles and raster data images', () => {
    expect(svgProblem(samples.svg)).toBeNull();
    expect(
      svgProblem(svg(`<image href="data:image/png;base64,${samples.png.toString('base64')}"/>`)),
    ).toBeNull();
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
    ['an external link', svg('<a href="https://evil.example/">x</a>'), 'not allowed'],
    ['an external xlink:href', svg('<use xlink:href="https://evil.example/s.svg#a"/>'), 'link'],
    ['a javascript: link spelled with references', svg('<use href="&#106;avascript:alert(1)"/>'), 'link'],
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
      'not allowed',
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
