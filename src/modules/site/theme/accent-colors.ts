// The newsroom picks one accent colour; the theme needs it in three roles that must stay
// readable whatever was picked: as a fill, as text on white, and behind text.

export interface AccentPalette {
  /** The colour as chosen, for fills and rules. */
  accent: string;
  /** The accent darkened until it reads as text on white (contrast >= 4.5:1). */
  ink: string;
  /** Text colour to put on an accent fill: white when it reads (>= 4.5:1), else near-black. */
  onAccent: string;
}

const HEX = /^#([0-9a-f]{6})$/i;
const WHITE = 1;
const NEAR_BLACK = '#111111';
export const MIN_TEXT_CONTRAST = 4.5;

function channels(hex: string): [number, number, number] {
  const match = HEX.exec(hex);
  if (!match) throw new RangeError(`not a #rrggbb colour: ${hex}`);
  const n = parseInt(match[1]!, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

const toHex = (rgb: number[]) => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

/** WCAG relative luminance. */
export function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

function contrastWithWhite(hex: string): number {
  return (WHITE + 0.05) / (luminance(hex) + 0.05);
}

export function accentPalette(accent: string): AccentPalette {
  const rgb = channels(accent);
  let ink = toHex(rgb);
  // Darken in small steps towards black: keeps the hue, stops as soon as text reads.
  for (let k = 1; contrastWithWhite(ink) < MIN_TEXT_CONTRAST && k <= 20; k++) {
    ink = toHex(rgb.map((c) => c * (1 - k * 0.05)));
  }
  const onAccent = contrastWithWhite(accent) >= MIN_TEXT_CONTRAST ? '#ffffff' : NEAR_BLACK;
  return { accent: accent.toLowerCase(), ink, onAccent };
}

/** The CSS custom properties the theme's stylesheet reads. */
export function accentCss(accent: string): string {
  const p = accentPalette(accent);
  return `:root{--accent:${p.accent};--accent-ink:${p.ink};--on-accent:${p.onAccent}}\n`;
}
