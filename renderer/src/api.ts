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

/** The API, or a clear failure when the page was opened without a host that provides it. */
export function api(): Api {
  if (!window.api) throw new Error('The scheduling engine is not connected (window.api is missing).');
  if (!recording) return window.api;
  const calls = recording;
  return new Proxy(window.api, {
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
