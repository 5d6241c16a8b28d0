// The condensed face the block grid draws its codes and names on call in, bundled with the app
// (no workstation font is assumed): the grid sizes its columns by measuring text in it, so the same
// program lays out alike on every workstation and a 4-letter code fits a compact half-day.
import '@fontsource-variable/roboto-condensed/wght.css';

/** CSS font-family of the grid's condensed text, the page's own font behind it. */
export const CONDENSED_FONT = '"Roboto Condensed Variable"';

/** Resolves once the condensed face is ready to measure (or could not be loaded: the fallback is measured). */
export function condensedFontReady(): Promise<unknown> {
  return document.fonts.load(`500 10px ${CONDENSED_FONT}`, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ abc').catch(() => undefined);
}
