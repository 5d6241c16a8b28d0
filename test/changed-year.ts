// A regenerated year without solving (publish-dispatch test, bench:responsiveness --changed-year):
// every unlocked published half-day of the academic year changed to the next of the activities
// done in both halves (AM and PM), so every slot of the year is a change to publish.
import type { ProgramData } from '../core/domain/program';
import type { DraftContent } from '../core/services/drafts';

export function changedYear(data: ProgramData, academicYear: number): DraftContent {
  const inYear = (date: string) => date >= `${academicYear}-07-01` && date <= `${academicYear + 1}-06-30`;
  const am = new Set(data.assignments.filter((a) => a.half === 'AM').map((a) => a.activityCode));
  const codes = [
    ...new Set(data.assignments.filter((a) => a.half === 'PM' && am.has(a.activityCode)).map((a) => a.activityCode)),
  ];
  return {
    name: 'A regenerated year',
    source: 'manual',
    assignments: data.assignments
      .filter((a) => inYear(a.date) && !a.locked && codes.includes(a.activityCode))
      .map((a) => ({
        personId: a.personId,
        date: a.date,
        half: a.half,
        activityCode: codes[(codes.indexOf(a.activityCode) + 1) % codes.length],
      })),
  };
}
