import { describe, expect, it } from 'vitest';
import { assertWellFormedXml, svgRoot, svgText, textContents } from '../core/testing.ts';
import {
  CHARACTER_ASPECT_RATIOS,
  CHARACTER_EXPRESSIONS,
  CHARACTER_RESOLUTIONS,
  type CharacterFeatures,
  type CharacterRenderInput,
  HAIR_STYLES,
  renderCharacter,
  studioCharacterGenerator,
} from './render.ts';

// The sample character's features (docs/products/studio.md).
const seedFeatures: CharacterFeatures = {
  hair: { color: 'pink', style: 'long', length: 'waist' },
  eyes: { color: 'blue', shape: 'round' },
  outfit: { primary: 'white dress', secondary: 'ribbon', accessories: ['earrings'] },
  bodyType: 'slender',
};

const base: CharacterRenderInput = {
  name: 'ゆあちゃん',
  features: seedFeatures,
  expression: 'neutral',
  resolution: '1K',
  aspectRatio: '1:1',
};

function render(overrides: Partial<CharacterRenderInput> = {}): string {
  return svgText(renderCharacter({ ...base, ...overrides }));
}

/** The markup of one `data-part` group, with the per-render id prefix removed. */
function part(svg: string, name: string): string {
  const start = svg.indexOf(`<g data-part="${name}"`);
  expect(start).toBeGreaterThanOrEqual(0);
  const selfClosing = `<g data-part="${name}"/>`;
  if (svg.startsWith(selfClosing, start)) return selfClosing;
  let depth = 0;
  const tags = /<g[\s>]|<\/g>/g;
  tags.lastIndex = start;
  for (let match = tags.exec(svg); match; match = tags.exec(svg)) {
    depth += match[0] === '</g>' ? -1 : 1;
    if (depth === 0) return svg.slice(start, match.index + 4).replace(/c[0-9a-f]{10}-/g, 'ID-');
  }
  throw new Error(`unterminated group ${name}`);
}

describe('renderCharacter', () => {
  it.each(CHARACTER_EXPRESSIONS)('draws a well-formed, deterministic %s face', (expression) => {
    const input = {
      ...base,
      expression,
      customPrompt: expression === 'custom' ? 'wink and smile' : undefined,
    };
    const first = renderCharacter(input);
    const second = renderCharacter(structuredClone(input));
    assertWellFormedXml(svgText(first));
    expect(first.contentType).toBe('image/svg+xml');
    expect(second.bytes.equals(first.bytes)).toBe(true);
    expect(svgText(first)).not.toMatch(/<script/i);
  });

  it('gives every expression its own face', () => {
    const faces = CHARACTER_EXPRESSIONS.map((expression) => render({ expression, customPrompt: 'sleepy' }));
    expect(new Set(faces).size).toBe(CHARACTER_EXPRESSIONS.length);
  });

  it('keeps the same haircut, body and backdrop across expressions of one character', () => {
    const neutral = render({ expression: 'neutral' });
    for (const expression of ['happy', 'angry', 'sad', 'surprised'] as const) {
      const other = render({ expression });
      for (const name of ['hair-back', 'hair-front', 'body', 'background'])
        expect(part(other, name)).toBe(part(neutral, name));
      expect(part(other, 'mouth')).not.toBe(part(neutral, 'mouth'));
    }
  });

  it('draws the expression marks each standard expression calls for', () => {
    expect(part(render({ expression: 'sad' }), 'face-marks')).toContain('#9fd8ff');
    expect(part(render({ expression: 'angry' }), 'overlay-marks')).toContain('#e0303a');
    expect(part(render({ expression: 'happy' }), 'face-marks')).toContain('<ellipse');
    expect(part(render({ expression: 'neutral' }), 'face-marks')).toBe('<g data-part="face-marks"/>');
  });

  it('reads the custom prompt, and different prompts give different faces', () => {
    const crying = render({ expression: 'custom', customPrompt: 'crying with joy' });
    expect(part(crying, 'face-marks')).toContain('#9fd8ff');
    const unknownA = render({ expression: 'custom', customPrompt: 'thinking about dinner' });
    const unknownB = render({ expression: 'custom', customPrompt: 'looking at the stars' });
    expect(unknownA).not.toBe(unknownB);
    expect(render({ expression: 'custom', customPrompt: 'thinking about dinner' })).toBe(unknownA);
  });

  describe('sizes', () => {
    const longSide = { '1K': 1024, '2K': 2048, '4K': 4096 } as const;
    const cases = CHARACTER_RESOLUTIONS.flatMap((resolution) =>
      CHARACTER_ASPECT_RATIOS.map((aspectRatio) => [resolution, aspectRatio] as const),
    );

    it.each(cases)('%s at %s', (resolution, aspectRatio) => {
      const image = renderCharacter({ ...base, resolution, aspectRatio });
      const svg = svgText(image);
      assertWellFormedXml(svg);
      const root = svgRoot(svg);
      const [across, down] = aspectRatio.split(':').map(Number) as [number, number];
      expect(Math.max(image.width, image.height)).toBe(longSide[resolution]);
      expect(image.width / image.height).toBeCloseTo(across / down, 2);
      expect([root.width, root.height]).toEqual([image.width, image.height]);
      expect(root.viewBox[2] / root.viewBox[3]).toBeCloseTo(across / down, 2);
      expect(Math.min(root.viewBox[2], root.viewBox[3])).toBe(1000);
    });

    it('changes only the pixel size with resolution', () => {
      const small = render({ resolution: '1K' });
      const large = render({ resolution: '4K' });
      expect(large).not.toBe(small);
      expect(svgRoot(large).viewBox).toEqual(svgRoot(small).viewBox);
    });
  });

  describe('features', () => {
    it.each(HAIR_STYLES)('draws %s hair', (style) => {
      const svg = render({ features: { ...seedFeatures, hair: { color: 'pink', style } } });
      assertWellFormedXml(svg);
      expect(part(svg, 'hair-back')).not.toBe(
        part(
          render({
            features: {
              ...seedFeatures,
              hair: { color: 'pink', style: style === 'long' ? 'short' : 'long' },
            },
          }),
          'hair-back',
        ),
      );
    });

    it('maps colour names to hex and passes hex colours through', () => {
      expect(part(render(), 'hair-front')).toContain('fill="#f48fb1"');
      const hex = render({
        features: { ...seedFeatures, hair: { color: '#FF88AA', style: 'bob' }, eyes: { color: '#123abc' } },
      });
      expect(part(hex, 'hair-front')).toContain('fill="#ff88aa"');
      expect(hex).toContain('stop-color="#123abc"');
    });

    it('gives unknown colour words a stable colour of their own', () => {
      const moon = render({ features: { ...seedFeatures, hair: { color: 'moonlight', style: 'long' } } });
      const sun = render({ features: { ...seedFeatures, hair: { color: 'sunset', style: 'long' } } });
      expect(part(moon, 'hair-front')).not.toBe(part(sun, 'hair-front'));
      expect(render({ features: { ...seedFeatures, hair: { color: 'moonlight', style: 'long' } } })).toBe(
        moon,
      );
    });

    it('draws outfits and accessories from the description', () => {
      const features: CharacterFeatures = {
        hair: { color: 'black', style: 'ponytail' },
        eyes: { color: 'red', shape: 'sharp' },
        outfit: { type: 'sailor uniform', colors: ['white', 'navy'] },
        accessories: ['glasses', 'cat ears', 'headphones', 'hairclip', 'choker'],
      };
      const svg = render({ features });
      assertWellFormedXml(svg);
      expect(part(svg, 'accessories-back')).toContain('#f7b6c8');
      expect(part(svg, 'accessories-front').match(/<rect/g)?.length).toBeGreaterThanOrEqual(3);
      expect(svg).not.toBe(render({ features: { ...features, outfit: { type: 'kimono' } } }));
    });
  });

  describe('text safety', () => {
    it('keeps Japanese names readable in the title and caption', () => {
      const svg = render({ name: '天使ヘッド' });
      expect(textContents(svg, 'title')).toEqual(['天使ヘッド']);
      expect(textContents(svg, 'text')).toEqual(['天使ヘッド']);
      expect(svg).toContain('>天使ヘッド</text>');
    });

    it('escapes markup characters in user text', () => {
      const name = 'A<b>&"c"</b>';
      const svg = render({ name, expression: 'custom', customPrompt: '"><script>alert(1)</script>' });
      assertWellFormedXml(svg);
      expect(svg).toContain('A&lt;b&gt;&amp;&quot;c&quot;&lt;/b&gt;');
      expect(svg).not.toMatch(/<script/i);
      expect(svg).not.toContain('<b>');
      expect(textContents(svg, 'title')).toEqual([name]);
    });

    it('survives control characters and very long names', () => {
      const svg = render({ name: `bad\u0000\u001bname${'長'.repeat(200)}` });
      assertWellFormedXml(svg);
      expect(textContents(svg, 'text')[0]).toMatch(/^badname長+…$/);
    });

    it('uses a Japanese-capable font stack', () => {
      expect(render()).toContain('font-family="&apos;Noto Sans JP&apos;, &apos;Hiragino Sans&apos;');
    });
  });

  it('is exposed as an ImageGenerator', async () => {
    expect(studioCharacterGenerator.name).toBe('procedural-svg/studio-character');
    const image = await studioCharacterGenerator.render(base);
    expect(image.bytes.equals(renderCharacter(base).bytes)).toBe(true);
  });
});
