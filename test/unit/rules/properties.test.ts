// Property tests of the compliance engine on random small programs (half-days, in-house and home
// calls, callbacks, moonlighting, absences, inpatient weeks, the rotation plan): more duty never removes an
// hours finding, no duty means no hours findings, storage order does not matter, and the
// incremental validator always equals a full validation.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ComplianceInputError,
  createValidator,
  validate,
  validateInTurn,
  type ScheduleEdit,
} from '../../../core/rules';
import type { ComplianceInput } from '../../../core/rules/input';
import type {
  Absence,
  Assignment,
  CallAssignment,
  Callback,
  Finding,
  HalfDay,
  InpatientWeek,
  MoonlightingEntry,
  RotationAssignment,
} from '../../../core/domain/types';
import { activities, addDays, faculty, input, resident, rotation } from './fixtures';

// Sep 1 – Nov 9 2026 (the fall-back night included); findings reported for Sep 20 – Oct 25.
const FIRST = '2026-09-01';
const DAYS = 70;
const RANGE = { start: '2026-09-20', end: '2026-10-25' };
const dateAt = (d: number) => addDays(FIRST, d);

const people = [resident('r1', 1), resident('r2', 2), resident('r3', 3), faculty('f1', 'core'), faculty('f2', 'pd')];
const residents = ['r1', 'r2', 'r3'];
const rotations = [
  rotation('rot-fmit', 'FMIT'),
  rotation('rot-nf', 'NF', { exemptFrom: ['wednesday_lecture'] }),
  rotation('rot-clin', 'CLIN'),
];
const catalog = activities();
const codesFor = (half: HalfDay) =>
  catalog.filter((a) => (half === 'AM' ? a.am : a.pm) || !a.countsTowardDutyHours).map((a) => a.code);
const AM_CODES = codesFor('AM');
const PM_CODES = codesFor('PM');
// Heavy duty, so hours rules have something to find.
const DUTY_AM = ['WARD', 'WARD', 'FMIT', 'C', 'PROC', 'AT'];
const DUTY_PM = ['WARD', 'NF', 'NF', 'FMIT', 'C', 'AT'];
const HOURS_RULES = ['acgme_80h', 'acgme_continuous'];
// More runs for a soak: RULES_PROPERTY_RUNS=500 npx vitest run test/unit/rules/properties.test.ts
const RUNS = Number(process.env.RULES_PROPERTY_RUNS ?? 40);

interface Model {
  assignments: Assignment[];
  calls: CallAssignment[];
  absences: Absence[];
  inpatientWeeks: InpatientWeek[];
  moonlighting: MoonlightingEntry[];
  callbacks: Callback[];
  rotationAssignments: RotationAssignment[];
}

const toInput = (m: Model): ComplianceInput => input({ people, rotations, ...m }, RANGE);
/** A schedule of these half-days and nothing else. */
const withAssignments = (assignments: Assignment[]): Model => ({
  assignments,
  calls: [],
  absences: [],
  inpatientWeeks: [],
  moonlighting: [],
  callbacks: [],
  rotationAssignments: [],
});

// ---- Random programs ----

// Some items fall before the engine's horizon (the range minus a 28-day window and a bit).
const slotArb = fc.record({
  person: fc.constantFrom(...people.map((p) => p.id)),
  day: fc.integer({ min: -30, max: DAYS - 1 }),
  half: fc.constantFrom<HalfDay>('AM', 'PM'),
});

const assignmentArb = fc.tuple(slotArb, fc.nat(), fc.boolean()).map(([s, n, heavy]): Assignment => {
  const pool = heavy ? (s.half === 'AM' ? DUTY_AM : DUTY_PM) : s.half === 'AM' ? AM_CODES : PM_CODES;
  return {
    personId: s.person,
    date: dateAt(s.day),
    half: s.half,
    activityCode: pool[n % pool.length],
    source: 'solver',
    locked: false,
  };
});

/** A run of days of one activity for one resident: builds long duty stretches. */
const stretchArb = fc
  .record({
    person: fc.constantFrom(...residents),
    day: fc.integer({ min: 0, max: DAYS - 1 }),
    length: fc.integer({ min: 3, max: 30 }),
    code: fc.constantFrom('WARD', 'NF', 'FMIT'),
  })
  .map(({ person, day, length, code }) =>
    Array.from({ length: Math.min(length, DAYS - day) }, (_, i) =>
      (code === 'NF' ? (['PM'] as HalfDay[]) : (['AM', 'PM'] as HalfDay[])).map(
        (half): Assignment => ({
          personId: person,
          date: dateAt(day + i),
          half,
          activityCode: code,
          source: 'solver',
          locked: false,
        }),
      ),
    ).flat(),
  );

const callArb = fc
  .record({
    person: fc.constantFrom(...people.map((p) => p.id)),
    day: fc.integer({ min: 0, max: DAYS - 1 }),
    code: fc.constantFrom('LD', 'LD', 'OC', 'BU', 'HC'),
  })
  .map(
    ({ person, day, code }): CallAssignment => ({
      personId: person,
      date: dateAt(day),
      callTypeCode: code,
      source: 'solver',
    }),
  );

let ids = 0;
const absenceArb = fc
  .record({
    person: fc.constantFrom(...people.map((p) => p.id)),
    day: fc.integer({ min: -45, max: DAYS - 1 }),
    length: fc.oneof(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 13, max: 70 })),
    type: fc.constantFrom<Absence['type']>('vacation', 'sick', 'deployment', 'conference', 'tdy', 'medical'),
    status: fc.constantFrom<Absence['status']>('approved', 'approved', 'requested'),
  })
  .map(
    (a): Absence => ({
      id: `a${++ids}`,
      personId: a.person,
      type: a.type,
      start: dateAt(a.day),
      end: dateAt(a.day + a.length - 1),
      status: a.status,
      note: null,
    }),
  );

const moonlightingArb = fc
  .record({
    person: fc.constantFrom(...residents),
    day: fc.integer({ min: 0, max: DAYS - 1 }),
    start: fc.integer({ min: 0, max: 20 }),
    hours: fc.integer({ min: 1, max: 14 }),
  })
  .map((m): MoonlightingEntry => {
    const start = `${dateAt(m.day)}T${String(m.start).padStart(2, '0')}:00`;
    const endHour = m.start + m.hours;
    const end = `${dateAt(m.day + (endHour >= 24 ? 1 : 0))}T${String(endHour % 24).padStart(2, '0')}:30`;
    return { id: `m${++ids}`, personId: m.person, start, end, internal: false, approved: m.day % 3 > 0 };
  });

/** Callbacks of 1–6 hours (often during a home call: HC runs 08:00 → 08:00). */
const callbackArb = fc
  .record({
    person: fc.constantFrom(...residents),
    day: fc.integer({ min: 0, max: DAYS - 2 }),
    start: fc.integer({ min: 0, max: 23 }),
    hours: fc.integer({ min: 1, max: 6 }),
  })
  .map((c): Callback => {
    const at = (h: number) => `${dateAt(c.day + Math.floor(h / 24))}T${String(h % 24).padStart(2, '0')}:15`;
    return { id: `k${++ids}`, personId: c.person, start: at(c.start), end: at(c.start + c.hours), note: null };
  });

const weekArb = fc
  .record({ person: fc.constantFrom('f1', 'f2'), week: fc.integer({ min: 0, max: 9 }) })
  .map(
    ({ person, week }): InpatientWeek => ({ personId: person, start: dateAt(3 + week * 7), end: dateAt(9 + week * 7) }),
  ); // Fri → Thu

const rotationAssignmentArb = fc
  .record({
    person: fc.constantFrom(...residents),
    block: fc.integer({ min: 3, max: 5 }),
    part: fc.constantFrom<RotationAssignment['part']>('full', 'first', 'second'),
    rotation: fc.constantFrom('rot-fmit', 'rot-nf', 'rot-clin'),
  })
  .map(
    (r): RotationAssignment => ({
      personId: r.person,
      academicYear: 2026,
      blockNumber: r.block,
      part: r.part,
      rotationId: r.rotation,
    }),
  );

const modelArb = (withAbsences = true): fc.Arbitrary<Model> =>
  fc
    .record({
      assignments: fc.array(assignmentArb, { maxLength: 120 }),
      stretches: fc.array(stretchArb, { maxLength: 4 }),
      calls: fc.array(callArb, { maxLength: 25 }),
      absences: fc.array(absenceArb, { maxLength: withAbsences ? 4 : 0 }),
      inpatientWeeks: fc.array(weekArb, { maxLength: withAbsences ? 3 : 0 }),
      moonlighting: fc.array(moonlightingArb, { maxLength: 4 }),
      callbacks: fc.array(callbackArb, { maxLength: 4 }),
      rotationAssignments: fc.array(rotationAssignmentArb, { maxLength: 8 }),
    })
    .map(({ stretches, ...m }) => ({ ...m, assignments: [...m.assignments, ...stretches.flat()] }));

// ---- Edits, applied to a plain model the same way the validator applies them ----

type EditIntent = {
  kind: number;
  pick: number;
  assignment: Assignment;
  call: CallAssignment;
  absence: Absence;
  entry: MoonlightingEntry;
  callback: Callback;
  week: InpatientWeek;
  ra: RotationAssignment;
};
const intentArb: fc.Arbitrary<EditIntent> = fc.record({
  kind: fc.integer({ min: 0, max: 12 }),
  pick: fc.nat(),
  assignment: assignmentArb,
  call: callArb,
  absence: absenceArb,
  entry: moonlightingArb,
  callback: callbackArb,
  week: weekArb,
  ra: rotationAssignmentArb,
});

/** Turn an intent into a concrete edit against the model (removals pick an existing item). */
function concretize(m: Model, it: EditIntent): ScheduleEdit | null {
  const pick = <T>(list: T[]) => (list.length ? list[it.pick % list.length] : null);
  switch (it.kind) {
    case 0:
    case 1:
    case 2:
      return { kind: 'setAssignment', assignment: it.assignment };
    case 3: {
      const a = pick(m.assignments);
      return a && { kind: 'clearSlot', personId: a.personId, date: a.date, half: a.half };
    }
    case 4:
      return { kind: 'addCall', call: it.call };
    case 5: {
      const c = pick(m.calls);
      return c && { kind: 'removeCall', personId: c.personId, date: c.date, callTypeCode: c.callTypeCode };
    }
    case 6:
      return { kind: 'addAbsence', absence: { ...it.absence, id: `e${++ids}` } };
    case 7: {
      const a = pick(m.absences);
      return a && { kind: 'removeAbsence', absenceId: a.id };
    }
    case 8:
      return it.pick % 2
        ? { kind: 'addMoonlighting', entry: { ...it.entry, id: `e${++ids}` } }
        : pick(m.moonlighting) && { kind: 'removeMoonlighting', entryId: pick(m.moonlighting)!.id };
    case 9: {
      const w = pick(m.inpatientWeeks);
      return it.pick % 2 || !w
        ? { kind: 'addInpatientWeek', week: it.week }
        : { kind: 'removeInpatientWeek', personId: w.personId, start: w.start };
    }
    case 10:
      return { kind: 'setRotationAssignment', rotationAssignment: it.ra };
    case 12:
      return it.pick % 2
        ? { kind: 'addCallback', callback: { ...it.callback, id: `e${++ids}` } }
        : pick(m.callbacks) && { kind: 'removeCallback', callbackId: pick(m.callbacks)!.id };
    default: {
      const r = pick(m.rotationAssignments);
      return (
        r && {
          kind: 'removeRotationAssignment',
          personId: r.personId,
          academicYear: r.academicYear,
          blockNumber: r.blockNumber,
          part: r.part,
        }
      );
    }
  }
}

function applyToModel(m: Model, e: ScheduleEdit): Model {
  const sameSlot = (a: Assignment, p: string, d: string, h: string) => a.personId === p && a.date === d && a.half === h;
  const withoutFirst = <T>(list: T[], match: (x: T) => boolean) => {
    const i = list.findIndex(match);
    return i < 0 ? list : [...list.slice(0, i), ...list.slice(i + 1)];
  };
  switch (e.kind) {
    case 'setAssignment':
      return {
        ...m,
        assignments: [
          ...m.assignments.filter((a) => !sameSlot(a, e.assignment.personId, e.assignment.date, e.assignment.half)),
          e.assignment,
        ],
      };
    case 'clearSlot':
      return { ...m, assignments: m.assignments.filter((a) => !sameSlot(a, e.personId, e.date, e.half)) };
    case 'addCall':
      return { ...m, calls: [...m.calls, e.call] };
    case 'removeCall':
      return {
        ...m,
        calls: withoutFirst(
          m.calls,
          (c) => c.personId === e.personId && c.date === e.date && c.callTypeCode === e.callTypeCode,
        ),
      };
    case 'addAbsence':
      return { ...m, absences: [...m.absences, e.absence] };
    case 'removeAbsence':
      return { ...m, absences: m.absences.filter((a) => a.id !== e.absenceId) };
    case 'addMoonlighting':
      return { ...m, moonlighting: [...m.moonlighting, e.entry] };
    case 'removeMoonlighting':
      return { ...m, moonlighting: m.moonlighting.filter((x) => x.id !== e.entryId) };
    case 'addCallback':
      return { ...m, callbacks: [...m.callbacks, e.callback] };
    case 'removeCallback':
      return { ...m, callbacks: m.callbacks.filter((x) => x.id !== e.callbackId) };
    case 'addInpatientWeek':
      return { ...m, inpatientWeeks: [...m.inpatientWeeks, e.week] };
    case 'removeInpatientWeek':
      return {
        ...m,
        inpatientWeeks: withoutFirst(m.inpatientWeeks, (w) => w.personId === e.personId && w.start === e.start),
      };
    case 'setRotationAssignment': {
      const n = e.rotationAssignment;
      const clash = (r: RotationAssignment) =>
        r.personId === n.personId &&
        r.academicYear === n.academicYear &&
        r.blockNumber === n.blockNumber &&
        (r.part === 'full' || n.part === 'full' || r.part === n.part);
      return { ...m, rotationAssignments: [...m.rotationAssignments.filter((r) => !clash(r)), n] };
    }
    case 'removeRotationAssignment':
      return {
        ...m,
        rotationAssignments: withoutFirst(
          m.rotationAssignments,
          (r) =>
            r.personId === e.personId &&
            r.academicYear === e.academicYear &&
            r.blockNumber === e.blockNumber &&
            r.part === e.part,
        ),
      };
  }
}

const byId = (list: Finding[]) => new Map(list.map((f) => [f.id, f]));

describe('compliance engine properties', () => {
  it('incremental re-validation equals full validation after random edit sequences', () => {
    fc.assert(
      fc.property(modelArb(), fc.array(intentArb, { minLength: 1, maxLength: 10 }), (start, intents) => {
        let model = start;
        const validator = createValidator(toInput(model));
        let current = validator.findings();
        expect(current).toEqual(validate(toInput(model)));
        for (const intent of intents) {
          const edit = concretize(model, intent);
          if (!edit) continue;
          const diff = validator.applyEdit(edit);
          model = applyToModel(model, edit);
          const full = validate(toInput(model));
          expect(validator.findings()).toEqual(full);
          // The difference reported is exactly the change in findings.
          const expected = byId(current);
          for (const f of diff.removed) expected.delete(f.id);
          for (const f of diff.added) expected.set(f.id, f);
          expect(new Map([...expected].sort())).toEqual(new Map([...byId(full)].sort()));
          current = full;
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('a trial edit reports what applying it would and leaves the validator as it was', () => {
    const step = fc.tuple(intentArb, intentArb);
    fc.assert(
      fc.property(modelArb(), fc.array(step, { minLength: 1, maxLength: 10 }), (start, steps) => {
        let model = start;
        const validator = createValidator(toInput(model));
        let current = validator.findings();
        for (const [tried, applied] of steps) {
          const trialEdit = concretize(model, tried);
          if (trialEdit) {
            const trial = validator.trialEdits([trialEdit]);
            expect(validator.findings()).toEqual(current);
            const expected = byId(current);
            for (const f of trial.removed) expected.delete(f.id);
            for (const f of trial.added) expected.set(f.id, f);
            const full = validate(toInput(applyToModel(model, trialEdit)));
            expect(new Map([...expected].sort())).toEqual(new Map([...byId(full)].sort()));
          }
          // What is cached after a trial (timelines, availability) still describes the schedule:
          // another edit applied now agrees with a full validation.
          const edit = concretize(model, applied);
          if (!edit) continue;
          validator.applyEdit(edit);
          model = applyToModel(model, edit);
          current = validate(toInput(model));
          expect(validator.findings()).toEqual(current);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('a schedule checked in turn after another has the findings of a fresh check, created and removed ones', () => {
    // Generation checks the program before and after in turn, and so does a draft's check (the published
    // schedule, then the draft's): the second shares the first's state and re-checks only what changed.
    // Rule types of the findings a change created or removed (each pair is changed both ways).
    const changed = new Set<string>();
    const found = new Set<string>();
    fc.assert(
      fc.property(
        modelArb(),
        fc.array(intentArb, { minLength: 1, maxLength: 30 }),
        modelArb(),
        fc.boolean(),
        (start, intents, other, apart) => {
          let model = start;
          for (const intent of intents) {
            const edit = concretize(model, intent);
            if (edit) model = applyToModel(model, edit);
          }
          // Some pairs differ everywhere, as after regenerating a whole range.
          const next = apart ? other : model;
          const before = validate(toInput(start));
          const after = validate(toInput(next));
          const turn = validateInTurn(toInput(start));
          expect(turn.findings).toEqual(before);
          // A copy (a schedule sent to a worker): items are compared by content, not by reference.
          expect(turn.next(structuredClone(toInput(next)))).toEqual(after);
          expect(turn.next(toInput(start))).toEqual(before);
          const was = byId(before);
          const now = byId(after);
          for (const f of after) if (!was.has(f.id)) changed.add(f.ruleType);
          for (const f of before) if (!now.has(f.id)) changed.add(f.ruleType);
          for (const f of [...before, ...after]) found.add(f.ruleType);
        },
      ),
      // A seed whose programs have every kind of finding in some change (a kind may be rare in 100 programs).
      { numRuns: 100, seed: 1 },
    );
    // Every kind of finding the programs have was created and removed by a change.
    expect([...changed].sort()).toEqual([...found].sort());
    for (const type of ['acgme_80h', 'acgme_day_off', 'double_booking', 'supervision', 'consecutive_days'])
      expect(found).toContain(type);
  });

  it('a validator not told of a change disagrees with a fresh check, and agrees once changed to it', () => {
    const input = toInput(withAssignments([]));
    const validator = createValidator(input);
    expect(validator.findings()).toEqual([]);
    // Seven weeks of wards for r1, put in the input the validator was built from, behind its back.
    for (let d = 0; d < 49; d++)
      for (const half of ['AM', 'PM'] as const)
        input.assignments!.push({
          personId: 'r1',
          date: dateAt(10 + d),
          half,
          activityCode: 'WARD',
          source: 'solver',
          locked: false,
        });
    const fresh = validate(input);
    expect(fresh.length).toBeGreaterThan(0);
    expect(validator.findings()).not.toEqual(fresh);
    const diff = validator.changeTo(input);
    expect(validator.findings()).toEqual(fresh);
    expect(diff.added).toEqual(fresh);
  });

  it('refuses a bad item of the next schedule, saying where, and changes nothing', () => {
    const start = toInput(
      withAssignments([
        { personId: 'r1', date: dateAt(30), half: 'AM', activityCode: 'WARD', source: 'solver', locked: false },
      ]),
    );
    const validator = createValidator(start);
    const findings = validator.findings();
    const bad = {
      ...start,
      assignments: [
        { ...start.assignments![0], date: dateAt(31) },
        { ...start.assignments![0], activityCode: 'NOPE' },
      ],
    };
    expect(() => validator.changeTo(bad)).toThrow(ComplianceInputError);
    expect(() => validator.changeTo(bad)).toThrow(/^assignments\[1\]\.activityCode: unknown activity "NOPE"/);
    expect(validator.findings()).toEqual(findings);
    expect(validator.changeTo(start)).toEqual({ added: [], removed: [] });
    // Another range or catalog is not a version of the same schedule: checked afresh.
    const wider = { ...start, range: { start: dateAt(20), end: dateAt(60) } };
    expect(validateInTurn(start).next(wider)).toEqual(validate(wider));
    expect(() => validator.changeTo(wider)).toThrow(/keep the range, people, catalog and settings/);
  });

  it('gives the same findings whatever order the data is stored in', () => {
    fc.assert(
      fc.property(modelArb(), fc.integer(), (model, seed) => {
        const shuffle = <T>(list: T[]) => {
          const out = [...list];
          let s = seed;
          for (let i = out.length - 1; i > 0; i--) {
            s = (s * 1103515245 + 12345) & 0x7fffffff;
            const j = s % (i + 1);
            [out[i], out[j]] = [out[j], out[i]];
          }
          return out;
        };
        const shuffled: Model = {
          assignments: shuffle(model.assignments),
          calls: shuffle(model.calls),
          absences: shuffle(model.absences),
          inpatientWeeks: shuffle(model.inpatientWeeks),
          moonlighting: shuffle(model.moonlighting),
          callbacks: shuffle(model.callbacks),
          rotationAssignments: shuffle(model.rotationAssignments),
        };
        expect(validate(toInput(shuffled))).toEqual(validate(toInput(model)));
      }),
      { numRuns: RUNS },
    );
  });

  it('adding duty never removes an hours finding', () => {
    const dutyAdd = fc.oneof(
      assignmentArb.filter((a) => catalog.find((x) => x.code === a.activityCode)!.countsTowardDutyHours),
      callArb.filter((c) => c.callTypeCode !== 'BU'),
      moonlightingArb,
      callbackArb,
    );
    fc.assert(
      fc.property(modelArb(false), fc.array(dutyAdd, { minLength: 1, maxLength: 15 }), (model, additions) => {
        const before = validate(toInput(model), { ruleIds: HOURS_RULES });
        const free = (a: Assignment) =>
          !model.assignments.some(
            (x) =>
              x.personId === a.personId &&
              x.date === a.date &&
              x.half === a.half &&
              catalog.find((c) => c.code === x.activityCode)!.countsTowardDutyHours,
          );
        const more: Model = {
          ...model,
          // New half-days only go into slots without duty (replacing duty could shorten it).
          assignments: [...model.assignments, ...additions.filter((x): x is Assignment => 'half' in x && free(x))],
          calls: [...model.calls, ...additions.filter((x): x is CallAssignment => 'callTypeCode' in x)],
          moonlighting: [...model.moonlighting, ...additions.filter((x): x is MoonlightingEntry => 'internal' in x)],
          callbacks: [...model.callbacks, ...additions.filter((x): x is Callback => 'note' in x)],
        };
        const after = validate(toInput(more), { ruleIds: HOURS_RULES });
        for (const f of before) {
          const covered = after.some(
            (g) =>
              g.ruleId === f.ruleId &&
              g.personId === f.personId &&
              g.start <= f.start &&
              g.end >= f.end &&
              g.measured >= f.measured,
          );
          expect(covered, `${f.id} disappeared`).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('finds no hours problems once all duty is removed', () => {
    const hoursRules = [
      'acgme_80h',
      'acgme_day_off',
      'acgme_continuous',
      'acgme_rest_after_call',
      'acgme_rest_between',
      'acgme_call_frequency',
      'consecutive_days',
    ];
    fc.assert(
      fc.property(modelArb(), (model) => {
        const offDuty = new Set(catalog.filter((a) => !a.countsTowardDutyHours).map((a) => a.code));
        const idle: Model = {
          ...model,
          assignments: model.assignments.filter((a) => offDuty.has(a.activityCode)),
          // Days at a conference (education, not leave) are not free: no duty includes them too.
          absences: model.absences.filter((a) => a.type !== 'conference'),
          calls: [],
          moonlighting: [],
          callbacks: [],
          inpatientWeeks: [],
        };
        expect(validate(toInput(idle), { ruleIds: hoursRules })).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it('finds problems in the random programs (the properties are not vacuous)', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(modelArb(), (model) => {
        for (const f of validate(toInput(model))) seen.add(f.ruleType);
      }),
      { numRuns: 100, seed: 42 },
    );
    for (const type of [
      'acgme_80h',
      'acgme_day_off',
      'acgme_continuous',
      'acgme_rest_between',
      'double_booking',
      'supervision',
      'consecutive_days',
      'moonlighting_not_allowed',
      'moonlighting_approval',
    ])
      expect(seen).toContain(type);
  });
});
