// A year's validator works on its own copy of the published schedule (its updates change it). The
// copy of the program's half-days was one turn of the main thread (100-160 ms CPU at 150 residents,
// after a publish and on the Compliance view's first open); it is made a part at a time, so requests
// sent meanwhile are answered before the validator's build begins. Same findings as the engine's.
// Waits on events (which comes first), never on the clock.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { academicYearEnd, academicYearStart } from '../../core/domain/calendar';
import type { ProgramData } from '../../core/domain/program';
import { validate } from '../../core/rules/engine';
import { complianceInput } from '../../core/rules/input';
import { ScheduleState } from '../../core/rules/state';
import { programToday } from '../../core/services/compliance';
import { createDraftFromAssignments, editDraft } from '../../core/services/drafts';
import { CheckedSchedule } from '../../core/services/compliance/checked-schedule';
import { ProgramCompliance } from '../../core/services/compliance/program-cache';
import { forReading, type Program } from '../../core/services/program';
import { programFixture, YEAR, type ProgramFixture } from './generation-fixture';
import { watchStatementRuns } from '../statement-runs';

/** Half-days copied per turn here (the app's parts are 20 000). */
const PART = 1000;
let fixture: ProgramFixture;
let data: ProgramData;
let program: Program;

beforeAll(async () => {
  fixture = await programFixture();
  data = fixture.data;
  program = await fixture.copy();
}, 120_000);
afterAll(async () => {
  await program?.close();
  fixture?.cleanup();
});

/**
 * Another request on every turn while `work` runs, each answered before the next is sent: its
 * answers go into `events` among what the work marks there.
 */
async function whileAnswering<T>(work: Promise<T>, events: string[]): Promise<T> {
  let running = true;
  const done = work.finally(() => (running = false));
  const ask = async (): Promise<void> => {
    await program.reader.selectFrom('people').select('id').limit(1).execute();
    events.push('answer');
    if (running) await new Promise<void>((resolve) => setImmediate(() => resolve(ask())));
  };
  const [result] = await Promise.all([done, new Promise<void>((resolve) => setImmediate(() => resolve(ask())))]);
  return result;
}

/**
 * Marks in `events` each run of the half-days a ScheduleState takes (each part of its index); undo with
 * mockRestore.
 */
function markIndexParts(events: string[]) {
  const check = ScheduleState.prototype.checkAssignment;
  return vi.spyOn(ScheduleState.prototype, 'checkAssignment').mockImplementation(function (this: ScheduleState, a) {
    if (events.at(-1) !== 'half-day') events.push('half-day');
    return check.call(this, a);
  });
}

/** The schedule's findings are the engine's on the same year of `data`; returns how many there are. */
function expectEngineFindings(schedule: { findings(): { id: string }[] }, data: ProgramData): number {
  const range = { start: academicYearStart(YEAR), end: academicYearEnd(YEAR) };
  const engine = validate(complianceInput(data, range), { asOf: programToday(data.settings.timeZone, new Date()) });
  const ids = (findings: { id: string }[]) => findings.map((f) => f.id).sort();
  expect(ids(schedule.findings())).toEqual(ids(engine));
  return engine.length;
}

/** Answers between the first and the last part of an index. */
const answersBetweenParts = (events: string[]) =>
  events.slice(events.indexOf('half-day'), events.lastIndexOf('half-day')).filter((e) => e === 'answer').length;

describe("a year's validator", () => {
  it('copies the published schedule in parts, answering requests meanwhile, finds what the engine finds', async () => {
    const cache = new ProgramCompliance(forReading(program), () => new Date(), PART);
    // The published program read into the cache first (a resident's hours do not build the year's
    // validator).
    const resident = data.people.find((p) => p.kind === 'resident')!;
    await cache.hours(YEAR, [resident.id]);

    const events: string[] = [];
    const build = CheckedSchedule.steps.bind(CheckedSchedule);
    const builds = vi.spyOn(CheckedSchedule, 'steps').mockImplementation((...args) => {
      events.push('build');
      return build(...args);
    });
    // Another request on every turn while the year opens: each answered, then the next one sent.
    const schedule = await whileAnswering(cache.year(YEAR), events);

    builds.mockRestore();
    const answeredBeforeBuild = events.indexOf('build');
    expect(answeredBeforeBuild).toBeGreaterThanOrEqual(Math.floor(data.assignments.length / PART));
    expect(expectEngineFindings(schedule, data)).toBeGreaterThan(0);
  }, 120_000);

  it("indexes the year's schedule for the rules in parts, answering requests between two", async () => {
    // The validator's state took every half-day of the year in one turn (60-215 ms at 250 residents).
    const cache = new ProgramCompliance(forReading(program), () => new Date(), PART);
    const resident = data.people.find((p) => p.kind === 'resident')!;
    await cache.hours(YEAR, [resident.id]);

    const events: string[] = [];
    const checks = markIndexParts(events);
    await whileAnswering(cache.year(YEAR), events);
    checks.mockRestore();

    // The year's half-days (and the margin's) as the validator takes them: 20 000 a part.
    const range = { start: academicYearStart(YEAR), end: academicYearEnd(YEAR) };
    const halfDays = complianceInput(data, range).assignments?.length ?? 0;
    const parts = events.filter((e) => e === 'half-day').length;
    expect(parts).toBe(Math.ceil(halfDays / 20_000));
    expect(parts).toBeGreaterThan(1);
    // Between two parts, requests are answered.
    expect(answersBetweenParts(events)).toBeGreaterThanOrEqual(parts - 1);

    // Everyone's hours of the year index its schedule (with the weeks around it) in parts too.
    const hourEvents: string[] = [];
    const hourChecks = markIndexParts(hourEvents);
    const hours = await whileAnswering(cache.hours(YEAR), hourEvents);
    hourChecks.mockRestore();
    expect(hours.residents.length).toBeGreaterThan(0);
    const hourParts = hourEvents.filter((e) => e === 'half-day').length;
    expect(hourParts).toBeGreaterThan(1);
    expect(answersBetweenParts(hourEvents)).toBeGreaterThanOrEqual(hourParts - 1);
  }, 120_000);

  it("reads a draft's changes a window at a time; a large edit builds its validator again in steps", async () => {
    // A year's draft is 100 000s of changes: read and keyed in one turn, and taken by its open
    // validator as that many edits in one turn (a regenerated block, a bulk edit).
    const cache = new ProgramCompliance(forReading(program), () => new Date(), PART);
    const ctx = { program, actor: 'coordinator' };
    const inYear = (date: string) => date >= academicYearStart(YEAR) && date <= academicYearEnd(YEAR);
    const open = data.assignments.filter((a) => inYear(a.date) && !a.locked && a.activityCode !== 'SIM');
    const [first, ...rest] = open;
    const { draft } = await createDraftFromAssignments(ctx, {
      name: 'A bulk edit',
      source: 'manual',
      assignments: [{ personId: first.personId, date: first.date, half: first.half, activityCode: 'SIM' }],
    });
    await cache.draft(draft.id, YEAR);
    const cells = rest.filter((_, i) => i % 3 === 0).map((a) => ({ personId: a.personId, date: a.date, half: a.half }));
    expect(cells.length).toBeGreaterThan(1000);
    await editDraft(ctx, draft.id, { kind: 'setActivity', cells, activityCode: 'SIM' });

    const events: string[] = [];
    const build = CheckedSchedule.steps.bind(CheckedSchedule);
    const builds = vi.spyOn(CheckedSchedule, 'steps').mockImplementation((...args) => {
      events.push('build');
      return build(...args);
    });
    const stopReads = watchStatementRuns(({ source }) => {
      if (/from "draft_assignment_changes"/i.test(source) && /"date" >=/.test(source)) events.push('changes');
    });
    const schedule = await whileAnswering(cache.draft(draft.id, YEAR), events);
    builds.mockRestore();
    stopReads();

    // The draft's changes read in windows, requests answered between two; then built again in steps.
    const windows = events.filter((e) => e === 'changes').length;
    expect(windows).toBeGreaterThan(1);
    const between = events.slice(events.indexOf('changes'), events.lastIndexOf('changes'));
    expect(between.filter((e) => e === 'answer').length).toBeGreaterThanOrEqual(windows - 1);
    expect(events.filter((e) => e === 'build')).toHaveLength(1);
    // What the engine finds on the program with the draft's changes.
    const changed = new Set([first, ...cells].map((c) => `${c.personId}|${c.date}|${c.half}`));
    const drafted: ProgramData = {
      ...data,
      assignments: data.assignments.map((a) =>
        changed.has(`${a.personId}|${a.date}|${a.half}`) ? { ...a, activityCode: 'SIM', source: 'manual' } : a,
      ),
    };
    expectEngineFindings(schedule, drafted);
  }, 120_000);
});
