// Work on the main thread done in steps: a generator that yields between its parts, so a caller
// can let other work run between two (stepsInTurns) or run it all at once (finish).

/** Runs steps to the end in one go: what they return. */
export function finish<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
