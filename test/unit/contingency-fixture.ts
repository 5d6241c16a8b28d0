// A small hand-built program for the contingency tests, where the answer is known by construction:
// residents in clinic every weekday (one supervising faculty member needed per slot), faculty
// precepting in turn with administration otherwise, and a procedure clinic (VAS) on Tuesday and
// Thursday afternoons held by faculty with a VAS credential. Who holds the credential decides the
// answer: one holder is a single point of failure, two holders make a fatal pair, three are slack.
import { addDays, datesInRange, isoWeekday } from '../../core/domain/calendar';
import { defaultSettings } from '../../core/domain/defaults';
import type { ProgramData } from '../../core/domain/program';
import type { Assignment, PatternWeek, Person, Rotation } from '../../core/domain/types';
import { standardActivities, standardCallTypes } from '../../core/demo/catalog';

export const FIXTURE_YEAR = 2026;
/** The week the tests sweep (Monday). */
export const FIXTURE_WEEK = '2026-10-05';

export interface FixtureOptions {
  faculty?: number;
  /** Faculty ids (fac-1 …) with a VAS credential; each holds one VAS session a week in turn. */
  vas: string[];
}

function pattern(): PatternWeek[] {
  const week: PatternWeek = {};
  for (let d = 1; d <= 7; d++)
    week[String(d)] = { AM: { activityCode: null, protected: false }, PM: { activityCode: null, protected: false } };
  return [week];
}

export function contingencyFixture(options: FixtureOptions): ProgramData {
  const settings = defaultSettings('Contingency fixture');
  // No inpatient team or night float in this program: no services, no staffing rules.
  settings.rules = settings.rules.filter((r) => r.type !== 'service_staffing');
  settings.services = [];
  const facultyCount = options.faculty ?? 4;
  const faculty: Person[] = Array.from({ length: facultyCount }, (_, i) => ({
    id: `fac-${i + 1}`,
    name: `Faculty ${String.fromCharCode(65 + i)}`,
    kind: 'faculty',
    facultyRole: 'core',
    pgyByYear: {},
    email: null,
    active: true,
    credentials: options.vas.includes(`fac-${i + 1}`) ? [{ activityCode: 'VAS', status: 'active', expires: null }] : [],
    certifications: [],
  }));
  const residents: Person[] = [2, 3].map((pgy, i) => ({
    id: `res-${i + 1}`,
    name: `Resident ${i + 1}`,
    kind: 'resident',
    facultyRole: null,
    pgyByYear: { [String(FIXTURE_YEAR)]: pgy },
    email: null,
    active: true,
    credentials: [],
    certifications: [],
  }));
  const clinic: Rotation = {
    id: 'rot-fmc',
    code: 'FMC',
    name: 'Family medicine clinic',
    setting: 'outpatient',
    leaveEligible: true,
    capacity: 10,
    worksWeekends: false,
    halfBlock: false,
    pattern: pattern(),
    weeklyTargets: { C: 10 },
    exemptFrom: ['wednesday_lecture'],
    color: '#4caf50',
  };
  const assignments: Assignment[] = [];
  const put = (personId: string, date: string, half: 'AM' | 'PM', activityCode: string) =>
    assignments.push({ personId, date, half, activityCode, source: 'solver', locked: false });
  const start = addDays(FIXTURE_WEEK, -42);
  const end = addDays(FIXTURE_WEEK, 48);
  let slotNumber = 0;
  for (const date of datesInRange(start, end)) {
    const weekday = isoWeekday(date);
    for (const half of ['AM', 'PM'] as const) {
      if (weekday >= 6) {
        for (const p of [...faculty, ...residents]) put(p.id, date, half, 'W');
        continue;
      }
      for (const r of residents) put(r.id, date, half, 'C');
      // VAS on Tuesday and Thursday afternoons, by the credential holders in turn.
      const vas =
        half === 'PM' && (weekday === 2 || weekday === 4) && options.vas.length
          ? options.vas[(weekday === 2 ? 0 : 1) % options.vas.length]
          : null;
      const preceptor = faculty.filter((f) => f.id !== vas)[slotNumber++ % (facultyCount - (vas ? 1 : 0))];
      for (const f of faculty) put(f.id, date, half, f.id === vas ? 'VAS' : f.id === preceptor.id ? 'AT' : 'DFM');
    }
  }
  const blocks = [2, 3, 4, 5];
  return {
    settings,
    academicYears: [FIXTURE_YEAR],
    people: [...residents, ...faculty],
    activities: standardActivities(),
    rotations: [clinic],
    callTypes: standardCallTypes(),
    holidays: [],
    absences: [],
    rotationAssignments: residents.flatMap((r) =>
      blocks.map((blockNumber) => ({
        personId: r.id,
        academicYear: FIXTURE_YEAR,
        blockNumber,
        part: 'full' as const,
        rotationId: clinic.id,
      })),
    ),
    assignments,
    calls: [],
    inpatientWeeks: [],
    moonlighting: [],
    callbacks: [],
  };
}
