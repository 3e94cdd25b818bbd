import { describe, expect, it } from 'vitest';
import { accentCss, accentPalette, contrast, MIN_TEXT_CONTRAST } from './accent-colors.ts';

describe('accent palette', () => {
  it('keeps a dark enough accent as it is', () => {
    const p = accentPalette('#B8402A');
    expect(p).toEqual({ accent: '#b8402a', ink: '#b8402a', onAccent: '#ffffff' });
  });

  it('darkens a light accent until it reads as text, and puts dark text on it', () => {
    for (const accent of ['#ffd400', '#7fd1ff', '#ff8800', '#ffffff']) {
      const p = accentPalette(accent);
      expect(contrast(p.ink, '#ffffff'), accent).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
      expect(contrast(p.onAccent, accent), accent).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
    }
  });

  it('becomes CSS custom properties, never anything else', () => {
    expect(accentCss('#b8402a')).toBe(':root{--accent:#b8402a;--accent-ink:#b8402a;--on-accent:#ffffff}\n');
    expect(() => accentCss('red;}body{display:none')).toThrow(RangeError);
  });
});
