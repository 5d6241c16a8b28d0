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

/**
 * Wrap every contract method of a client so its rejections survive contextBridge; the other
 * members (onDataChange, which returns an unsubscribe function) pass through as they are.
 */
export function bridgeSafe<C extends object>(client: C, methodNames: readonly string[]): C {
  const out: Record<string, unknown> = { ...(client as Record<string, unknown>) };
  const methods = client as unknown as Record<string, (input: unknown) => Promise<unknown>>;
  for (const name of methodNames) {
    const fn = methods[name];
    out[name] = (input: unknown) => fn(input).catch((err: unknown) => Promise.reject(toBridgeRejection(err)));
  }
  return out as C;
}
