// Long work on the main thread (saving or reading a year's draft) goes in parts; between two parts
// everything else waiting on the event loop runs first (requests, timers), so the app keeps answering.
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Items serialised at once by jsonArrayInParts. */
const ITEMS_PER_TURN = 2_000;

/**
 * JSON.stringify(items) — the same text — built a slice at a time with a turn of the event loop
 * between slices: a year's generation explanations are tens of megabytes of JSON.
 */
export async function jsonArrayInParts(items: readonly unknown[]): Promise<string> {
  const parts: string[] = [];
  for (let i = 0; i < items.length; i += ITEMS_PER_TURN) {
    if (i > 0) await nextTurn();
    // An array's JSON is its elements' JSON joined by commas (undefined elements become null in both).
    parts.push(JSON.stringify(items.slice(i, i + ITEMS_PER_TURN)).slice(1, -1));
  }
  return `[${parts.join(',')}]`;
}
