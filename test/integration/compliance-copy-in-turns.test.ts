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
import { CheckedSchedule } from '../../core/services/compliance/checked-schedule';
import { ProgramCompliance } from '../../core/services/compliance/program-cache';
import { forReading, type Program } from '../../core/services/program';
import { programFixture, YEAR, type ProgramFixture } from './generation-fixture';

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
    let building = true;
    const opened = cache.year(YEAR).finally(() => (building = false));
    // Another request on every turn while the year opens: each answered, then the next one sent.
    const ask = async (): Promise<void> => {
      await program.reader.selectFrom('people').select('id').limit(1).execute();
      events.push('answer');
      if (building) await new Promise<void>((resolve) => setImmediate(() => resolve(ask())));
    };
    const [schedule] = await Promise.all([opened, new Promise<void>((resolve) => setImmediate(() => resolve(ask())))]);

    builds.mockRestore();
    const answeredBeforeBuild = events.indexOf('build');
    expect(answeredBeforeBuild).toBeGreaterThanOrEqual(Math.floor(data.assignments.length / PART));
    const range = { start: academicYearStart(YEAR), end: academicYearEnd(YEAR) };
    const engine = validate(complianceInput(data, range), { asOf: programToday(data.settings.timeZone, new Date()) });
    expect(engine.length).toBeGreaterThan(0);
    expect(
      schedule
        .findings()
        .map((f) => f.id)
        .sort(),
    ).toEqual(engine.map((f) => f.id).sort());
  }, 120_000);

  it("indexes the year's schedule for the rules in parts, answering requests between two", async () => {
    // The validator's state took every half-day of the year in one turn (60-215 ms at 250 residents).
    const cache = new ProgramCompliance(forReading(program), () => new Date(), PART);
    const resident = data.people.find((p) => p.kind === 'resident')!;
    await cache.hours(YEAR, [resident.id]);

    const events: string[] = [];
    const check = ScheduleState.prototype.checkAssignment;
    const checks = vi.spyOn(ScheduleState.prototype, 'checkAssignment').mockImplementation(function (
      this: ScheduleState,
      a,
    ) {
      if (events.at(-1) !== 'half-day') events.push('half-day');
      return check.call(this, a);
    });
    let building = true;
    const opened = cache.year(YEAR).finally(() => (building = false));
    const ask = async (): Promise<void> => {
      await program.reader.selectFrom('people').select('id').limit(1).execute();
      events.push('answer');
      if (building) await new Promise<void>((resolve) => setImmediate(() => resolve(ask())));
    };
    await Promise.all([opened, new Promise<void>((resolve) => setImmediate(() => resolve(ask())))]);
    checks.mockRestore();

    // The year's half-days (and the margin's) as the validator takes them: 20 000 a part.
    const range = { start: academicYearStart(YEAR), end: academicYearEnd(YEAR) };
    const halfDays = complianceInput(data, range).assignments?.length ?? 0;
    const parts = events.filter((e) => e === 'half-day').length;
    expect(parts).toBe(Math.ceil(halfDays / 20_000));
    expect(parts).toBeGreaterThan(1);
    // Between two parts, requests are answered.
    const between = events.slice(events.indexOf('half-day'), events.lastIndexOf('half-day'));
    expect(between.filter((e) => e === 'answer').length).toBeGreaterThanOrEqual(parts - 1);
  }, 120_000);
});
