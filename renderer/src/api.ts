// The renderer's only door to the program: `window.api`, exposed by the Electron preload or the
// browser test host, typed by the one API contract. Only types are imported from core.
import type { Api, ApiErrorData } from '../../core/api/contract';

declare global {
  interface Window {
    api: Api;
  }
}

export type { Api };

/** The API, or a clear failure when the page was opened without a host that provides it. */
export function api(): Api {
  if (!window.api) throw new Error('The scheduling engine is not connected (window.api is missing).');
  return window.api;
}

const CODES: readonly ApiErrorData['code'][] = ['invalid_input', 'not_found', 'conflict', 'rejected', 'internal', 'unknown_method'];

/**
 * Errors from window.api carry `.data = { code, message, issues? }`. Anything else (a transport
 * failure, a bug) becomes an `internal` error with its message, so the UI has one shape to show.
 */
export function toApiError(err: unknown): ApiErrorData {
  const data = (err as { data?: Partial<ApiErrorData> } | null)?.data;
  if (data && typeof data.message === 'string' && CODES.includes(data.code as ApiErrorData['code'])) {
    const issues = Array.isArray(data.issues)
      ? data.issues.filter((i) => i && typeof i.path === 'string' && typeof i.message === 'string')
      : undefined;
    return { code: data.code as ApiErrorData['code'], message: data.message, ...(issues ? { issues } : {}) };
  }
  const message = err instanceof Error ? err.message : typeof err === 'string' ? err : 'Unexpected error';
  return { code: 'internal', message };
}
