// Long work on the main thread (saving or reading a year's draft) goes in parts; between two parts
// everything else waiting on the event loop runs first (requests, timers), so the app keeps answering.
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
