// Counting words as coordinators write them ("1 half-day", "3 half-days"): one definition for
// findings, solver messages, services and the CLI, so no message says "half-day(s)".

/** A number with at most one decimal; more when one decimal would hide that it differs from `limit`. */
export function formatNumber(value: number, limit?: number): string {
  for (let digits = 1; digits <= 3; digits++) {
    const text = trimZeros(value.toFixed(digits));
    if (limit === undefined || value === limit || Number(text) !== limit) return text;
  }
  return trimZeros(value.toFixed(4));
}

/** "2.50" → "2.5", "3.0" → "3". */
export function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/** "1 day", "3 days", "2 people" (with `many`). */
export function plural(n: number, one: string, many?: string): string {
  return `${formatNumber(n)} ${countedWord(n, one, many)}`;
}

/** The word for a count without the number: "block 3", "blocks 3 and 4". */
export function countedWord(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}
