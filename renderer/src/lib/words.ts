// Counting words as people write them: one formatting function, used by every view.

/** "1 half-day", "3 half-days", "2 people" (with `many`). */
export function plural(n: number, one: string, many?: string): string {
  return `${n} ${countedWord(n, one, many)}`;
}

/** The word that follows a count: `one` for 1, else `many` ("nights" when not given). */
export function countedWord(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}

/** An id in words, for one that has no name of its own: `block_end_advising` → "Block end advising". */
export function idInWords(id: string): string {
  const words = id.replace(/[_-]+/g, ' ').trim();
  return words ? words[0].toUpperCase() + words.slice(1) : id;
}

/** "12.3%", "<0.1%" (a share already in percent). */
export function pct(n: number): string {
  if (n === 0) return '0%';
  if (n < 0.1) return '<0.1%';
  return `${Math.round(n * 10) / 10}%`;
}
