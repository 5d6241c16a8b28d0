// The current view lives in the URL hash; this store mirrors it so components subscribe to it.
import { createUserStore, onSignOut } from './store';
import {
  DEFAULT_ROUTE,
  editingDraftAfter,
  formatHash,
  navigateTo,
  parseHash,
  routeTo,
  withQuery,
  type Route,
  type ViewId,
} from './routeHash';

interface RouteState extends Route {
  /** The draft the user was editing in Schedule (its id as in the URL), kept while they are elsewhere. */
  editingDraft: string | null;
  /** Go to a view through the navigation (Schedule and Compliance open on the draft being edited). */
  go(view: ViewId): void;
  /** Go to a view with some of its query set, e.g. the schedule at a block. */
  open(view: ViewId, patch: Record<string, string | null>): void;
  /** Change query parameters of the current view (`null` removes one). Replaces the history entry. */
  setQuery(patch: Record<string, string | null>): void;
  /** The draft was published or discarded: the navigation no longer opens it. */
  forgetEditingDraft(draftId: number): void;
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

export const useRoute = createUserStore<RouteState>((set, get) => ({
  ...current(),
  editingDraft: null,
  go(view) {
    const s = get();
    const editingDraft = editingDraftAfter(s, s.editingDraft);
    const next = navigateTo(s, view, editingDraft);
    write(next, true);
    set({ ...next, editingDraft });
  },
  open(view, patch) {
    const s = get();
    const next = withQuery(routeTo(s, view), patch);
    write(next, true);
    set({ ...next, editingDraft: editingDraftAfter(s, s.editingDraft) });
  },
  setQuery(patch) {
    const next = withQuery(get(), patch);
    write(next, false);
    set(next);
  },
  forgetEditingDraft(draftId) {
    if (get().editingDraft === String(draftId)) set({ editingDraft: null });
  },
}));

/** Back/forward or a typed URL moved the user: what they left still counts. */
function follow() {
  useRoute.setState((s) => ({
    ...parseHash(window.location.hash),
    editingDraft: editingDraftAfter(s, s.editingDraft),
  }));
}

// Back/forward buttons and hand-edited URLs.
if (typeof window !== 'undefined') {
  // The next user starts at the app's start (their role's own), not on the view or draft the last one had open.
  onSignOut(() => window.history.replaceState(null, '', window.location.pathname + window.location.search));
  window.addEventListener('hashchange', follow);
  window.addEventListener('popstate', follow);
}
