// Colours for activity codes: text colour chosen for contrast against the activity's colour
// (WCAG relative luminance), and a light tint for backgrounds.

function channels(hex: string): [number, number, number] | null {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return null;
  const n = parseInt(m[1], 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** WCAG 2 relative luminance of `#rrggbb` (0 = black, 1 = white). */
export function relativeLuminance(hex: string): number {
  const c = channels(hex);
  if (!c) throw new RangeError(`Not a colour as #rrggbb: "${hex}"`);
  const [r, g, b] = c.map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

// Pure black: with white as the other choice, one of them always reaches WCAG AA (4.5:1).
export const DARK_TEXT = '#000000';
export const LIGHT_TEXT = '#ffffff';

const textColorCache = new Map<string, string>();

/** The text colour (near-black or white) with the higher contrast on `background`. */
export function textColorOn(background: string): string {
  let text = textColorCache.get(background);
  if (text === undefined) {
    text = contrastRatio(background, DARK_TEXT) >= contrastRatio(background, LIGHT_TEXT) ? DARK_TEXT : LIGHT_TEXT;
    textColorCache.set(background, text);
  }
  return text;
}

/** `#rrggbb` mixed with white; `amount` 0 = the colour, 1 = white. Falls back to grey. */
export function tint(hex: string, amount: number): string {
  const c = channels(hex) ?? [128, 128, 128];
  const mixed = c.map((v) => Math.round(v + (255 - v) * amount));
  return `#${mixed.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

/** A safe colour for display: the value when it is `#rrggbb`, else neutral grey. */
export function safeColor(hex: string | null | undefined): string {
  return hex && channels(hex) ? hex : '#9ca3af';
}
