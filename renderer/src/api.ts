// The renderer's only door to the program: `window.api`, exposed by the Electron preload or the
// browser test host, typed by the one API contract. Only types are imported from core.
import type { Api, ApiErrorData } from '../../core/api/contract';

declare global {
  interface Window {
    api: Api;
  }
}

export type { Api };

/** Methods called while a read is being recorded (see recordCalls). */
let recording: Set<string> | null = null;

const unauthenticatedListeners = new Set<() => void>();
/** Called whenever a call is refused because nobody is signed in (the sign-in screen listens). */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

let watched: { source: Api; client: Api } | null = null;

/** window.api with every method watching for `unauthenticated` refusals. */
function watchedClient(source: Api): Api {
  const client: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(source)) {
    client[name] =
      typeof value === 'function' && name.includes('.')
        ? (input: unknown) =>
            (value as (input: unknown) => Promise<unknown>)(input).catch((err: unknown) => {
              if ((err as { data?: { code?: string } } | null)?.data?.code === 'unauthenticated')
                for (const listener of [...unauthenticatedListeners]) listener();
              throw err;
            })
        : value;
  }
  return client as unknown as Api;
}

/** The API, or a clear failure when the page was opened without a host that provides it. */
export function api(): Api {
  if (!window.api) throw new Error('The scheduling engine is not connected (window.api is missing).');
  if (watched?.source !== window.api) watched = { source: window.api, client: watchedClient(window.api) };
  if (!recording) return watched.client;
  const calls = recording;
  return new Proxy(watched.client, {
    get(target, method, receiver) {
      if (typeof method === 'string') calls.add(method);
      return Reflect.get(target, method, receiver);
    },
  });
}

/** Run `read` and note which API methods it calls synchronously (what the read depends on). */
export function recordCalls<T>(read: () => T): { value: T; methods: ReadonlySet<string> } {
  const previous = recording;
  const methods = new Set<string>();
  recording = methods;
  try {
    return { value: read(), methods };
  } finally {
    recording = previous;
  }
}

/**
 * Errors from window.api carry `.data = { code, message, issues? }` (the client generated from
 * the contract raises nothing else, and its codes are the contract's one list). Anything else (a
 * bug) becomes an `internal` error with its message, so the UI has one shape to show.
 */
export function toApiError(err: unknown): ApiErrorData {
  const data = (err as { data?: Partial<ApiErrorData> } | null)?.data;
  if (data && typeof data.message === 'string' && typeof data.code === 'string') {
    const issues = Array.isArray(data.issues)
      ? data.issues.filter((i) => i && typeof i.path === 'string' && typeof i.message === 'string')
      : undefined;
    return { code: data.code as ApiErrorData['code'], message: data.message, ...(issues ? { issues } : {}) };
  }
  const message = err instanceof Error ? err.message : typeof err === 'string' ? err : 'Unexpected error';
  return { code: 'internal', message };
}
