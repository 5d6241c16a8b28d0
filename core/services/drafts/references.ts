// A patch may only name people, activities, call types and dates the program has. Checked before
// anything is written, so a bad entry is reported by path and nothing changes.
import { academicYearOf, daysBetween } from '../../domain/calendar';
import type { HalfDay } from '../../domain/types';
import { failIfIssues } from './errors';
import type { DraftPatch } from './patch';
import { planReferenceIssues } from './plan-references';
import type { DraftTrx } from './tables';

/** The longest inpatient week accepted (a week is 7 days; a holiday may stretch it). */
const MAX_INPATIENT_WEEK_DAYS = 14;

export async function checkPatchReferences(
  trx: DraftTrx,
  patch: DraftPatch,
  what = 'Draft change rejected',
): Promise<void> {
  const [people, activities, callTypes, years] = await Promise.all([
    trx.selectFrom('people').select(['id', 'name', 'kind']).execute(),
    trx.selectFrom('activities').select(['code', 'am_start', 'pm_start']).execute(),
    trx.selectFrom('call_types').select(['code', 'for_kind']).execute(),
    trx.selectFrom('academic_years').select('id').execute(),
  ]);
  const person = new Map(people.map((p) => [p.id, p]));
  const activity = new Map(activities.map((a) => [a.code, a]));
  const callType = new Map(callTypes.map((c) => [c.code, c]));
  const yearSet = new Set(years.map((y) => y.id));
  const issues: { path: string; message: string }[] = [];
  const checkDate = (path: string, date: string) => {
    if (!yearSet.has(academicYearOf(date)))
      issues.push({ path, message: `${date} is not in an academic year of this program` });
  };
  const checkPerson = (path: string, id: string) => {
    const p = person.get(id);
    if (!p) issues.push({ path, message: `no person with id "${id}"` });
    return p;
  };

  patch.cells.forEach((c, i) => {
    checkPerson(`cells[${i}].personId`, c.personId);
    checkDate(`cells[${i}].date`, c.date);
    const code = c.value?.activityCode;
    if (code == null) return;
    const a = activity.get(code);
    if (!a) issues.push({ path: `cells[${i}].activityCode`, message: `no activity with code "${code}"` });
    else if ((c.half as HalfDay) === 'AM' ? a.am_start === null : a.pm_start === null)
      issues.push({ path: `cells[${i}].activityCode`, message: `activity ${code} is never done in the ${c.half}` });
  });
  patch.calls.forEach((c, i) => {
    const p = checkPerson(`calls[${i}].personId`, c.personId);
    checkDate(`calls[${i}].date`, c.date);
    const t = callType.get(c.callTypeCode);
    if (!t) issues.push({ path: `calls[${i}].callTypeCode`, message: `no call type with code "${c.callTypeCode}"` });
    else if (p && c.value?.assigned && (t.for_kind === 'faculty') !== (p.kind === 'faculty'))
      issues.push({
        path: `calls[${i}].personId`,
        message:
          `${p.name} is ${p.kind === 'faculty' ? 'faculty' : `a ${p.kind}`}; call ${t.code} is for ` +
          `${t.for_kind === 'faculty' ? 'faculty' : 'residents'}`,
      });
  });
  patch.inpatientWeeks.forEach((w, i) => {
    const p = checkPerson(`inpatientWeeks[${i}].personId`, w.personId);
    checkDate(`inpatientWeeks[${i}].start`, w.start);
    if (p && w.value?.assigned && p.kind !== 'faculty')
      issues.push({
        path: `inpatientWeeks[${i}].personId`,
        message: `${p.name} is not faculty; inpatient weeks are for faculty`,
      });
    if (w.value?.assigned) {
      const days = daysBetween(w.start, w.value.end) + 1;
      if (days < 1) issues.push({ path: `inpatientWeeks[${i}].end`, message: 'end must be on or after start' });
      else if (days > MAX_INPATIENT_WEEK_DAYS)
        issues.push({
          path: `inpatientWeeks[${i}].end`,
          message: `an inpatient week lasts at most ${MAX_INPATIENT_WEEK_DAYS} days, this one ${days}`,
        });
    }
  });
  issues.push(...(await planReferenceIssues(trx, patch.rotations ?? [], (i, field) => `rotations[${i}].${field}`)));
  failIfIssues(what, issues);
}
