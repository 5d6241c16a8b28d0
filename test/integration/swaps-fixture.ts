// A small hand-made program for the swap tests, so each test knows exactly who is where:
// six core faculty and four residents, the standard catalog, September–November 2026. Faculty
// precept (AT) on weekdays, residents are in clinic; weekends are off. f1 holds the inpatient
// week Fri Oct 2 – Thu Oct 8 (FMIT, its Friday and Saturday WKND calls, OFF the Friday after).
// Tests add what they need (calls, absences, credentials) before the program is written.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addDays, datesInRange, isoWeekday } from '../../core/domain/calendar';
import { defaultSettings } from '../../core/domain/defaults';
import type { ProgramData } from '../../core/domain/program';
import type { Absence, Assignment, CallAssignment, HalfDay, IsoDate, Person } from '../../core/domain/types';
import { standardActivities, standardCallTypes } from '../../core/demo/catalog';
import { afterEach } from 'vitest';
import { validate } from '../../core/rules/engine';
import type { DraftContext } from '../../core/services/drafts';
import { openProgram, writeProgramData, type Program } from '../../core/services/program';

export const FIRST = '2026-09-01';
export const LAST = '2026-11-30';
/** Tests run "on" this day: everything in October is upcoming. */
export const NOW = '2026-09-15T12:00:00.000Z';
export const WEEK = { personId: 'f1', start: '2026-10-02', end: '2026-10-08' };

function faculty(id: string, name: string): Person {
  return {
    id,
    name,
    kind: 'faculty',
    facultyRole: 'core',
    pgyByYear: {},
    email: null,
    active: true,
    credentials: [],
    certifications: [],
  };
}
function resident(id: string, name: string, pgy: number): Person {
  return {
    id,
    name,
    kind: 'resident',
    facultyRole: null,
    pgyByYear: { '2026': pgy },
    email: null,
    active: true,
    credentials: [],
    certifications: [],
  };
}

export class SwapFixture {
  readonly data: ProgramData;
  private readonly cells = new Map<string, Assignment>();

  constructor() {
    const settings = defaultSettings('Swap test program');
    const people = [
      faculty('f1', 'Ada Fisher'),
      faculty('f2', 'Ben Grant'),
      faculty('f3', 'Cleo Hart'),
      faculty('f4', 'Dev Iyer'),
      faculty('f5', 'Eve Jonas'),
      faculty('f6', 'Finn Kato'),
      resident('r1', 'Rae Lund', 1),
      resident('r2', 'Sam Moss', 2),
      resident('r3', 'Tia Nash', 3),
      resident('r4', 'Uma Ortiz', 3),
    ];
    this.data = {
      settings,
      academicYears: [2026],
      people,
      activities: standardActivities(),
      rotations: [],
      callTypes: standardCallTypes(),
      holidays: [],
      absences: [],
      rotationAssignments: [],
      assignments: [],
      calls: [],
      inpatientWeeks: [],
      moonlighting: [],
      callbacks: [],
    };
    for (const date of datesInRange(FIRST, LAST)) {
      const weekend = isoWeekday(date) >= 6;
      for (const p of people)
        for (const half of ['AM', 'PM'] as const)
          this.set(p.id, date, half, weekend ? 'W' : p.kind === 'faculty' ? 'AT' : 'C', 'template');
    }
    this.inpatientWeek(WEEK.personId, WEEK.start);
  }

  set(
    personId: string,
    date: IsoDate,
    half: HalfDay,
    activityCode: string | null,
    source: Assignment['source'] = 'solver',
  ): this {
    const key = `${personId}|${date}|${half}`;
    if (activityCode === null) this.cells.delete(key);
    else
      this.cells.set(key, {
        personId,
        date,
        half,
        activityCode,
        source,
        locked: source === 'manual' || source === 'preload',
      });
    return this;
  }

  day(personId: string, date: IsoDate, am: string | null, pm: string | null = am): this {
    return this.set(personId, date, 'AM', am).set(personId, date, 'PM', pm);
  }

  cell(personId: string, date: IsoDate, half: HalfDay): string | null {
    return this.cells.get(`${personId}|${date}|${half}`)?.activityCode ?? null;
  }

  /** A Sunday–Thursday overnight call with its post-call day (PCAT, DO). */
  overnight(personId: string, date: IsoDate, code = 'OC'): this {
    this.data.calls.push({ date, callTypeCode: code, personId, source: 'solver' });
    return this.day(personId, addDays(date, 1), 'PCAT', 'DO');
  }

  call(personId: string, date: IsoDate, code: string): this {
    this.data.calls.push({ date, callTypeCode: code, personId, source: 'solver' } satisfies CallAssignment);
    return this;
  }

  /** Friday → Thursday: FMIT every half-day, WKND call Friday and Saturday, OFF the Friday after. */
  inpatientWeek(personId: string, start: IsoDate): this {
    const end = addDays(start, 6);
    this.data.inpatientWeeks.push({ personId, start, end });
    for (const d of datesInRange(start, end)) this.day(personId, d, 'FMIT');
    this.call(personId, start, 'WKND').call(personId, addDays(start, 1), 'WKND');
    return this.day(personId, addDays(end, 1), 'OFF');
  }

  absence(
    personId: string,
    type: Absence['type'],
    start: IsoDate,
    end: IsoDate,
    status: Absence['status'] = 'approved',
  ): this {
    this.data.absences.push({
      id: `abs-${this.data.absences.length + 1}`,
      personId,
      type,
      start,
      end,
      status,
      note: null,
    });
    return this;
  }

  person(id: string): Person {
    return this.data.people.find((p) => p.id === id)!;
  }

  /** Write the program to a fresh file and open it. */
  async open(): Promise<{ program: Program; ctx: DraftContext; cleanup(): Promise<void> }> {
    this.data.assignments = [...this.cells.values()];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'swaps-'));
    const program = await openProgram(path.join(dir, 'program.sqlite'), { create: true });
    await writeProgramData(program, this.data, 'fixture');
    const ctx: DraftContext = {
      program,
      actor: 'coordinator',
      now: () => new Date(NOW),
      validate: (input) => validate(input),
    };
    return {
      program,
      ctx,
      cleanup: async () => {
        await program.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
}

/** `open(fixture)` for the tests of a file: each program is closed and removed after its test. */
export function openEach(): (f: SwapFixture) => ReturnType<SwapFixture['open']> {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });
  return async (f) => {
    const opened = await f.open();
    cleanups.push(opened.cleanup);
    return opened;
  };
}
