// One schedule under watch: the compliance engine's incremental validator over an academic year,
// the schedule it was given (as a keyed snapshot), and what is derived from it (hours) cached
// per version. Updating it with changed keys re-validates only what those edits can affect.
import { academicYearEnd, academicYearStart } from '../../domain/calendar';
import type { ProgramData } from '../../domain/program';
import type { Finding, IsoDate } from '../../domain/types';
import { ComplianceValidator, finish, type FindingDiff } from '../../rules/engine';
import { complianceInput } from '../../rules/input';
import { yearHoursSteps } from './hours';
import {
  applyChanges,
  changeCount,
  editsFor,
  snapshotOf,
  snapshotParts,
  type ScheduleSnapshot,
  type SnapshotChanges,
} from './snapshot';
import type { HoursResult } from './types';

/** Program content a validator cannot take as an edit: a change here means a new validator. */
export type ProgramBase = Omit<ProgramData, keyof ReturnType<typeof snapshotParts>>;

export class CheckedSchedule {
  readonly range: { start: string; end: string };
  /** Bumped by every update that changed something. */
  version = 0;
  /** Time the last full validation or incremental update took. */
  lastMs: number;
  private findingsCache: { version: number; list: Finding[] } | null = null;
  private hoursCache: { version: number; result: Omit<HoursResult, 'draftId'> } | null = null;

  private constructor(
    readonly academicYear: number,
    readonly base: ProgramBase,
    readonly snapshot: ScheduleSnapshot,
    /** The day certifications are checked against (today, in the program's time zone). */
    readonly asOf: IsoDate,
    private readonly validator: ComplianceValidator,
    /** Time the full validation took. */
    builtMs: number,
  ) {
    this.range = yearRange(academicYear);
    this.lastMs = builtMs;
  }

  /** Validate a whole academic year of a program as of a day (the snapshot is owned from now on). */
  static build(academicYear: number, base: ProgramBase, snapshot: ScheduleSnapshot, asOf: IsoDate): CheckedSchedule {
    return finish(CheckedSchedule.steps(academicYear, base, snapshot, asOf));
  }

  /** The same, yielding between parts of the validator's work (the main thread: see ComplianceValidator.steps). */
  static *steps(
    academicYear: number,
    base: ProgramBase,
    snapshot: ScheduleSnapshot,
    asOf: IsoDate,
  ): Generator<void, CheckedSchedule> {
    const started = performance.now();
    const input = complianceInput({ ...base, ...snapshotParts(snapshot) }, yearRange(academicYear));
    // The program's schedule listed and cut to the year is one step, the validator's state another.
    yield;
    const validator = yield* ComplianceValidator.steps(input, { asOf });
    return new CheckedSchedule(academicYear, base, snapshot, asOf, validator, performance.now() - started);
  }

  static fromProgram(academicYear: number, data: ProgramData, asOf: IsoDate): CheckedSchedule {
    return CheckedSchedule.build(academicYear, baseOf(data), snapshotOf(data), asOf);
  }

  /** The program as this schedule sees it now. */
  data(): ProgramData {
    return { ...this.base, ...snapshotParts(this.snapshot) };
  }

  findings(): Finding[] {
    if (this.findingsCache?.version !== this.version)
      this.findingsCache = { version: this.version, list: this.validator.findings() };
    return this.findingsCache.list;
  }

  hours(): Omit<HoursResult, 'draftId'> {
    return finish(this.hoursSteps());
  }

  /** The same, yielding between residents (yearHoursSteps); cached per version like hours(). */
  *hoursSteps(): Generator<void, Omit<HoursResult, 'draftId'>> {
    if (this.hoursCache?.version !== this.version) {
      const version = this.version;
      const result = yield* yearHoursSteps(this.data(), this.academicYear);
      this.hoursCache = { version, result };
    }
    return this.hoursCache.result;
  }

  /**
   * Apply changed keys as validator edits (all or nothing) and keep the snapshot in step.
   * Returns the findings added and removed, or null when nothing changed.
   */
  update(changes: SnapshotChanges): FindingDiff | null {
    if (changeCount(changes) === 0) return null;
    const edits = editsFor(this.snapshot, changes);
    if (edits.length === 0) return null;
    const started = performance.now();
    const diff = this.validator.applyEdits(edits);
    applyChanges(this.snapshot, changes);
    this.version++;
    this.lastMs = performance.now() - started;
    return diff;
  }

  /**
   * The findings a change would add and remove, without keeping it: applied to the validator,
   * measured, and undone (how a swap candidate is checked). A change that does not fit the
   * schedule throws and leaves it as it was.
   */
  trial(changes: SnapshotChanges): FindingDiff {
    const edits = editsFor(this.snapshot, changes);
    if (edits.length === 0) return { added: [], removed: [] };
    return this.validator.trialEdits(edits);
  }
}

const yearRange = (academicYear: number) => ({
  start: academicYearStart(academicYear),
  end: academicYearEnd(academicYear),
});

export function baseOf(data: ProgramData): ProgramBase {
  const {
    assignments: _a,
    calls: _c,
    inpatientWeeks: _w,
    absences: _b,
    moonlighting: _m,
    callbacks: _k,
    rotationAssignments: _r,
    ...base
  } = data;
  return base;
}
