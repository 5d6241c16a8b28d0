// Worker side of the pool: turns a typed task function into the handler piscina calls. The handler
// reports progress through the transferred port, lets the task poll the cooperative stop flag,
// and always posts `end` last so the caller knows every progress message has arrived.
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
