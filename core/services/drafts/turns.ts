// Long work on the main thread (saving or reading a year's draft) goes in parts; between two parts
// everything else waiting on the event loop runs first (requests, timers), so the app keeps answering.
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Runs steps (work that yields between its parts) to the end, a turn of the event loop (or `pause`) at each yield. */
export async function stepsInTurns<T>(steps: Generator<void, T>, pause = nextTurn): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await pause();
  }
}
