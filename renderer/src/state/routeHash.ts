// Hash routes (`#/schedule?ay=2026&block=5`): the view and its query survive a reload and need
// no server. Pure functions, so the parsing is unit-tested.

export const VIEW_IDS = [
  'dashboard',
  'schedule',
  'people',
  'rotations',
  'absences',
  'duty',
  'compliance',
  'contingency',
  'swaps',
  'drafts',
  'review',
  'export',
  'import',
  'settings',
  'person',
  'accounts',
] as const;
export type ViewId = (typeof VIEW_IDS)[number];

export interface Route {
  view: ViewId;
  /** Query parameters, e.g. { ay: '2026', block: '5' }. */
  query: Record<string, string>;
}

export const DEFAULT_ROUTE: Route = { view: 'dashboard', query: {} };

function isViewId(value: string): value is ViewId {
  return (VIEW_IDS as readonly string[]).includes(value);
}

/** Read a route from `location.hash`; anything unknown falls back to the dashboard. */
export function parseHash(hash: string): Route {
  const body = hash.replace(/^#\/?/, '');
  const [path, search = ''] = body.split('?', 2);
  const view = decodeURIComponent(path.replace(/\/+$/, ''));
  const query: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(search)) if (k) query[k] = v;
  return { view: isViewId(view) ? view : DEFAULT_ROUTE.view, query };
}

export function formatHash(route: Route): string {
  const entries = Object.entries(route.query).filter(([, v]) => v !== '');
  entries.sort(([a], [b]) => a.localeCompare(b));
  const search = new URLSearchParams(entries).toString();
  return `#/${route.view}${search ? `?${search}` : ''}`;
}

/** Query keys that follow the user from view to view (the academic year). */
export const GLOBAL_QUERY_KEYS: readonly string[] = ['ay'];

/** Moving to another view keeps global keys and drops the old view's own keys. */
export function routeTo(current: Route, view: ViewId): Route {
  if (view === current.view) return current;
  const query: Record<string, string> = {};
  for (const key of GLOBAL_QUERY_KEYS) if (current.query[key] !== undefined) query[key] = current.query[key];
  return { view, query };
}

/** The views that show a draft (their `draft` key): the one being edited follows the user into them. */
export const DRAFT_VIEWS: readonly ViewId[] = ['schedule', 'compliance'];

/**
 * The draft being edited once `left` is left: Schedule's `draft` key (none = the published
 * schedule); leaving any other view keeps what it was.
 */
export function editingDraftAfter(left: Route, editing: string | null): string | null {
  return left.view === 'schedule' ? (left.query.draft ?? null) : editing;
}

/**
 * Going to a view through the navigation: like routeTo, and Schedule and Compliance open on the
 * draft being edited, so leaving Schedule and coming back never drops it.
 */
export function navigateTo(current: Route, view: ViewId, editing: string | null): Route {
  const next = routeTo(current, view);
  if (next === current || editing === null || !DRAFT_VIEWS.includes(view)) return next;
  return withQuery(next, { draft: editing });
}

/** Merge query changes; `null` removes a key. */
export function withQuery(current: Route, patch: Record<string, string | null>): Route {
  const query = { ...current.query };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete query[k];
    else query[k] = v;
  }
  return { view: current.view, query };
}
