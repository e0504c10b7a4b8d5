import { describe, expect, it } from 'vitest';
import { element, escapeXml, formatNumber, pathData, svgDocument, textElement, translate } from './svg.ts';
import { assertWellFormedXml, textContents } from './testing.ts';

describe('escapeXml', () => {
  it('escapes the five XML special characters', () => {
    expect(escapeXml(`<a href="x">Tom & 'Jerry'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;',
    );
  });

  it('keeps Japanese and emoji untouched', () => {
    expect(escapeXml('天使ヘッド 🌟')).toBe('天使ヘッド 🌟');
  });

  it('drops characters XML 1.0 cannot carry, including lone surrogates', () => {
    expect(escapeXml('a\u0000b\u0007c\uFFFEd\uD800e')).toBe('abcde');
    expect(escapeXml('tab\tnew\nline')).toBe('tab\tnew\nline');
  });
});

describe('formatNumber', () => {
  it('uses fixed decimals without trailing zeros or negative zero', () => {
    expect(formatNumber(1)).toBe('1');
    expect(formatNumber(1.005)).toBe('1');
    expect(formatNumber(2 / 3)).toBe('0.67');
    expect(formatNumber(-0.001)).toBe('0');
    expect(formatNumber(1234.5678, 3)).toBe('1234.568');
  });

  it('refuses non-finite numbers instead of writing NaN into the markup', () => {
    expect(() => formatNumber(Number.NaN)).toThrow(RangeError);
  });
});

describe('builders', () => {
  it('formats numbers inside path data and transforms', () => {
    expect(pathData`M ${1 / 3} ${2}
      L ${10.126} ${-0}`).toBe('M 0.33 2 L 10.13 0');
    expect(translate(1 / 3, 2, { scale: 0.5, rotate: 45 })).toBe('translate(0.33 2) rotate(45) scale(0.5)');
  });

  it('escapes attribute values and text content, and omits undefined attributes', () => {
    expect(element('rect', { fill: '"red"', stroke: undefined, x: 1.234 })).toBe(
      '<rect fill="&quot;red&quot;" x="1.23"/>',
    );
    expect(textElement('text', {}, '<script>')).toBe('<text>&lt;script&gt;</text>');
  });

  it('produces a well-formed document whose title round-trips', () => {
    const title = 'ゆあちゃん <&> "quoted"';
    const svg = svgDocument({ width: 10, height: 20, title }, [element('rect', { width: 10, height: 20 })]);
    assertWellFormedXml(svg);
    expect(textContents(svg, 'title')).toEqual([title]);
  });
});
