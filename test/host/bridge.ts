// Loaded by the test host before the renderer: gives the page the same `window.api` the Electron
// preload exposes, generated from the one contract, over HTTP POST instead of IPC.
import { contract } from '../../core/api/contract';
import { createClient, type Envelope } from '../../core/api/kit';

async function transport(method: string, payload: unknown): Promise<Envelope<unknown>> {
  const response = await fetch(`/api/${encodeURIComponent(method)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify(payload ?? null),
  });
  const text = await response.text();
  try {
    return JSON.parse(text) as Envelope<unknown>;
  } catch {
    // Not an envelope (e.g. a 403 from the host's guards): surface it as an API error.
    return {
      ok: false,
      error: { code: 'internal', message: `HTTP ${response.status} from the test host: ${text.slice(0, 200)}` },
    };
  }
}

(window as unknown as { api: unknown }).api = Object.freeze(createClient(contract, transport));
