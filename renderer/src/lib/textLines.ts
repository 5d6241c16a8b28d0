// How many lines a text takes when it wraps at spaces in a given width and font: what a row's
// height must know before the row is drawn (the grid's rows are laid out before they render).
let context: CanvasRenderingContext2D | null | undefined;

/** The width of one line of `text` in `font` (CSS shorthand), as the page draws it. */
export function textWidth(text: string, font: string): number {
  if (context === undefined)
    context = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  if (!context) {
    // No canvas (tests under Node): a bold sans-serif letter is about 0.62 em wide.
    const px = Number(/(\d+(?:\.\d+)?)px/.exec(font)?.[1] ?? 12);
    return text.length * px * 0.62;
  }
  context.font = font;
  return context.measureText(text).width;
}

const cache = new Map<string, number>();

/** `font` as CSS writes it ("600 11px Inter, sans-serif"); at least 1. */
export function wrappedLines(text: string, font: string, width: number): number {
  const key = `${font}|${width}|${text}`;
  const known = cache.get(key);
  if (known !== undefined) return known;
  // A little slack: the browser's line breaking and the canvas can differ by a pixel or two.
  const room = width - 2;
  const space = textWidth(' ', font);
  let lines = 1;
  let used = 0;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const w = textWidth(word, font);
    if (used > 0 && used + space + w > room) {
      lines++;
      used = 0;
    }
    // A word wider than the line breaks inside itself (overflow-wrap: anywhere).
    if (w > room) {
      lines += Math.ceil(w / room) - 1;
      used = w % room;
    } else used += (used > 0 ? space : 0) + w;
  }
  cache.set(key, lines);
  return lines;
}

/** The body's font family, for measuring text the way the page draws it. */
export function pageFontFamily(): string {
  return typeof document === 'undefined' ? 'sans-serif' : getComputedStyle(document.body).fontFamily || 'sans-serif';
}
