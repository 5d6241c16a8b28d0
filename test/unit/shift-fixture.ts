// A program with a rotation worked in shifts (an emergency department's 12-hour days and nights), for the
// tests of shift-based rotations and of the roster models they make.
import { blocksForYear } from '../../core/domain/calendar';
import type { ProgramData } from '../../core/domain/program';
import { shiftHalves } from '../../core/domain/shifts';
import type { Activity, RotationAssignment, ShiftRotation } from '../../core/domain/types';
import { rotation, smallProgram, weekPattern, YEAR } from './generate-fixture';
import { activity } from './rules/fixtures';

export function shiftActivity(code: string, name: string, start: string, end: string): Activity {
  const { am, pm } = shiftHalves(start, end);
  return { ...activity(code, null, null), name, am, pm, color: '#c62828' };
}

export const every = (n: number) => Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [String(d), n]));

export const ED_SHIFTS: ShiftRotation = {
  shifts: [
    { activityCode: 'EDD', cover: every(1) },
    { activityCode: 'EDN', cover: every(1) },
  ],
  minRestHours: 10,
  maxConsecutiveShifts: 4,
  minHoursPerWeek: 36,
  maxHoursPerWeek: 60,
  minWeekendsOff: 1,
};

/**
 * The small program with an ED rotation worked in 12-hour shifts, and a plan for block `edBlock` with three
 * residents on it (in clinic in the other blocks).
 */
export function programWithEd(edBlock = 3): ProgramData {
  const data = smallProgram();
  data.activities.push(
    shiftActivity('EDD', 'ED day', '07:00', '19:00'),
    shiftActivity('EDN', 'ED night', '19:00', '07:00'),
  );
  data.rotations.push(
    rotation('ED', {
      setting: 'inpatient',
      leaveEligible: false,
      worksWeekends: true,
      pattern: [weekPattern([null, null], [null, null])],
      weeklyTargets: {},
      exemptFrom: ['wednesday_lecture'],
      // A copy: tests change the limits of their program's ED.
      shifts: structuredClone(ED_SHIFTS),
    }),
  );
  const byCode = new Map(data.rotations.map((r) => [r.code, r.id]));
  const plan: [string, string][] = [
    ['PGY1-01', 'FMIT'],
    ['PGY1-02', 'ED'],
    ['PGY1-03', 'CLIN'],
    ['PGY2-01', 'FMIT'],
    ['PGY2-02', 'ED'],
    ['PGY2-03', 'CARD'],
    ['PGY3-01', 'FMIT'],
    ['PGY3-02', 'ED'],
    ['PGY3-03', 'ELEC'],
  ];
  for (const block of blocksForYear(YEAR, data.settings.blockLayout)) {
    for (const [personId, code] of plan) {
      const entry: RotationAssignment = {
        personId,
        academicYear: YEAR,
        blockNumber: block.number,
        part: 'full',
        rotationId: byCode.get(block.number === edBlock ? code : 'CLIN')!,
      };
      data.rotationAssignments.push(entry);
    }
  }
  return data;
}
