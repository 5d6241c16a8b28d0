// Counting words as people write them: one formatting function, used by every view.

/** "1 half-day", "3 half-days", "2 people" (with `many`). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
