// Worker side of the pool: turns a typed task function into the handler piscina calls. The handler
// reports progress through the transferred port, lets the task poll the cooperative stop flag,
// and always posts `end` last so the caller knows every progress message has arrived.
import { move, transferableSymbol, valueSymbol } from 'piscina';
import type {
  PortMessage,
  TaskInputOf,
  TaskMessage,
  TaskName,
  TaskProgress,
  TaskProgressOf,
  TaskResultOf,
} from './tasks';

export interface TaskContext<P, R = unknown> {
  progress(p: P): void;
  /** True once the caller asked to stop gracefully: return the best result so far. */
  stopRequested(): boolean;
  /**
   * What the task would return if stopped now, for a task that cannot always poll the stop: the
   * pool ends a task that does not answer a stop in time and returns its last interim result.
   */
  interim(result: R): void;
}

/** The handler for any task shape; worker files normally use `defineTask` below. */
export function defineTaskHandler<I, P extends TaskProgress, R>(
  run: (input: I, ctx: TaskContext<P, R>) => R | Promise<R>,
): (message: TaskMessage<I>) => Promise<R> {
  return async function handle(message) {
    const { port, stopFlag } = message;
    const flag = new Int32Array(stopFlag);
    const post = (m: PortMessage<P, R>) => port.postMessage(m);
    try {
      return await run(message.input, {
        progress: (progress) => post({ type: 'progress', progress }),
        stopRequested: () => Atomics.load(flag, 0) !== 0,
        interim: (result) => post({ type: 'interim', result }),
      });
    } finally {
      post({ type: 'end' });
      port.close();
    }
  };
}

/** A task of the shared task map: `export default defineTask('calendar', (input, ctx) => …)`. */
export function defineTask<K extends TaskName>(
  _name: K,
  run: (
    input: TaskInputOf<K>,
    ctx: TaskContext<TaskProgressOf<K>, TaskResultOf<K>>,
  ) => TaskResultOf<K> | Promise<TaskResultOf<K>>,
) {
  return defineTaskHandler<TaskInputOf<K>, TaskProgressOf<K>, TaskResultOf<K>>(run);
}

/**
 * A task's result whose byte arrays move to the calling thread instead of being copied there (the
 * structured clone of a year's files, 65 MB of calendars, was seconds of the main thread's time).
 * Only arrays that own their whole buffer move; a view into a shared or pooled buffer is copied.
 */
export function moving<R extends object>(result: R, arrays: readonly Uint8Array[]): R {
  const buffers = new Set<ArrayBuffer>();
  for (const a of arrays)
    if (a.buffer instanceof ArrayBuffer && a.byteOffset === 0 && a.byteLength === a.buffer.byteLength)
      buffers.add(a.buffer);
  return move({ [transferableSymbol]: [...buffers], [valueSymbol]: result }) as unknown as R;
}
