// The current view lives in the URL hash; this store mirrors it so components subscribe to it.
import { create } from 'zustand';
import { DEFAULT_ROUTE, formatHash, parseHash, routeTo, withQuery, type Route, type ViewId } from '../lib/route';

interface RouteState extends Route {
  go(view: ViewId): void;
  /** Go to a view with some of its query set, e.g. the schedule at a block. */
  open(view: ViewId, patch: Record<string, string | null>): void;
  /** Change query parameters of the current view (`null` removes one). Replaces the history entry. */
  setQuery(patch: Record<string, string | null>): void;
}

function current(): Route {
  return typeof window === 'undefined' ? DEFAULT_ROUTE : parseHash(window.location.hash);
}

function write(route: Route, push: boolean) {
  const hash = formatHash(route);
  if (window.location.hash === hash) return;
  if (push) window.history.pushState(null, '', hash);
  else window.history.replaceState(null, '', hash);
}

export const useRoute = create<RouteState>()((set, get) => ({
  ...current(),
  go(view) {
    const next = routeTo(get(), view);
    write(next, true);
    set(next);
  },
  open(view, patch) {
    const next = withQuery(routeTo(get(), view), patch);
    write(next, true);
    set(next);
  },
  setQuery(patch) {
    const next = withQuery(get(), patch);
    write(next, false);
    set(next);
  },
}));

// Back/forward buttons and hand-edited URLs.
if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => useRoute.setState(parseHash(window.location.hash)));
  window.addEventListener('popstate', () => useRoute.setState(parseHash(window.location.hash)));
}
