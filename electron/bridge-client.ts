// The client the preload exposes. contextBridge copies a rejected Error as its message only, so
// an API error would lose its structured data (code, issues); rejecting with a plain object keeps
// it: the renderer reads `err.data` either way (test host and Electron alike).
import { ApiCallError, type ApiErrorData } from '../core/api/kit';

export interface BridgeRejection {
  name: string;
  message: string;
  data: ApiErrorData;
}

export function toBridgeRejection(err: unknown): BridgeRejection {
  if (err instanceof ApiCallError) return { name: err.name, message: err.message, data: err.data };
  const message = err instanceof Error ? err.message : String(err);
  return { name: 'ApiCallError', message, data: { code: 'internal', message } };
}

/** Wrap every method of a client so its rejections survive contextBridge. */
export function bridgeSafe<C extends Record<string, (input: never) => Promise<unknown>>>(client: C): C {
  const out: Record<string, (input: never) => Promise<unknown>> = {};
  for (const [name, fn] of Object.entries(client)) {
    out[name] = (input) => fn(input).catch((err: unknown) => Promise.reject(toBridgeRejection(err)));
  }
  return out as C;
}
