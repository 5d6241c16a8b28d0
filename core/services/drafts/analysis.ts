// Everything known about a draft relative to the published schedule right now: the diff, the
// churn, the changes on or before the lock date, and the slots later publications touched.
// Shared by drafts.diff, the publish check and publish. analyzeDraftInParts reads a year's draft a
// month at a time, the main thread free between (publish then makes sure nothing changed since).
import { academicYearEnd, academicYearStart, addDays } from '../../domain/calendar';
import type { AcademicYearId, IsoDate, ProgramSettings } from '../../domain/types';
import { readSettings } from '../../db/program-data';
import type { Database } from '../../db/schema';
import type { Kysely } from 'kysely';
import { computeChurn, type ChurnReport } from './churn';
import {
  draftRow,
  inTransaction,
  publishedScheduleStamp,
  settingsHash,
  type DraftContext,
  type DraftRow,
} from './context';
import { diffOverlay, type DraftDiff, type OverlayEntries } from './diff';
import { draftDiffInParts } from './diff-in-parts';
import { DraftError } from './errors';
import { callKey, cellKey, rotationKey, weekKey } from './patch';
import { recordParts } from './publication-rows';
import type { PublishedTable } from './published-rows';
import { draftYears, loadOverlay, loadPublished, overlayPlanYears, overlaySpan } from './store';
import type { DraftDb, DraftTrx } from './tables';
import { nextTurn } from './turns';
import { latestAuditId, scheduleChangeSince } from '../schedule-version';
import type { DraftConflict } from './types';

type Db = DraftDb | DraftTrx;

export interface DraftAnalysis {
  settings: ProgramSettings;
  diff: DraftDiff;
  churn: ChurnReport;
  /** Diff entries dated on or before the lock date. */
  lockedChanges: number;
  conflicts: DraftConflict[];
}

export async function programSettings(db: Db): Promise<ProgramSettings> {
  const settings = await readSettings(db as unknown as Kysely<Database>);
  if (!settings) throw new DraftError('conflict', 'The program has no settings yet (an empty database)');
  return settings;
}

/** Days of published slots counted per statement (one count of a year: ~65 ms of main thread at 150 residents). */
const COUNT_DAYS_PER_PART = 31;

/**
 * Published slots per person in the academic years the draft covers (draftYears: its own span, not
 * only the dates it changes): the churn denominators. Counted
 * COUNT_DAYS_PER_PART days at a time, `pause` between two statements (the caller's one transaction).
 */
async function publishedCounts(
  db: Db,
  years: AcademicYearId[],
  pause: () => Promise<void>,
): Promise<{ total: number; byPerson: Map<string, number> }> {
  const byPerson = new Map<string, number>();
  let total = 0;
  for (const year of years) {
    const last = academicYearEnd(year);
    for (let from = academicYearStart(year); from <= last; from = addDays(from, COUNT_DAYS_PER_PART)) {
      const through = addDays(from, COUNT_DAYS_PER_PART - 1);
      const rows = await db
        .selectFrom('assignments')
        .select(['person_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('date', '>=', from)
        .where('date', '<=', through)
        .where('date', '<=', last)
        .groupBy('person_id')
        .execute();
      for (const r of rows) {
        byPerson.set(r.person_id, (byPerson.get(r.person_id) ?? 0) + Number(r.n));
        total += Number(r.n);
      }
      await pause();
    }
  }
  return { total, byPerson };
}

type Counts = Awaited<ReturnType<typeof publishedCounts>>;

/** Per open program, per set of academic years: the counts, and the newest audit entry they are as of. */
const knownCounts = new WeakMap<object, Map<string, { auditId: number; publications: string; counts: Counts }>>();

/**
 * publishedCounts, counted again only when the published schedule changed since it was last counted for these
 * years (a publication, a rollback, an import: scheduleChangeSince) and not on every look at a draft. `program`:
 * the open program the counts are kept for; read inside the caller's read-only transaction (a count made in a
 * transaction that may still write and roll back is not kept).
 */
async function currentCounts(
  db: Db,
  program: object,
  years: AcademicYearId[],
  pause: () => Promise<void>,
): Promise<Counts> {
  const kdb = db as unknown as Kysely<Database>;
  const key = years.join(',');
  const auditId = await latestAuditId(kdb);
  const publications = await publishedScheduleStamp(db);
  const known = knownCounts.get(program)?.get(key);
  if (known && known.publications === publications && !(await scheduleChangeSince(kdb, known.auditId))) {
    // Nothing since changed the schedule: later looks need not go through these entries again.
    known.auditId = auditId;
    return known.counts;
  }
  const counts = await publishedCounts(db, years, pause);
  const byYears = knownCounts.get(program) ?? new Map();
  byYears.set(key, { auditId, publications, counts });
  knownCounts.set(program, byYears);
  return counts;
}

/** Diff entries on or before the lock date (a changed inpatient week or plan block counts by its first day). */
export function countLocked(diff: DraftDiff, lockDate: IsoDate | null): number {
  if (!lockDate) return 0;
  return (
    diff.cells.filter((c) => c.date <= lockDate).length +
    diff.calls.filter((c) => c.date <= lockDate).length +
    diff.inpatientWeeks.filter((w) => w.start <= lockDate).length +
    (diff.rotations ?? []).filter((r) => r.start <= lockDate).length
  );
}

interface StoredRow {
  person_id: string;
  date?: string;
  half?: string;
  call_type_code?: string;
  start?: string;
  academic_year?: number;
  block_number?: number;
  part?: 'full' | 'first' | 'second';
}

/** Overlay keys whose published rows a publication after the draft's creation changed (`overlay` read only then). */
async function findConflicts(db: Db, row: DraftRow, overlay: () => Promise<OverlayEntries>): Promise<DraftConflict[]> {
  const publications = await db
    .selectFrom('publications')
    .select('id')
    .where('id', '>', row.base_publication_id ?? 0)
    .where('draft_id', '!=', row.id)
    .where('rolled_back_at', 'is', null)
    .orderBy('id')
    .execute();
  const later: { publication_id: number; table_name: PublishedTable; stored: StoredRow }[] = [];
  for (const { id } of publications)
    for await (const part of recordParts(db, id))
      for (const r of part)
        later.push({ publication_id: id, table_name: r.table, stored: (r.after ?? r.before) as unknown as StoredRow });
  if (later.length === 0) return [];
  const entries = await overlay();
  const cells = new Set(entries.cells.map(cellKey));
  const calls = new Set(entries.calls.map(callKey));
  const weeks = new Set(entries.inpatientWeeks.map(weekKey));
  const plan = new Set(entries.rotations.map(rotationKey));
  const blockStarts = new Map<string, string>();
  if (later.some((r) => r.table_name === 'rotation_assignments'))
    for (const b of await db.selectFrom('blocks').select(['academic_year', 'number', 'start']).execute())
      blockStarts.set(`${b.academic_year}|${b.number}`, b.start);
  const out: DraftConflict[] = [];
  const seen = new Set<string>();
  for (const { stored, ...r } of later) {
    let key: string;
    let hit: boolean;
    if (r.table_name === 'assignments') {
      key = cellKey({ personId: stored.person_id, date: stored.date!, half: stored.half as 'AM' | 'PM' });
      hit = cells.has(key);
    } else if (r.table_name === 'calls') {
      key = callKey({ date: stored.date!, callTypeCode: stored.call_type_code!, personId: stored.person_id });
      hit = calls.has(key);
    } else if (r.table_name === 'rotation_assignments') {
      const ref = {
        personId: stored.person_id,
        academicYear: stored.academic_year!,
        blockNumber: stored.block_number!,
        part: stored.part!,
      };
      key = rotationKey(ref);
      hit = plan.has(key);
      if (hit && !seen.has(`${r.table_name}|${key}`)) {
        seen.add(`${r.table_name}|${key}`);
        out.push({
          publicationId: r.publication_id,
          table: r.table_name,
          personId: ref.personId,
          date: blockStarts.get(`${ref.academicYear}|${ref.blockNumber}`) ?? academicYearStart(ref.academicYear),
          half: null,
          plan: { academicYear: ref.academicYear, blockNumber: ref.blockNumber, part: ref.part },
        });
      }
      continue;
    } else {
      key = weekKey({ personId: stored.person_id, start: stored.start! });
      hit = weeks.has(key);
    }
    if (!hit || seen.has(`${r.table_name}|${key}`)) continue;
    seen.add(`${r.table_name}|${key}`);
    out.push({
      publicationId: r.publication_id,
      table: r.table_name,
      personId: stored.person_id,
      date: (stored.date ?? stored.start)!,
      half: (stored.half as 'AM' | 'PM' | undefined) ?? null,
    });
  }
  return out;
}

/**
 * The analysis given the draft's diff (`overlay`: its entries, read only if a later publication may
 * conflict); `pause` between its longer pieces (a year's draft: each some 10-20 ms of main thread).
 */
async function analysisOf(
  db: Db,
  row: DraftRow,
  diff: DraftDiff,
  overlay: () => Promise<OverlayEntries>,
  pause: () => Promise<void> = async () => {},
  /** The open program whose published counts are kept between analyses (read-only transactions only). */
  program?: object,
): Promise<DraftAnalysis> {
  const settings = await programSettings(db);
  const people = await db.selectFrom('people').select(['id', 'name']).execute();
  const names = new Map(people.map((p) => [p.id, p.name]));
  const years = await draftYears(db, row.id);
  await pause();
  const counts = program ? await currentCounts(db, program, years, pause) : await publishedCounts(db, years, pause);
  const churn = computeChurn(diff, counts, settings.churn, (id) => names.get(id) ?? id);
  await pause();
  return {
    settings,
    diff,
    churn,
    lockedChanges: countLocked(diff, settings.lockDate),
    conflicts: await findConflicts(db, row, overlay),
  };
}

/** The analysis in one read (inside the caller's transaction when `db` is one). */
export async function analyzeDraft(db: Db, row: DraftRow): Promise<DraftAnalysis> {
  const entries = (await loadOverlay(db, row.id)).entries();
  const published = await loadPublished(db, overlaySpan(entries), overlayPlanYears(entries));
  return analysisOf(db, row, diffOverlay(entries, published, published), async () => entries);
}

/** What an analysis is worked out from besides the draft's rows: a change to any makes it stale. */
export interface AnalysisBasis {
  revision: number;
  /** The latest publication and how many were rolled back (a rollback changes the schedule too). */
  publications: string;
  settingsHash: string;
}

export async function analysisBasis(db: Db, row: DraftRow): Promise<AnalysisBasis> {
  return {
    revision: row.revision,
    publications: await publishedScheduleStamp(db),
    settingsHash: await settingsHash(db),
  };
}

export const sameBasis = (a: AnalysisBasis, b: AnalysisBasis) =>
  a.revision === b.revision && a.publications === b.publications && a.settingsHash === b.settingsHash;

/** Tries at reading a draft in parts while it or the schedule keeps changing, before one read. */
const ANALYSIS_ATTEMPTS = 3;

/**
 * The same analysis of a large draft holding the main thread only briefly: its diff read a month at
 * a time (draftDiffInParts), the rest in one short read that also checks nothing it depends on
 * changed since the first (else read again; after a few tries, in one read), with turns between its
 * pieces. `basis`: what it was worked out from, for a caller that acts on it later (publish checks it
 * again in its transaction).
 */
export async function analyzeDraftInParts(
  ctx: DraftContext,
  draftId: number,
): Promise<{ row: DraftRow; basis: AnalysisBasis; analysis: DraftAnalysis }> {
  for (let attempt = 1; attempt <= ANALYSIS_ATTEMPTS; attempt++) {
    const start = await inTransaction(ctx, async (trx) => {
      const row = await draftRow(trx, draftId);
      return { row, basis: await analysisBasis(trx, row) };
    });
    const diff = await draftDiffInParts(ctx, draftId);
    await nextTurn();
    const analysis = await inTransaction(ctx, async (trx) => {
      if (!sameBasis(start.basis, await analysisBasis(trx, await draftRow(trx, draftId)))) return null;
      const overlay = async () => (await loadOverlay(trx, draftId)).entries();
      return analysisOf(trx, start.row, diff, overlay, nextTurn, ctx.program);
    });
    if (analysis) return { ...start, analysis };
  }
  return inTransaction(ctx, async (trx) => {
    const row = await draftRow(trx, draftId);
    return { row, basis: await analysisBasis(trx, row), analysis: await analyzeDraft(trx, row) };
  });
}
