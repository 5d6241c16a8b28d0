// What a run left as it was, said after its message: residents without a plan entry, and locks kept
// where their person is unavailable. Plain text, so the services can word the result.
import { withLockedNote, type LockedOverUnavailable } from './locked-unavailable';
import { withUnplannedNote, type UnplannedResident } from './unplanned';

export function withRunNotes(
  message: string,
  report: {
    unplanned: readonly (UnplannedResident & { blockNumber: number })[];
    lockedOverUnavailable: readonly LockedOverUnavailable[];
  },
): string {
  return withLockedNote(withUnplannedNote(message, report), report);
}
