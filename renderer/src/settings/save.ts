// Saving from the Settings view: write the change, then re-check the published schedule of the
// academic year in view and keep what the check found (shown at the top of the view). A refusal
// comes back with the server's issues, for the section to show beside its fields.
import { createUserStore } from '../state/store';
import type { ApiErrorData, SeverityCounts } from '../../../core/api/contract';
import type { ProgramSettings } from '../../../core/domain/types';
import { api, toApiError } from '../api';
import { useNotify } from '../state/notify';

export interface Recheck {
  /** The section that was saved ("Rules"). */
  section: string;
  academicYear: number;
  /** Open findings before and after the change; null when that check failed. */
  before: SeverityCounts | null;
  after: SeverityCounts | null;
  /** Why the schedule could not be checked after the change, if it could not. */
  error: string | null;
}

interface RecheckState {
  last: Recheck | null;
  dismiss(): void;
}

export const useRecheck = createUserStore<RecheckState>((set) => ({
  last: null,
  dismiss: () => set({ last: null }),
}));

export type SaveOutcome = { ok: true } | { ok: false; error: ApiErrorData };

async function openFindings(academicYear: number): Promise<SeverityCounts> {
  return (await api()['compliance.summary']({ academicYear, draftId: null })).open;
}

/** Run a write of the section, then re-check the schedule of `academicYear`. */
export async function saveAndRecheck(
  section: string,
  academicYear: number,
  write: () => Promise<unknown>,
): Promise<SaveOutcome> {
  const before = await openFindings(academicYear).catch(() => null);
  try {
    await write();
  } catch (err) {
    return { ok: false, error: toApiError(err) };
  }
  useNotify.getState().notify(`${section}: saved`, 'success');
  try {
    const after = await openFindings(academicYear);
    useRecheck.setState({ last: { section, academicYear, before, after, error: null } });
  } catch (err) {
    useRecheck.setState({ last: { section, academicYear, before, after: null, error: toApiError(err).message } });
  }
  return { ok: true };
}

/** Change some settings (the others stay as they are). */
export function saveSettings(
  section: string,
  academicYear: number,
  changes: Partial<ProgramSettings>,
): Promise<SaveOutcome> {
  return saveAndRecheck(section, academicYear, () => api()['program.updateSettings'](changes));
}
