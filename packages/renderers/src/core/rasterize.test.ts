import { describe, expect, it } from 'vitest';
import { rasterizeSvg } from './rasterize.ts';
import { svgImage } from './svg.ts';

describe('rasterizeSvg', () => {
  const svg = svgImage(
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="red"/></svg>',
    40,
    20,
  );

  it('produces a PNG of the SVG size', () => {
    const png = rasterizeSvg(svg);
    expect(png.contentType).toBe('image/png');
    expect(png.bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // IHDR holds width and height as big-endian integers at bytes 16..24.
    expect([png.bytes.readUInt32BE(16), png.bytes.readUInt32BE(20)]).toEqual([40, 20]);
    expect([png.width, png.height]).toEqual([40, 20]);
  });

  it('scales to a requested width', () => {
    const png = rasterizeSvg(svg, { width: 80 });
    expect([png.width, png.height]).toEqual([80, 40]);
  });

  it('refuses a canvas over the pixel limit before allocating it', () => {
    expect(() => rasterizeSvg(svg, { maxPixels: 799 })).toThrow(RangeError);
    expect(rasterizeSvg(svg, { maxPixels: 800 }).width).toBe(40);
    expect(() => rasterizeSvg(svg, { width: 80, maxPixels: 3199 })).toThrow(RangeError);
    const huge = svgImage(
      '<svg xmlns="http://www.w3.org/2000/svg" width="60000" height="60000"/>',
      60000,
      60000,
    );
    const started = performance.now();
    expect(() => rasterizeSvg(huge)).toThrow(/limit/);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses images that are not SVG', () => {
    expect(() => rasterizeSvg({ ...svg, contentType: 'image/png' })).toThrow(TypeError);
  });
});
