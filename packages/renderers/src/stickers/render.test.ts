import { describe, expect, it } from 'vitest';
import { assertWellFormedXml, svgRoot, svgText, textContents } from '../core/testing.ts';
import {
  renderSticker,
  STICKER_ATTRIBUTES,
  STICKER_FRAMES,
  STICKER_PATTERNS,
  STICKER_RARITIES,
  type StickerRenderInput,
  stickerGenerator,
} from './render.ts';
import { renderStickerPng } from './render-png.ts';

const base: StickerRenderInput = {
  title: 'スーパーゼウス',
  characterName: 'ヘッドロココ',
  attribute: 'holy',
  rarity: 'rare',
  backgroundColor: '#3a7bd5',
  effects: {},
  style: {},
};

function render(overrides: Partial<StickerRenderInput> = {}): string {
  return svgText(renderSticker({ ...base, ...overrides }));
}

// A 1x1 transparent PNG.
const PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

function expectValidSticker(svg: string): void {
  assertWellFormedXml(svg);
  const root = svgRoot(svg);
  expect([root.width, root.height]).toEqual([600, 840]);
  expect(svg).not.toMatch(/<script/i);
}

describe('renderSticker', () => {
  it.each(STICKER_RARITIES)('draws a well-formed %s card', (rarity) => {
    const image = renderSticker({ ...base, rarity });
    expect([image.width, image.height, image.contentType]).toEqual([600, 840, 'image/svg+xml']);
    expectValidSticker(svgText(image));
    expect(svgText(image)).toContain(`data-rarity="${rarity}"`);
  });

  it('escalates the frame foil with rarity', () => {
    const common = render({ rarity: 'common' });
    const rare = render({ rarity: 'rare' });
    const superRare = render({ rarity: 'super_rare' });
    const secret = render({ rarity: 'secret' });
    expect(common).not.toMatch(/-foil"/);
    expect(rare).toContain('stop-color="#aab2bd"'); // silver
    expect(superRare).toContain('stop-color="#d4a017"'); // gold
    expect(secret).toMatch(/-foil-shimmer/); // prism hologram
    const secretFoil = secret.slice(
      secret.indexOf('-foil"'),
      secret.indexOf('</linearGradient>', secret.indexOf('-foil"')),
    );
    expect(new Set(secretFoil.match(/stop-color="#[0-9a-f]{6}"/g)).size).toBeGreaterThanOrEqual(8);
    expect(new Set([common, rare, superRare, secret]).size).toBe(4);
  });

  it.each(STICKER_ATTRIBUTES)('draws the %s emblem', (attribute) => {
    const svg = render({ attribute });
    expectValidSticker(svg);
    expect(svg).toContain(`data-attribute="${attribute}"`);
  });

  it('gives every attribute a distinct emblem glyph', () => {
    const glyphs = STICKER_ATTRIBUTES.map((attribute) => {
      const svg = render({ attribute });
      const emblem = svg.slice(svg.indexOf('data-part="emblem"'), svg.indexOf('data-part="rarity"'));
      return emblem.match(/<path d="[^"]+"/)?.[0];
    });
    expect(new Set(glyphs).size).toBe(STICKER_ATTRIBUTES.length);
  });

  it.each(STICKER_PATTERNS)('draws the %s pattern', (pattern) => {
    const svg = render({ style: { pattern } });
    expectValidSticker(svg);
    expect(svg).toContain(`data-pattern="${pattern}"`);
  });

  it.each(STICKER_FRAMES)('draws the %s frame', (frame) => {
    const svg = render({ style: { frame } });
    expectValidSticker(svg);
    expect(svg).toContain(`data-frame="${frame}"`);
  });

  describe('effects', () => {
    it('draws none when none are asked for', () => {
      const svg = render();
      expect(svg).not.toContain('<filter');
      expect(svg).not.toContain('data-part="sparkles"');
      expect(svg).not.toContain('data-part="holo"');
    });

    it('glow adds a filter used by the portrait and lettering', () => {
      const svg = render({ effects: { glow: true } });
      expectValidSticker(svg);
      expect(svg).toMatch(/<filter id="s[0-9a-f]{10}-glow"/);
      expect(svg.match(/filter="url\(#s[0-9a-f]{10}-glow\)"/g)?.length).toBeGreaterThanOrEqual(3);
    });

    it('sparkle scatters glints, more on rarer cards', () => {
      const glints = (rarity: StickerRenderInput['rarity']) => {
        const svg = render({ rarity, effects: { sparkle: true } });
        expectValidSticker(svg);
        const sparkles = svg.slice(svg.indexOf('data-part="sparkles"'));
        return sparkles.match(/<circle/g)?.length ?? 0;
      };
      expect(glints('common')).toBeGreaterThan(0);
      expect(glints('secret')).toBeGreaterThan(glints('common'));
    });

    it('holo lays a rainbow shimmer over the card', () => {
      const svg = render({ effects: { holo: true } });
      expectValidSticker(svg);
      expect(svg).toContain('data-part="holo"');
      expect(svg).toMatch(/<pattern id="s[0-9a-f]{10}-holo-lines"/);
    });

    it('all effects on every rarity stay well-formed', () => {
      for (const rarity of STICKER_RARITIES) {
        expectValidSticker(
          render({
            rarity,
            effects: { sparkle: true, glow: true, holo: true },
            style: { frame: 'ornate', pattern: 'stars' },
          }),
        );
      }
    });
  });

  describe('source image', () => {
    it('embeds the image as a base64 data URI clipped to the portrait window', () => {
      const svg = render({ sourceImage: { bytes: PIXEL_PNG, contentType: 'image/png' } });
      expectValidSticker(svg);
      expect(svg).toContain(`href="data:image/png;base64,${PIXEL_PNG.toString('base64')}"`);
      expect(svg).toMatch(/data-part="portrait" clip-path="url\(#s[0-9a-f]{10}-window\)"/);
      expect(svg).not.toContain('data-part="chibi"');
    });

    it('draws a procedural character without one', () => {
      expect(render()).toContain('data-part="chibi"');
      const chibi = (svg: string) => {
        // The chibi has no <rect>; the next one is the window border, which follows the rarity.
        const start = svg.indexOf('data-part="chibi"');
        return svg.slice(start, svg.indexOf('<rect', start));
      };
      expect(chibi(render({ characterName: 'Other' }))).not.toBe(chibi(render()));
      // The same character keeps its look on another title and rarity.
      expect(chibi(render({ title: 'Another', rarity: 'common' }))).toBe(chibi(render()));
    });

    it('rejects content types an SVG image must not embed', () => {
      for (const contentType of ['image/svg+xml', 'text/html', 'image/png"><script>']) {
        expect(() => render({ sourceImage: { bytes: PIXEL_PNG, contentType } })).toThrow(RangeError);
      }
    });

    it('depends on the image bytes', () => {
      const other = Buffer.concat([PIXEL_PNG, Buffer.from([0])]);
      expect(render({ sourceImage: { bytes: other, contentType: 'image/png' } })).not.toBe(
        render({ sourceImage: { bytes: PIXEL_PNG, contentType: 'image/png' } }),
      );
    });
  });

  describe('determinism', () => {
    it('gives identical bytes for the same input, whatever the key order', () => {
      const input: StickerRenderInput = {
        ...base,
        effects: { sparkle: true, glow: true, holo: true },
        style: { pattern: 'stars' },
      };
      const reordered = Object.fromEntries(Object.entries(input).reverse()) as StickerRenderInput;
      expect(renderSticker(reordered).bytes.equals(renderSticker(input).bytes)).toBe(true);
    });

    it('gives different bytes for different inputs', () => {
      const variants = [
        render(),
        render({ title: 'スーパーゼウス2' }),
        render({ characterName: 'ヘッドロココ2' }),
        render({ backgroundColor: '#3a7bd6' }),
        render({ attribute: 'fire' }),
        render({ rarity: 'secret' }),
        render({ effects: { sparkle: true } }),
        render({ style: { pattern: 'dots' } }),
      ];
      expect(new Set(variants).size).toBe(variants.length);
    });
  });

  describe('text', () => {
    it('writes Japanese titles as text, escaping only markup characters', () => {
      const svg = render({ title: '天使<ヘッド>&"聖"', characterName: 'ゆあちゃん' });
      expectValidSticker(svg);
      expect(svg).toContain('>天使&lt;ヘッド&gt;&amp;&quot;聖&quot;</text>');
      expect(textContents(svg, 'text')).toContain('天使<ヘッド>&"聖"');
      expect(textContents(svg, 'text')).toContain('ゆあちゃん');
    });

    it('never lets user text open an element', () => {
      const svg = render({
        title: '<script>alert(1)</script>',
        characterName: '"><image href="x" onerror="y"/>',
      });
      expectValidSticker(svg);
      expect(svg).not.toContain('<image');
      expect(svg).toContain('&quot;&gt;&lt;image href=&quot;x&quot;');
    });

    it('uses a Japanese-capable font stack', () => {
      expect(render()).toMatch(/font-family="[^"]*Noto Sans JP[^"]*Hiragino Sans[^"]*sans-serif"/);
    });

    it('shortens very long titles with an ellipsis', () => {
      const svg = render({ title: 'ビ'.repeat(80) });
      expect(textContents(svg, 'text')).toContain(`${'ビ'.repeat(27)}…`);
    });

    it('tolerates a background colour that is not #RRGGBB', () => {
      const svg = render({ backgroundColor: 'red" onload="x' });
      expectValidSticker(svg);
      expect(svg).not.toContain('onload');
      expect(render({ backgroundColor: '#ABCDEF' })).toContain('fill="#abcdef"');
    });
  });

  it('is exposed as an ImageGenerator', async () => {
    expect(stickerGenerator.name).toBe('procedural-svg/sticker');
    expect((await stickerGenerator.render(base)).bytes.equals(renderSticker(base).bytes)).toBe(true);
  });

  it('rasterises to a 600x840 PNG', () => {
    const png = renderStickerPng({
      ...base,
      rarity: 'secret',
      effects: { holo: true, glow: true, sparkle: true },
    });
    expect(png.contentType).toBe('image/png');
    expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.bytes.readUInt32BE(16), png.bytes.readUInt32BE(20)]).toEqual([600, 840]);
  });
});
