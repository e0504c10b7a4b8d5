import { describe, expect, it } from 'vitest';
import { colorFromText, hashColor, hslToHex, parseHexColor, resolveColor } from './color.ts';

describe('colours from free text', () => {
  it('normalises hex notations', () => {
    expect(parseHexColor('#FF88AA')).toBe('#ff88aa');
    expect(parseHexColor('f8a')).toBe('#ff88aa');
    expect(parseHexColor('#ggg')).toBeUndefined();
  });

  it('finds colour names inside descriptions, in English and Japanese', () => {
    expect(resolveColor('pink')).toBe('#f48fb1');
    expect(colorFromText('white dress')).toBe('#f7f7fa');
    expect(colorFromText('hot pink ribbon')).toBe('#ff5fa2');
    expect(colorFromText('水色の髪')).toBe('#7cc4f2');
    expect(colorFromText('light blue')).not.toBe(colorFromText('blue'));
  });

  it('does not match colour names inside other words', () => {
    expect(colorFromText('reddish')).toBeUndefined();
  });

  it('falls back to a stable hash colour', () => {
    expect(resolveColor('moonlight')).toBe(hashColor('moonlight'));
    expect(resolveColor('moonlight')).toMatch(/^#[0-9a-f]{6}$/);
    expect(resolveColor('starlight')).not.toBe(resolveColor('moonlight'));
  });

  it('converts HSL', () => {
    expect([hslToHex(0, 100, 50), hslToHex(120, 100, 50), hslToHex(240, 100, 50)]).toEqual([
      '#ff0000',
      '#00ff00',
      '#0000ff',
    ]);
  });
});
