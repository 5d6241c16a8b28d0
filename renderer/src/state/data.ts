// Keeping open views current after writes. window.api announces every successful command with
// the queries it made stale (from the contract's `writes` and `areas`); a reader re-reads only
// when a method it called is among them. Work that writes in the background (a generation job)
// has no command to announce it, so its owner calls refreshAll() when it ends.
import { api } from '../api';

/** The query methods now stale, or 'all' (re-read everything). */
export type Staleness = ReadonlySet<string> | 'all';
type Listener = (stale: Staleness) => void;

const listeners = new Set<Listener>();
let connected = false;

function emit(stale: Staleness) {
  for (const listener of [...listeners]) listener(stale);
}

function connect() {
  if (connected || typeof window === 'undefined' || !window.api) return;
  connected = true;
  api().onDataChange((change) => {
    if (change.stale.length > 0) emit(new Set(change.stale));
  });
}

/** Call `listener` after every write that made some query stale; returns the unsubscribe. */
export function onStale(listener: Listener): () => void {
  connect();
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** Whether a reader that called `methods` must re-read (one that called none re-reads always). */
export function touches(stale: Staleness, methods: ReadonlySet<string> | readonly string[]): boolean {
  if (stale === 'all') return true;
  const list = [...methods];
  return list.length === 0 || list.some((m) => stale.has(m));
}

/** Something wrote outside a command (a background job finished): every reader re-reads. */
export function refreshAll(): void {
  emit('all');
}
