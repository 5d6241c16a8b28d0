import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  contrastRatio,
  DARK_TEXT,
  LIGHT_TEXT,
  relativeLuminance,
  safeColor,
  textColorOn,
  tint,
} from '../../renderer/src/lib/colors';

describe('activity colours (renderer)', () => {
  it('computes WCAG luminance and contrast', () => {
    expect(relativeLuminance('#000000')).toBe(0);
    expect(relativeLuminance('#ffffff')).toBeCloseTo(1, 10);
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(() => relativeLuminance('red')).toThrow(/#rrggbb/);
  });

  it('puts dark text on light colours and white text on dark ones', () => {
    expect(textColorOn('#ffffff')).toBe(DARK_TEXT);
    expect(textColorOn('#fde68a')).toBe(DARK_TEXT);
    expect(textColorOn('#1e3a8a')).toBe(LIGHT_TEXT);
    expect(textColorOn('#000000')).toBe(LIGHT_TEXT);
  });

  it('always picks the text colour with at least 4.5:1 or the better of the two', () => {
    const hex = fc.integer({ min: 0, max: 0xffffff }).map((n) => `#${n.toString(16).padStart(6, '0')}`);
    fc.assert(
      fc.property(hex, (bg) => {
        const chosen = textColorOn(bg);
        const other = chosen === DARK_TEXT ? LIGHT_TEXT : DARK_TEXT;
        expect(contrastRatio(bg, chosen)).toBeGreaterThanOrEqual(contrastRatio(bg, other));
        // With near-black and white to choose from, the better one always reaches 4.5:1.
        expect(contrastRatio(bg, chosen)).toBeGreaterThanOrEqual(4.5);
      }),
      { numRuns: 3000 },
    );
  });

  it('tints towards white and falls back to grey for bad colours', () => {
    expect(tint('#000000', 0.5)).toBe('#808080');
    expect(tint('#336699', 0)).toBe('#336699');
    expect(tint('#336699', 1)).toBe('#ffffff');
    expect(safeColor('#12abef')).toBe('#12abef');
    expect(safeColor('url(x)')).toBe('#9ca3af');
    expect(safeColor(null)).toBe('#9ca3af');
  });
});
