// The left navigation: every view, in the coordinator's working order. Views that later issues
// build carry a plain description of what they will do.
import type SvgIcon from '@mui/material/SvgIcon';
import AssignmentTurnedInOutlined from '@mui/icons-material/AssignmentTurnedInOutlined';
import CalendarMonthOutlined from '@mui/icons-material/CalendarMonthOutlined';
import DashboardOutlined from '@mui/icons-material/DashboardOutlined';
import PersonOutlined from '@mui/icons-material/PersonOutlined';
import EditNoteOutlined from '@mui/icons-material/EditNoteOutlined';
import ManageAccountsOutlined from '@mui/icons-material/ManageAccountsOutlined';
import NightsStayOutlined from '@mui/icons-material/NightsStayOutlined';
import EventBusyOutlined from '@mui/icons-material/EventBusyOutlined';
import FileDownloadOutlined from '@mui/icons-material/FileDownloadOutlined';
import FileUploadOutlined from '@mui/icons-material/FileUploadOutlined';
import HealthAndSafetyOutlined from '@mui/icons-material/HealthAndSafetyOutlined';
import PeopleAltOutlined from '@mui/icons-material/PeopleAltOutlined';
import RateReviewOutlined from '@mui/icons-material/RateReviewOutlined';
import SettingsOutlined from '@mui/icons-material/SettingsOutlined';
import SwapHorizOutlined from '@mui/icons-material/SwapHorizOutlined';
import ViewWeekOutlined from '@mui/icons-material/ViewWeekOutlined';
import type { MethodName } from '../../../core/api/contract';
import type { ViewId } from '../state/routeHash';

export interface NavItem {
  id: ViewId;
  label: string;
  icon: typeof SvgIcon;
  /** Section divider above this item. */
  section?: string;
  /** What the view is for (shown as its subtitle, and as the whole page while not built). */
  purpose: string;
  available: boolean;
  /** The method the view reads first: accounts whose role may not call it do not see the view. */
  needs?: MethodName;
  /** Shown only to accounts that stand for a person of the program (their own page). */
  personal?: boolean;
}

export const NAV_ITEMS: readonly NavItem[] = [
  {
    id: 'dashboard',
    label: 'Dashboard',
    icon: DashboardOutlined,
    purpose: 'The program at a glance: people, the current block and the academic year.',
    available: true,
  },
  {
    id: 'person',
    label: 'My schedule',
    icon: PersonOutlined,
    needs: 'people.schedule',
    personal: true,
    purpose:
      'Your year at a glance: rotations, calls, clinic, leave, the coming two weeks and your hours; export your ' +
      'calendar from here.',
    available: true,
  },
  {
    id: 'schedule',
    needs: 'schedule.grid',
    label: 'Schedule',
    icon: CalendarMonthOutlined,
    section: 'Plan',
    purpose: 'The block grid: every person’s half-days, calls and rotations.',
    available: true,
  },
  {
    id: 'people',
    needs: 'people.list',
    label: 'People',
    icon: PeopleAltOutlined,
    purpose: 'Residents, faculty and learners for the academic year.',
    available: true,
  },
  {
    id: 'rotations',
    needs: 'rotations.list',
    label: 'Rotations',
    icon: ViewWeekOutlined,
    purpose: 'Rotation templates: setting, capacity, weekly pattern and targets.',
    available: true,
  },
  {
    id: 'absences',
    needs: 'absences.list',
    label: 'Absences',
    icon: EventBusyOutlined,
    purpose: 'Leave, TDY, deployments and other absences in the academic year.',
    available: true,
  },
  {
    id: 'duty',
    needs: 'moonlighting.list',
    label: 'Moonlighting',
    icon: NightsStayOutlined,
    purpose:
      'Moonlighting shifts (internal or external, approved by the program director) and callbacks during home call: ' +
      'clinical work the work-hour rules count.',
    available: true,
  },
  {
    id: 'compliance',
    needs: 'compliance.findings',
    label: 'Compliance',
    icon: AssignmentTurnedInOutlined,
    section: 'Check',
    purpose:
      'Checks the schedule against the ACGME work-hour rules (80 hours a week, one day in seven, 24+4 continuous ' +
      'hours, rest after call, call frequency) and the program’s policies (supervision, clinic capacity, night ' +
      'float, days away), lists findings by severity with the people and slots involved, and lets you acknowledge a ' +
      'finding with a reason.',
    available: true,
  },
  {
    id: 'contingency',
    needs: 'contingency.run',
    label: 'Contingency',
    icon: HealthAndSafetyOutlined,
    purpose:
      'Faculty utilization week by week and what happens when one or two people are suddenly gone (N-1, N-2): ' +
      'single points of failure, fatal pairs, weeks at risk, and a concrete repair for each loss.',
    available: true,
  },
  {
    id: 'swaps',
    needs: 'swaps.list',
    label: 'Swaps',
    icon: SwapHorizOutlined,
    purpose:
      'Trade or give away inpatient weeks and calls: ranked candidates checked against every rule, approval, one ' +
      'publication with rollback, and cover for someone away.',
    available: true,
  },
  {
    id: 'drafts',
    needs: 'drafts.list',
    label: 'Drafts',
    icon: EditNoteOutlined,
    section: 'Publish',
    purpose:
      'Holds generated schedules and bulk edits as drafts with their flags (rule violations, coverage gaps, ' +
      'conflicts, missing credentials), applies the churn guard and lock date, and publishes atomically with rollback.',
    available: true,
  },
  {
    id: 'review',
    needs: 'reviews.open',
    label: 'Open review',
    icon: RateReviewOutlined,
    purpose:
      'Open a review file a coordinator sent (no access to their program needed): the draft read-only with its ' +
      'changes, churn and findings; comment, approve or request changes, and save the response file.',
    available: true,
  },
  {
    id: 'export',
    needs: 'exports.calendars',
    label: 'Export',
    icon: FileDownloadOutlined,
    purpose:
      'Personal calendars (.ics), printable PDF schedules and a CSV of assignments, from the published schedule or ' +
      'a draft.',
    available: true,
  },
  {
    id: 'import',
    needs: 'imports.xlsxPreview',
    label: 'Import',
    icon: FileUploadOutlined,
    purpose:
      'An edited block sheet workbook (Excel) back into the program as a draft, after a preview of every change.',
    available: true,
  },
  {
    id: 'settings',
    needs: 'program.updateSettings',
    label: 'Settings',
    icon: SettingsOutlined,
    section: 'Program',
    purpose:
      'Lock date, holidays, block calendar, churn thresholds, clinic capacity, rules, absence policies and time zone.',
    available: true,
  },
  {
    id: 'accounts',
    needs: 'accounts.list',
    label: 'Accounts',
    icon: ManageAccountsOutlined,
    purpose: 'Who may sign in to this program, with which role: add, change, disable, reset passwords, unlock.',
    available: true,
  },
];

export function navItem(id: ViewId): NavItem {
  const item = NAV_ITEMS.find((i) => i.id === id);
  if (!item) throw new Error(`No navigation entry for view "${id}"`);
  return item;
}
