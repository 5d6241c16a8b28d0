// Where each view's code lives. Every view but the dashboard (where the app opens) is its own
// chunk, fetched the first time it is shown, so starting the app parses only the shell and the
// dashboard. The view the window opens on is fetched at once, alongside the first API calls, and
// a view's chunk is fetched as soon as the pointer or the keyboard reaches its navigation item.
import { type ComponentType, lazy } from 'react';
import type { ViewId } from '../state/routeHash';
import { parseHash } from '../state/routeHash';
import { DashboardView } from './DashboardView';

type ViewModule = { default: ComponentType };
type Loader = () => Promise<ViewModule>;

const as =
  <M>(pick: (m: M) => ComponentType) =>
  (m: M): ViewModule => ({ default: pick(m) });

const LOADERS: Partial<Record<ViewId, Loader>> = {
  schedule: () => import('./SchedulePage').then(as((m) => m.SchedulePage)),
  people: () => import('../people/PeopleView').then(as((m) => m.PeopleView)),
  rotations: () => import('../rotations/RotationsView').then(as((m) => m.RotationsView)),
  absences: () => import('../absences/AbsencesView').then(as((m) => m.AbsencesView)),
  duty: () => import('../duty/DutyView').then(as((m) => m.DutyView)),
  compliance: () => import('../compliance/ComplianceView').then(as((m) => m.ComplianceView)),
  contingency: () => import('../contingency/ContingencyView').then(as((m) => m.ContingencyView)),
  export: () => import('../export/ExportView').then(as((m) => m.ExportView)),
  import: () => import('../import/ImportView').then(as((m) => m.ImportView)),
  drafts: () => import('./DraftsPage').then(as((m) => m.DraftsPage)),
  review: () => import('../review/ReviewView').then(as((m) => m.ReviewView)),
  swaps: () => import('../swaps/SwapsView').then(as((m) => m.SwapsView)),
  settings: () => import('../settings/SettingsView').then(as((m) => m.SettingsView)),
  person: () => import('./PersonPage').then(as((m) => m.PersonPage)),
  accounts: () => import('../accounts/AccountsView').then(as((m) => m.AccountsView)),
};

/** One fetch per view: preloading and rendering share the same promise. */
const fetched = new Map<ViewId, Promise<ViewModule>>();
function load(view: ViewId, loader: Loader): Promise<ViewModule> {
  let module = fetched.get(view);
  if (!module) {
    module = loader();
    // A failed fetch (a chunk missing from a damaged installation) is made afresh on a retry.
    module.catch(() => fetched.delete(view));
    fetched.set(view, module);
  }
  return module;
}

const COMPONENTS = new Map<ViewId, ComponentType>([['dashboard', DashboardView]]);
for (const [view, loader] of Object.entries(LOADERS) as [ViewId, Loader][])
  COMPONENTS.set(
    view,
    lazy(() => load(view, loader)),
  );

/** The component that shows `view`, or null for a view this version does not have. */
export function viewComponent(view: ViewId): ComponentType | null {
  return COMPONENTS.get(view) ?? null;
}

/**
 * After a failed fetch, a fresh component for `view`: a lazy component keeps its failure for good
 * (rendering it again only rethrows), so trying again needs a new one.
 */
export function retryView(view: ViewId): void {
  const loader = LOADERS[view];
  if (loader)
    COMPONENTS.set(
      view,
      lazy(() => load(view, loader)),
    );
}

/** Start fetching a view's code before it is shown (failures surface when it is shown). */
export function preloadView(view: ViewId): void {
  const loader = LOADERS[view];
  if (loader) load(view, loader).catch(() => undefined);
}

/** The view the window opens on, fetched while the shell starts. */
export function preloadStartView(): void {
  if (typeof location !== 'undefined') preloadView(parseHash(location.hash).view);
}
