// Leave and the annual plan: planned leave (absence types whose policy puts them on leave-eligible
// rotations) on a rotation that is not leave-eligible (inpatient team, night float, ICU), as the
// annual plan model forbids it for approved leave and avoids it for requests; and absences of one
// person entered more than once (overlapping or duplicate), which are one stretch of time away.
import { z } from 'zod';
import { overlappingAbsences } from '../domain/absence-overlaps';
import { SEVERITIES, type Finding, type Severity } from '../domain/types';
import { describeAbsence } from './absences';
import { formatDateRange, listShort } from './explain';
import { makeFinding, overlaps, type PersonRule } from './rule';

const leaveParams = z.strictObject({
  /** Requested (not yet approved) leave on such a rotation. */
  requestedSeverity: z.enum(SEVERITIES as [Severity, ...Severity[]]).default('low'),
});

export const leaveOnIneligibleRotationRule: PersonRule<z.output<typeof leaveParams>> = {
  type: 'leave_on_ineligible_rotation',
  unit: 'person',
  params: leaveParams,
  reachDays: () => 0,
  check(ctx, rule, ps, span) {
    const { state } = ctx;
    const { clock } = state;
    const availability = state.availability(ps);
    if (availability.empty) return [];
    const out: Finding[] = [];
    for (const ra of ps.rotationAssignments) {
      const rotation = state.rotations.get(ra.rotationId);
      const block = state.blockByKey.get(`${ra.academicYear}:${ra.blockNumber}`);
      if (!rotation || rotation.leaveEligible || !block) continue;
      const from = ra.part === 'second' ? block.secondHalfDay : block.firstDay;
      const to = ra.part === 'first' && block.secondHalfDay > block.firstDay ? block.secondHalfDay - 1 : block.lastDay;
      if (!overlaps({ from, to }, span)) continue;
      const leave = availability.leaveIn(clock.dateAt(from), clock.dateAt(to));
      if (!leave.length) continue;
      const approved = leave.some((u) => u.approved);
      const what = listShort(leave.map((u) => `${u.approved ? '' : 'requested '}${describeAbsence(state, u.absence)}`));
      const part = ra.part === 'full' ? 'block' : ra.part === 'first' ? 'first half of block' : 'second half of block';
      const period = `${part} ${ra.blockNumber}`;
      out.push(
        makeFinding(state, rule, {
          personId: ps.person.id,
          from,
          to,
          measured: leave.length,
          limit: 0,
          unit: 'absences',
          severity: approved ? undefined : rule.params.requestedSeverity,
          key: rotation.code,
          message:
            `${what.charAt(0).toUpperCase()}${what.slice(1)} during ${rotation.code} (${period}), which is ` +
            `not leave-eligible`,
          explanation:
            `${ps.person.name} is on ${rotation.name} (${rotation.code}) ` +
            `${formatDateRange(clock.dateAt(from), clock.dateAt(to))}, a rotation where leave is not allowed, and ` +
            `has ${what}. Move the leave, or put a leave-eligible rotation in the plan there.`,
        }),
      );
    }
    return out;
  },
};

export const absenceOverlapRule: PersonRule<Record<string, never>> = {
  type: 'absence_overlap',
  unit: 'person',
  params: z.strictObject({}),
  reachDays: () => 0,
  check(ctx, rule, ps, span) {
    const { state } = ctx;
    const { clock } = state;
    const out: Finding[] = [];
    for (const group of overlappingAbsences(ps.absences)) {
      const range = { from: clock.offsetOf(group.start), to: clock.offsetOf(group.end) };
      if (!overlaps(range, span)) continue;
      const n = group.absences.length;
      const list = listShort(
        group.absences.map((a) => describeAbsence(state, a)),
        4,
      );
      out.push(
        makeFinding(state, rule, {
          personId: ps.person.id,
          ...range,
          measured: n,
          limit: 1,
          unit: 'absences',
          key: 'overlap',
          message: group.duplicates
            ? `${n} copies of the same absence: ${describeAbsence(state, group.absences[0])}`
            : `${n} overlapping absences ${formatDateRange(group.start, group.end)}: ${list}`,
          explanation:
            `${ps.person.name} has ` +
            `${group.duplicates ? `the same absence entered ${n} times` : `${n} absences covering the same time`} ` +
            `(${list}). Merge them in Absences so the time away is counted once.`,
        }),
      );
    }
    return out;
  },
};
