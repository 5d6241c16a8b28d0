// Read data from window.api for a key; re-reads when the key changes or a write made one of the
// methods the read calls stale (state/data.ts). Keeps the previous data while a new read runs,
// so tables do not flicker. Views that read the same key at once (the swaps badge and the dashboard's
// card, say) share one request, as long as no write came between: a read is never answered with data
// asked for before a write.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiErrorData } from '../../../core/api/contract';
import { recordCalls, toApiError } from '../api';
import { onStale, touches } from '../state/data';

export interface QueryResult<T> {
  data: T | undefined;
  /** Key the data belongs to (differs from the requested key while a new read runs). */
  dataKey: string | null;
  error: ApiErrorData | null;
  loading: boolean;
  reload(): void;
}

interface SharedRead {
  value: Promise<unknown>;
  methods: ReadonlySet<string>;
  /** The writes seen when it was asked (a read asked before a write is not shared after it). */
  writes: number;
}
const inFlight = new Map<string, SharedRead>();
let writes = 0;
// Registered before any view's listener, so a write is counted before the views re-read.
onStale(() => {
  writes++;
});

/** The read in flight for `key` since the last write, or a new one. */
function sharedRead(key: string, read: () => Promise<unknown>): SharedRead {
  const current = inFlight.get(key);
  if (current && current.writes === writes) return current;
  const { value, methods } = recordCalls(read);
  const shared: SharedRead = { value, methods, writes };
  inFlight.set(key, shared);
  const forget = () => {
    if (inFlight.get(key) === shared) inFlight.delete(key);
  };
  value.then(forget, forget);
  return shared;
}

/** `key` null = nothing to read yet (e.g. the academic year is not known). */
export function useApiQuery<T>(key: string | null, read: () => Promise<T>): QueryResult<T> {
  const [state, setState] = useState<{ data: T | undefined; dataKey: string | null; error: ApiErrorData | null }>({
    data: undefined,
    dataKey: null,
    error: null,
  });
  const [loading, setLoading] = useState(false);
  const [retry, setRetry] = useState(0);
  const readRef = useRef(read);
  readRef.current = read;
  /** The methods the last read called: a write that makes one stale re-reads. */
  const calls = useRef<ReadonlySet<string>>(new Set());

  useEffect(() => onStale((stale) => touches(stale, calls.current) && setRetry((n) => n + 1)), []);

  useEffect(() => {
    if (key === null) return;
    let live = true;
    setLoading(true);
    const { value, methods } = sharedRead(key, () => readRef.current());
    calls.current = methods;
    (value as Promise<T>)
      .then((data) => live && setState({ data, dataKey: key, error: null }))
      .catch((err) => live && setState((s) => ({ ...s, error: toApiError(err) })))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [key, retry]);

  const reload = useCallback(() => setRetry((n) => n + 1), []);
  return { ...state, loading, reload };
}
