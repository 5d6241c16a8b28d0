// Shows the view the route names.
import type { ReactNode } from 'react';
import { AccountsView } from '../accounts/AccountsView';
import { ComplianceView } from '../compliance/ComplianceView';
import { ContingencyView } from '../contingency/ContingencyView';
import { FocusBanner } from '../compliance/FocusBanner';
import { DraftsView } from '../drafts/DraftsView';
import { DutyView } from '../duty/DutyView';
import { ExportView } from '../export/ExportView';
import { ImportView } from '../import/ImportView';
import type { ViewId } from '../lib/route';
import { PeopleView } from '../people/PeopleView';
import { PersonView } from '../person/PersonView';
import { ReviewView } from '../review/ReviewView';
import { ScheduleView } from '../schedule/ScheduleView';
import { SettingsView } from '../settings/SettingsView';
import { useRoute } from '../state/route';
import { SwapsView } from '../swaps/SwapsView';
import { AbsencesView } from '../views/AbsencesView';
import { ComingSoonView } from '../views/ComingSoonView';
import { DashboardView } from '../views/DashboardView';
import { RotationsView } from '../views/RotationsView';
import { navItem } from './nav';
import { NotForYourRole } from './NotForYourRole';
import { useSession } from '../accounts/store';

const BUILT: Partial<Record<ViewId, () => ReactNode>> = {
  dashboard: () => <DashboardView />,
  schedule: () => (
    <>
      <ScheduleView />
      <FocusBanner />
    </>
  ),
  people: () => <PeopleView />,
  rotations: () => <RotationsView />,
  absences: () => <AbsencesView />,
  duty: () => <DutyView />,
  compliance: () => <ComplianceView />,
  contingency: () => <ContingencyView />,
  export: () => <ExportView />,
  import: () => <ImportView />,
  drafts: () => <DraftsView />,
  review: () => <ReviewView />,
  swaps: () => <SwapsView />,
  settings: () => <SettingsView />,
  person: () => <PersonView />,
  accounts: () => <AccountsView />,
};

export function ViewOutlet() {
  const view = useRoute((s) => s.view);
  const allowed = useSession((s) => s.status?.allowed);
  const item = navItem(view);
  if (item.needs && !allowed?.includes(item.needs)) return <NotForYourRole item={item} />;
  const render = BUILT[view];
  return render ? <>{render()}</> : <ComingSoonView item={navItem(view)} />;
}
