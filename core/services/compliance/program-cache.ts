// Per open program: the published schedule as last read, one checked schedule (incremental
// validator) per academic year asked for, and one per open draft being looked at. The audit log
// tells when anything changed (every service write appends to it in its transaction): when its
// newest entry moves past what was seen, and the new entries are more than draft work, the
// program is re-read and only the keys that differ are applied to the validators as edits.
import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import type { IsoDate } from '../../domain/types';
import { ASSIGNMENT_ROWS_PER_PART, readProgramDataInParts } from '../../db/program-data';
import { ComplianceInputError } from '../../rules/input';
import { getDraft } from '../drafts';
import { draftDb } from '../drafts/tables';
import { nextTurn, stepsInTurns } from '../drafts/turns';
import { ServiceError } from '../errors';
import { forReading, partsConnection, type Program } from '../program';
import { latestAuditId, scheduleChangeSince } from '../schedule-version';
import { baseOf, CheckedSchedule, type ProgramBase } from './checked-schedule';
import { overlayChanges, overlayValuesInParts, type OverlayValues } from './draft-overlay';
import { yearHours } from './hours';
import {
  applyChangesInTurns,
  changeCount,
  changesBetweenInTurns,
  cloneSnapshotInTurns,
  snapshotInTurns,
  snapshotParts,
  type ScheduleSnapshot,
} from './snapshot';
import type { HoursResult } from './types';

/** Draft validators kept at once (each holds a year of schedule). */
const MAX_DRAFTS = 3;

/**
 * Changed keys a validator (a published year's, a draft's) takes as edits in one turn; more, and it is built
 * again in steps.
 */
const MAX_EDITS = 1000;

interface Published {
  base: ProgramBase;
  baseKey: string;
  snapshot: ScheduleSnapshot;
}

interface DraftEntry {
  academicYear: number;
  revision: number;
  overlay: OverlayValues;
  schedule: CheckedSchedule;
}

function fingerprint(base: ProgramBase): string {
  return createHash('sha256').update(JSON.stringify(base)).digest('hex');
}

export class ProgramCompliance {
  private seenAuditId = -1;
  private published: Published | null = null;
  private readonly years = new Map<number, CheckedSchedule>();
  private readonly drafts = new Map<number, DraftEntry>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly program: Program,
    /** The clock: certifications are checked as of today in the program's time zone. */
    private readonly now: () => Date = () => new Date(),
    /** Half-day assignments read per part when the program is re-read (tests use small parts). */
    private readonly assignmentRowsPerPart = ASSIGNMENT_ROWS_PER_PART,
  ) {}

  private today(published: Published): IsoDate {
    return programToday(published.base.settings.timeZone, this.now());
  }

  /** One refresh at a time: concurrent API calls must not apply the same edits twice. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The published schedule's program base (settings, people, catalog), after a refresh. */
  async base(): Promise<ProgramBase> {
    return this.exclusive(async () => (await this.refresh()).base);
  }

  /** The checked published schedule of an academic year, up to date with the database. */
  year(academicYear: number): Promise<CheckedSchedule> {
    return this.exclusive(async () => {
      const published = await this.refresh();
      return await this.yearOf(published, academicYear);
    });
  }

  /**
   * Weekly hours of residents of the published year: the year's validator's (cached) hours when it
   * is built or everyone is asked for; otherwise computed for the people asked for alone, from their
   * part of the published program (a resident's own page does not build a whole year's validator).
   */
  hours(academicYear: number, personIds?: readonly string[]): Promise<Omit<HoursResult, 'draftId'>> {
    return this.exclusive(async () => {
      const published = await this.refresh();
      requireYear(published, academicYear);
      const wanted = personIds?.length ? new Set(personIds) : null;
      // Hours do not depend on the day certifications are checked against: any built validator will do.
      const built = this.years.get(academicYear);
      if (!wanted || built) {
        const all = await stepsInTurns((built ?? (await this.yearOf(published, academicYear))).hoursSteps());
        return wanted ? { ...all, residents: all.residents.filter((r) => wanted.has(r.personId)) } : all;
      }
      return yearHours({ ...published.base, ...snapshotParts(published.snapshot) }, academicYear, [...wanted]);
    });
  }

  /**
   * Work on the checked published schedule of a year while nothing else touches it (swap
   * candidates try their changes on it and take them back). If the work throws, the year's
   * validator is dropped and rebuilt on the next use, in case it was left part-way.
   */
  withYear<T>(academicYear: number, work: (schedule: CheckedSchedule) => T): Promise<T> {
    return this.exclusive(async () => {
      const published = await this.refresh();
      const schedule = await this.yearOf(published, academicYear);
      try {
        return work(schedule);
      } catch (err) {
        this.years.delete(academicYear);
        throw err;
      }
    });
  }

  /** The checked schedule of an open draft (published + the draft's changes) for a year. */
  draft(draftId: number, academicYear: number): Promise<CheckedSchedule> {
    return this.exclusive(async () => {
      const published = await this.refresh();
      requireYear(published, academicYear);
      const summary = await getDraft({ program: this.program, actor: 'compliance' }, draftId);
      if (summary.status !== 'open')
        throw new ServiceError(
          'conflict',
          `Draft ${draftId} ("${summary.name}") is ${summary.status}; only open drafts are checked (the published ` +
            `schedule holds its changes)`,
        );
      const known = this.drafts.get(draftId);
      const today = this.today(published);
      if (known && known.schedule.asOf !== today) this.drafts.delete(draftId);
      else if (known && known.academicYear === academicYear && known.revision === summary.revision)
        return known.schedule;
      const overlay = await partsConnection(this.program)
        .transaction()
        .execute((trx) => overlayValuesInParts(draftDb(trx), draftId, nextTurn));
      let schedule: CheckedSchedule | null = null;
      if (known && known.academicYear === academicYear && known.schedule.asOf === today) {
        const changes = overlayChanges(published.snapshot, known.overlay, overlay);
        // Many changes (a block regenerated, a year's edit) are one long turn as edits: built again, in steps.
        if (changeCount(changes) <= MAX_EDITS) {
          try {
            known.schedule.update(changes);
            schedule = known.schedule;
          } catch (err) {
            if (!(err instanceof ComplianceInputError)) throw err;
          }
        }
      }
      schedule ??= await this.buildDraft(published, academicYear, overlay);
      this.drafts.delete(draftId);
      this.drafts.set(draftId, { academicYear, revision: summary.revision, overlay, schedule });
      while (this.drafts.size > MAX_DRAFTS) this.drafts.delete(this.drafts.keys().next().value!);
      return schedule;
    });
  }

  // A year's validator is built in steps, a turn of the event loop between two (about a second of
  // CPU at 150 residents): requests are answered meanwhile; compliance calls queue behind it (exclusive).
  private async buildDraft(
    published: Published,
    academicYear: number,
    overlay: OverlayValues,
  ): Promise<CheckedSchedule> {
    const snapshot = await this.copyOf(published.snapshot);
    // The draft's values over its copy of the published schedule (a year's draft: 100 000s), in parts.
    await applyChangesInTurns(snapshot, overlay, nextTurn, this.assignmentRowsPerPart);
    return stepsInTurns(CheckedSchedule.steps(academicYear, published.base, snapshot, this.today(published)));
  }

  private async yearOf(published: Published, academicYear: number): Promise<CheckedSchedule> {
    requireYear(published, academicYear);
    let schedule = this.years.get(academicYear);
    // A new day: certifications are checked again as of it.
    const today = this.today(published);
    if (!schedule || schedule.asOf !== today) {
      const snapshot = await this.copyOf(published.snapshot);
      schedule = await stepsInTurns(CheckedSchedule.steps(academicYear, published.base, snapshot, today));
      this.years.set(academicYear, schedule);
    }
    return schedule;
  }

  /** A validator's own copy of the published snapshot, made in turns. */
  private copyOf(snapshot: ScheduleSnapshot): Promise<ScheduleSnapshot> {
    return cloneSnapshotInTurns(snapshot, nextTurn, this.assignmentRowsPerPart);
  }

  /** Bring the published schedule (and every validator) up to date with the database. */
  private async refresh(): Promise<Published> {
    const latest = await latestAuditId(this.program.db);
    if (this.published && latest === this.seenAuditId) return this.published;
    if (this.published && !(await scheduleChangeSince(this.program.db, this.seenAuditId))) {
      this.seenAuditId = latest;
      return this.published;
    }
    // A year's half-days are 100 000s of rows: read in parts (one snapshot, on the parts reader) so
    // other requests are answered between two. The audit id is read again in that snapshot: it is
    // what the data shows.
    const { data, seen } = await partsConnection(this.program)
      .transaction()
      .execute(async (trx) => ({
        seen: await latestAuditId(trx),
        data: await readProgramDataInParts(trx, nextTurn, this.assignmentRowsPerPart),
      }));
    const base = baseOf(data);
    const baseKey = fingerprint(base);
    const snapshot = await snapshotInTurns(data, nextTurn, this.assignmentRowsPerPart);
    const previous = this.published;
    this.published = { base, baseKey, snapshot };
    this.seenAuditId = seen;
    // Draft overlays sit on the published schedule: rebuild them when it moves.
    this.drafts.clear();
    if (!previous || previous.baseKey !== baseKey) {
      // People, settings (rules) or the catalog changed: validators start over.
      this.years.clear();
      return this.published;
    }
    const changes = await changesBetweenInTurns(previous.snapshot, snapshot, nextTurn, this.assignmentRowsPerPart);
    // Many changes (a block's or a year's publish) are one long turn as edits: the validators are
    // built again, in steps, when next asked for.
    if (changeCount(changes) > MAX_EDITS) this.years.clear();
    for (const [year, schedule] of this.years) {
      try {
        schedule.update(changes);
      } catch (err) {
        if (!(err instanceof ComplianceInputError)) throw err;
        this.years.delete(year);
      }
    }
    return this.published;
  }
}

function requireYear(published: Published, academicYear: number): void {
  if (!published.base.academicYears.includes(academicYear))
    throw new ServiceError(
      'not_found',
      `The program has no academic year ${academicYear} (it has ${published.base.academicYears.join(', ') || 'none'})`,
    );
}

const programs = new WeakMap<Program['reader'], ProgramCompliance>();

/**
 * The compliance cache of an open program (one per open file, whether a query or a command asks);
 * `now` fixes its clock (tests). It reads the committed state, through the program's reader.
 */
export function complianceOf(program: Program, now?: () => Date): ProgramCompliance {
  let found = programs.get(program.reader);
  if (!found) programs.set(program.reader, (found = new ProgramCompliance(forReading(program), now)));
  return found;
}

/** Today in a time zone (the program's), as a calendar date. */
export function programToday(timeZone: string, now: Date): IsoDate {
  return DateTime.fromJSDate(now).setZone(timeZone).toISODate() ?? DateTime.fromJSDate(now).toISODate()!;
}
