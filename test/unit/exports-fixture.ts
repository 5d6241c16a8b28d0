// A small hand-made program for the export tests: a few residents, faculty and a learner, with
// a plausible half-day schedule, calls and an inpatient week, in America/New_York.
import { blocksForYear, datesInRange, isoWeekday } from '../../core/domain/calendar';
import { defaultSettings } from '../../core/domain/defaults';
import { planIssues, planPartsOf } from '../../core/domain/plan-entries';
import type { ProgramData } from '../../core/domain/program';
import type {
  Activity,
  Assignment,
  CallAssignment,
  HalfDay,
  Person,
  Rotation,
  TimeRange,
} from '../../core/domain/types';

const t = (start: string, end: string): TimeRange => ({ start, end });

function activity(
  code: string,
  name: string,
  category: Activity['category'],
  am: TimeRange | null,
  pm: TimeRange | null,
  color: string,
  location: string | null = null,
): Activity {
  return {
    code,
    name,
    category,
    needsSupervision: category === 'clinical',
    providesSupervision: code === 'AT' || code === 'PCAT',
    protected: code === 'LEC',
    countsTowardDutyHours: category !== 'time_off',
    patientCare: category === 'clinical',
    countsTowardClinicCapacity: code === 'C',
    extraSupervisionUnits: code === 'PROC' ? 4 : 0,
    am,
    pm,
    color,
    location,
  };
}

export const ACTIVITIES: Activity[] = [
  activity('C', 'Clinic', 'clinical', t('08:00', '12:00'), t('13:00', '17:00'), '#4caf50', 'Family Health Clinic'),
  activity('LEC', 'Lecture', 'educational', t('08:00', '12:00'), t('13:00', '17:00'), '#2196f3', 'Classroom 2'),
  activity('FMIT', 'Inpatient team', 'clinical', t('07:00', '12:00'), t('12:00', '19:00'), '#f44336', 'Ward 4B'),
  activity('NF', 'Night float', 'clinical', null, t('19:00', '07:00'), '#3f51b5', 'Ward 4B'),
  activity(
    'AT',
    'Attending (precepting)',
    'clinical',
    t('08:00', '12:00'),
    t('13:00', '17:00'),
    '#009688',
    'Family Health Clinic',
  ),
  activity('PCAT', 'Post-call attending', 'clinical', t('08:00', '12:00'), null, '#00796b', 'Family Health Clinic'),
  activity('DO', 'Post-call afternoon off', 'time_off', null, t('13:00', '17:00'), '#bdbdbd'),
  activity('PROC', 'Procedures', 'clinical', t('08:00', '12:00'), t('13:00', '17:00'), '#ff9800', 'Procedure room'),
  activity('OFF', 'Off', 'time_off', null, null, '#e0e0e0'),
  activity('W', 'Weekend', 'time_off', null, null, '#eeeeee'),
  activity('LV', 'Leave', 'time_off', null, null, '#ffeb3b'),
  activity('HOL', 'Holiday', 'time_off', null, null, '#ce93d8'),
];

function person(
  id: string,
  name: string,
  kind: Person['kind'],
  pgy: number | null,
  role: Person['facultyRole'] = null,
): Person {
  return {
    id,
    name,
    kind,
    facultyRole: role,
    pgyByYear: pgy ? { '2026': pgy } : {},
    email: null,
    active: true,
    credentials: [],
    certifications: [],
  };
}

export const PEOPLE: Person[] = [
  person('r1', 'Avery Adams', 'resident', 1),
  person('r2', 'Blake Brown', 'resident', 2),
  person('r3', 'Casey Chen', 'resident', 3),
  person('r4', 'Devon Díaz-Núñez', 'resident', 1),
  person('f1', 'Dana Diaz, MD', 'faculty', null, 'core'),
  person('f2', 'Eli Evans, DO', 'faculty', null, 'pd'),
  person('s1', 'Frankie Fox', 'student', null),
  { ...person('x1', 'Gone Person', 'resident', 2), active: false },
];

const pattern = (code: string | null) => {
  const cell = { activityCode: code, protected: false };
  const week: Record<string, { AM: typeof cell; PM: typeof cell }> = {};
  for (let d = 1; d <= 7; d++) week[String(d)] = { AM: cell, PM: cell };
  return [week];
};

export const ROTATIONS: Rotation[] = [
  {
    id: 'rot-out',
    code: 'OUT',
    name: 'Outpatient clinic',
    setting: 'outpatient',
    leaveEligible: true,
    capacity: 6,
    worksWeekends: false,
    // Takes a half too: the senior's night-float half is followed by clinic.
    halfBlock: true,
    pattern: pattern(null),
    weeklyTargets: { C: 6 },
    exemptFrom: [],
    color: '#4caf50',
  },
  {
    id: 'rot-fmit',
    code: 'FMIT',
    name: 'Inpatient team',
    setting: 'inpatient',
    leaveEligible: false,
    capacity: 3,
    worksWeekends: true,
    halfBlock: false,
    pattern: pattern('FMIT'),
    weeklyTargets: {},
    exemptFrom: [],
    color: '#f44336',
  },
  {
    id: 'rot-nf',
    code: 'NF',
    name: 'Night float',
    setting: 'inpatient',
    leaveEligible: false,
    capacity: 1,
    worksWeekends: true,
    halfBlock: true,
    pattern: pattern('NF'),
    weeklyTargets: {},
    exemptFrom: ['wednesday_lecture'],
    color: '#3f51b5',
  },
];

/** Who does what on a date; a deterministic, plausible pattern. */
function dayPlan(personId: string, date: string): Partial<Record<HalfDay, string>> {
  const wd = isoWeekday(date);
  const weekend = wd >= 6;
  switch (personId) {
    case 'r1':
    case 'r4':
      if (personId === 'r1' && date >= '2026-11-16' && date <= '2026-11-20') return { AM: 'LV', PM: 'LV' };
      if (weekend) return { AM: 'W', PM: 'W' };
      return { AM: wd === 4 ? 'PROC' : 'C', PM: wd === 3 ? 'LEC' : 'C' };
    case 'r2':
      return { AM: 'FMIT', PM: 'FMIT' };
    case 'r3':
      return weekend && wd === 7 ? { AM: 'OFF', PM: 'OFF' } : { AM: 'OFF', PM: 'NF' };
    case 'f1':
      if (weekend) return { AM: 'W', PM: 'W' };
      return { AM: 'AT', PM: wd === 2 ? 'DO' : 'C' };
    case 'f2':
      if (weekend) return {};
      return { AM: 'C', PM: 'AT' };
    case 's1':
      return weekend ? {} : { AM: 'C', PM: 'C' };
    default:
      return {};
  }
}

export function makeAssignments(start: string, end: string, people: Person[] = PEOPLE): Assignment[] {
  const out: Assignment[] = [];
  for (const date of datesInRange(start, end))
    for (const p of people)
      for (const [half, code] of Object.entries(dayPlan(p.id, date)) as [HalfDay, string][])
        out.push({ personId: p.id, date, half, activityCode: code, source: 'solver', locked: false });
  return out;
}

export function makeCalls(start: string, end: string): CallAssignment[] {
  const out: CallAssignment[] = [];
  for (const date of datesInRange(start, end)) {
    const wd = isoWeekday(date);
    if (wd <= 4 || wd === 7) out.push({ date, callTypeCode: 'OC', personId: wd % 2 ? 'f1' : 'f2', source: 'solver' });
    if (wd === 6) out.push({ date, callTypeCode: 'LD', personId: 'r2', source: 'manual' });
  }
  return out;
}

/**
 * The program over a date range (default: block 5 of AY 2026, 2026-11-05 … 2026-12-02). Its annual
 * plan passes the draft layer's own check (planIssues), so an invalid fixture fails here, loudly.
 */
export function makeProgram(start = '2026-11-05', end = '2026-12-02'): ProgramData {
  const program = programOver(start, end);
  const issues = planIssues(program);
  if (issues.length)
    throw new Error(`the export fixture's plan is invalid:\n${issues.map((i) => i.message).join('\n')}`);
  return program;
}

function programOver(start: string, end: string): ProgramData {
  const settings = defaultSettings('Fort Example Family Medicine');
  // Faculty inpatient weeks attend the FMIT service, named as the coordinator calls it.
  settings.services = settings.services!.map((s) => (s.code === 'FMIT' ? { ...s, name: 'Inpatient team' } : s));
  const blocks = blocksForYear(2026, settings.blockLayout);
  return {
    settings,
    academicYears: [2026],
    // Copies: a test that edits its program (a name, a rotation) changes no other test's.
    people: structuredClone(PEOPLE),
    activities: structuredClone(ACTIVITIES),
    rotations: structuredClone(ROTATIONS),
    callTypes: [
      {
        code: 'OC',
        name: 'Overnight call',
        start: '17:00',
        end: '07:00',
        inHouse: false,
        for: 'faculty',
        countsTowardDutyHours: true,
        clockChange: 'scheduled_hours',
      },
      {
        code: 'LD',
        name: 'Labor and delivery call',
        start: '07:00',
        end: '07:00',
        inHouse: true,
        for: 'resident',
        countsTowardDutyHours: true,
        clockChange: 'scheduled_hours',
      },
    ],
    holidays: [{ date: '2026-11-26', name: 'Thanksgiving Day', dayType: 'federal_holiday' }],
    absences: [],
    rotationAssignments: blocks.flatMap((b) => [
      { personId: 'r1', academicYear: 2026, blockNumber: b.number, part: 'full' as const, rotationId: 'rot-out' },
      { personId: 'r4', academicYear: 2026, blockNumber: b.number, part: 'full' as const, rotationId: 'rot-out' },
      { personId: 'r2', academicYear: 2026, blockNumber: b.number, part: 'full' as const, rotationId: 'rot-fmit' },
      // The senior: night float then clinic by halves where the block has halves, clinic otherwise.
      ...(planPartsOf(b).includes('first')
        ? [
            { personId: 'r3', academicYear: 2026, blockNumber: b.number, part: 'first' as const, rotationId: 'rot-nf' },
            {
              personId: 'r3',
              academicYear: 2026,
              blockNumber: b.number,
              part: 'second' as const,
              rotationId: 'rot-out',
            },
          ]
        : [
            { personId: 'r3', academicYear: 2026, blockNumber: b.number, part: 'full' as const, rotationId: 'rot-out' },
          ]),
    ]),
    assignments: makeAssignments(start, end),
    calls: makeCalls(start, end),
    inpatientWeeks: [{ personId: 'f1', start: '2026-11-13', end: '2026-11-19' }],
    moonlighting: [],
    callbacks: [],
  };
}
