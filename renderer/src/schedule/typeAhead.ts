// Typing an activity code on the grid: "C" then Enter sets clinic, "cv" finds CV. Options are
// ranked so that an exact code comes first, then codes starting with the text, then names with a
// word starting with it, then names containing it. Pure, unit-tested; the picker uses the same order.

export interface PickOption {
  /** What Enter applies: an activity code, or a person id on call rows. */
  value: string;
  /** Short label shown in bold (the code, or a name). */
  code: string;
  name: string;
}

function rank(option: PickOption, q: string): number {
  const code = option.code.toLowerCase();
  const name = option.name.toLowerCase();
  if (code === q) return 0;
  if (code.startsWith(q)) return 1;
  if (name.split(/[\s\-–/()]+/).some((w) => w.startsWith(q))) return 2;
  if (name.includes(q) || code.includes(q)) return 3;
  return -1;
}

/** Options matching the typed text, best first (all options, in their order, for empty text). */
export function rankOptions<T extends PickOption>(options: readonly T[], typed: string): T[] {
  const q = typed.trim().toLowerCase();
  if (!q) return [...options];
  return options
    .map((o, i) => ({ o, i, r: rank(o, q) }))
    .filter((x) => x.r >= 0)
    .sort((a, b) => a.r - b.r || a.o.code.length - b.o.code.length || a.i - b.i)
    .map((x) => x.o);
}

/** What Enter applies for the typed text: the best match, or null when nothing matches. */
export function resolveTyped<T extends PickOption>(options: readonly T[], typed: string): T | null {
  if (!typed.trim()) return null;
  return rankOptions(options, typed)[0] ?? null;
}
