// Reading and writing a draft's overlay rows and the published rows under them. Edits load the
// entries they touch into a MemoryOverlay, run the pure patch logic there, and write back the net
// value of every touched key, so the database and the in-memory model cannot disagree.
import { sql } from 'kysely';
import { academicYearOf } from '../../domain/calendar';
import type { AcademicYearId, AssignmentSource, BlockPart, HalfDay, IsoDate } from '../../domain/types';
import type {
  BlockSpan,
  OverlayEntries,
  PlanPart,
  PublishedCall,
  PublishedCell,
  PublishedLookup,
  PublishedPlanLookup,
  PublishedWeek,
} from './diff';
import {
  callKey,
  cellKey,
  MemoryOverlay,
  planBlockKey,
  rotationKey,
  weekKey,
  type CallRef,
  type CellRef,
  type DraftPatch,
  type RotationRef,
  type WeekRef,
} from './patch';
import type { DraftDb, DraftTrx } from './tables';

type Db = DraftDb | DraftTrx;

export interface DateSpan {
  start: IsoDate;
  end: IsoDate;
}

/** Smallest span holding every date of a patch; null for an empty patch. */
export function patchSpan(patch: DraftPatch): DateSpan | null {
  const dates = [
    ...patch.cells.map((c) => c.date),
    ...patch.calls.map((c) => c.date),
    ...patch.inpatientWeeks.map((w) => w.start),
  ];
  if (dates.length === 0) return null;
  dates.sort();
  return { start: dates[0], end: dates[dates.length - 1] };
}

/**
 * The draft's overlay entries, all of them or those dated within `span`, and every plan entry
 * (a draft holds at most a few per resident and block). `schedule: false` loads the plan only,
 * `plan: false` the schedule only.
 */
export async function loadOverlay(
  db: Db,
  draftId: number,
  span: DateSpan | null = null,
  options: { schedule?: boolean; plan?: boolean } = {},
): Promise<MemoryOverlay> {
  const overlay = new MemoryOverlay();
  const plan =
    options.plan === false
      ? []
      : await db.selectFrom('draft_rotation_changes').selectAll().where('draft_id', '=', draftId).execute();
  for (const r of plan)
    overlay.setRotation(
      { personId: r.person_id, academicYear: r.academic_year, blockNumber: r.block_number, part: r.part as BlockPart },
      { rotationId: r.rotation_id },
    );
  if (options.schedule === false) return overlay;
  let cells = db.selectFrom('draft_assignment_changes').selectAll().where('draft_id', '=', draftId);
  let calls = db.selectFrom('draft_call_changes').selectAll().where('draft_id', '=', draftId);
  let weeks = db.selectFrom('draft_inpatient_week_changes').selectAll().where('draft_id', '=', draftId);
  if (span) {
    cells = cells.where('date', '>=', span.start).where('date', '<=', span.end);
    calls = calls.where('date', '>=', span.start).where('date', '<=', span.end);
    weeks = weeks.where('start', '>=', span.start).where('start', '<=', span.end);
  }
  for (const r of await cells.execute())
    overlay.setCell(
      { personId: r.person_id, date: r.date, half: r.half as HalfDay },
      { activityCode: r.activity_code, source: r.source as AssignmentSource, locked: r.locked === 1 },
    );
  for (const r of await calls.execute())
    overlay.setCall(
      { date: r.date, callTypeCode: r.call_type_code, personId: r.person_id },
      r.assigned ? { assigned: true, source: r.source as AssignmentSource } : { assigned: false },
    );
  for (const r of await weeks.execute())
    overlay.setWeek(
      { personId: r.person_id, start: r.start },
      r.assigned ? { assigned: true, end: r.end! } : { assigned: false },
    );
  return overlay;
}

/** Write the overlay's current value of every key the patch names (delete those it no longer has). */
export async function writeTouched(
  trx: DraftTrx,
  draftId: number,
  overlay: MemoryOverlay,
  patch: DraftPatch,
): Promise<number> {
  const cellKeys = new Map<string, CellRef>();
  for (const c of patch.cells) cellKeys.set(cellKey(c), c);
  const callKeys = new Map<string, CallRef>();
  for (const c of patch.calls) callKeys.set(callKey(c), c);
  const weekKeys = new Map<string, WeekRef>();
  for (const w of patch.inpatientWeeks) weekKeys.set(weekKey(w), w);
  const rotationKeys = new Map<string, RotationRef>();
  for (const r of patch.rotations ?? []) rotationKeys.set(rotationKey(r), r);

  // Keys and rows travel as one JSON parameter each; SQLite unpacks them with json_each.
  const cellList = [...cellKeys.values()];
  const callList = [...callKeys.values()];
  const weekList = [...weekKeys.values()];
  if (cellList.length) {
    const keys = JSON.stringify(cellList.map((c) => [c.personId, c.date, c.half]));
    await sql`DELETE FROM draft_assignment_changes
      WHERE draft_id = ${draftId} AND (person_id, date, half) IN
        (SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(${keys}))`.execute(trx);
  }
  if (callList.length) {
    const keys = JSON.stringify(callList.map((c) => [c.date, c.callTypeCode, c.personId]));
    await sql`DELETE FROM draft_call_changes
      WHERE draft_id = ${draftId} AND (date, call_type_code, person_id) IN
        (SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(${keys}))`.execute(trx);
  }
  if (weekList.length) {
    const keys = JSON.stringify(weekList.map((w) => [w.personId, w.start]));
    await sql`DELETE FROM draft_inpatient_week_changes
      WHERE draft_id = ${draftId} AND (person_id, start) IN
        (SELECT value ->> 0, value ->> 1 FROM json_each(${keys}))`.execute(trx);
  }

  const cellRows = cellList.flatMap((ref) => {
    const v = overlay.getCell(ref);
    return v ? [[ref.personId, ref.date, ref.half, v.activityCode, v.source, v.locked ? 1 : 0]] : [];
  });
  if (cellRows.length)
    await sql`INSERT INTO draft_assignment_changes (draft_id, person_id, date, half, activity_code, source, locked)
      SELECT ${draftId}, value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5
      FROM json_each(${JSON.stringify(cellRows)})`.execute(trx);
  const callRows = callList.flatMap((ref) => {
    const v = overlay.getCall(ref);
    return v ? [[ref.date, ref.callTypeCode, ref.personId, v.assigned ? 1 : 0, v.assigned ? v.source : null]] : [];
  });
  if (callRows.length)
    await sql`INSERT INTO draft_call_changes (draft_id, date, call_type_code, person_id, assigned, source)
      SELECT ${draftId}, value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4
      FROM json_each(${JSON.stringify(callRows)})`.execute(trx);
  const weekRows = weekList.flatMap((ref) => {
    const v = overlay.getWeek(ref);
    return v ? [[ref.personId, ref.start, v.assigned ? v.end : null, v.assigned ? 1 : 0]] : [];
  });
  if (weekRows.length)
    await sql`INSERT INTO draft_inpatient_week_changes (draft_id, person_id, start, "end", assigned)
      SELECT ${draftId}, value ->> 0, value ->> 1, value ->> 2, value ->> 3
      FROM json_each(${JSON.stringify(weekRows)})`.execute(trx);
  const rotationList = [...rotationKeys.values()];
  if (rotationList.length) {
    const keys = JSON.stringify(rotationList.map((r) => [r.personId, r.academicYear, r.blockNumber, r.part]));
    await sql`DELETE FROM draft_rotation_changes
      WHERE draft_id = ${draftId} AND (person_id, academic_year, block_number, part) IN
        (SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3 FROM json_each(${keys}))`.execute(trx);
    const rotationRows = rotationList.flatMap((ref) => {
      const v = overlay.getRotation(ref);
      return v ? [[ref.personId, ref.academicYear, ref.blockNumber, ref.part, v.rotationId]] : [];
    });
    if (rotationRows.length)
      await sql`INSERT INTO draft_rotation_changes (draft_id, person_id, academic_year, block_number, part, rotation_id)
        SELECT ${draftId}, value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4
        FROM json_each(${JSON.stringify(rotationRows)})`.execute(trx);
  }
  return cellKeys.size + callKeys.size + weekKeys.size + rotationKeys.size;
}

/**
 * Published rows in a date span (inpatient weeks by start) and the published annual plan of
 * `planYears` with the block calendar, as an in-memory lookup.
 */
export async function loadPublished(
  db: Db,
  span: DateSpan | null,
  planYears: readonly number[] = [],
): Promise<PublishedLookup & PublishedPlanLookup & { span: DateSpan | null }> {
  const plan = await loadPublishedPlan(db, planYears);
  const cells = new Map<string, PublishedCell>();
  const calls = new Map<string, PublishedCall[]>();
  const weeks = new Map<string, PublishedWeek[]>();
  if (span) {
    const [a, c, w] = await Promise.all([
      db.selectFrom('assignments').selectAll().where('date', '>=', span.start).where('date', '<=', span.end).execute(),
      db.selectFrom('calls').selectAll().where('date', '>=', span.start).where('date', '<=', span.end).execute(),
      db
        .selectFrom('inpatient_weeks')
        .selectAll()
        .where('start', '>=', span.start)
        .where('start', '<=', span.end)
        .execute(),
    ]);
    for (const r of a)
      cells.set(cellKey({ personId: r.person_id, date: r.date, half: r.half as HalfDay }), {
        activityCode: r.activity_code,
        source: r.source as AssignmentSource,
        locked: r.locked === 1,
      });
    for (const r of c) {
      const key = `${r.date}|${r.call_type_code}`;
      calls.set(key, [...(calls.get(key) ?? []), { personId: r.person_id, source: r.source as AssignmentSource }]);
    }
    for (const r of w) weeks.set(r.start, [...(weeks.get(r.start) ?? []), { personId: r.person_id, end: r.end }]);
  }
  const inSpan = (date: IsoDate) => {
    if (!span || date < span.start || date > span.end) throw new RangeError(`${date} is outside the loaded dates`);
  };
  return {
    span,
    ...plan,
    cell: (ref) => (inSpan(ref.date), cells.get(cellKey(ref)) ?? null),
    calls: (date, callTypeCode) => (inSpan(date), calls.get(`${date}|${callTypeCode}`) ?? []),
    weeks: (start) => (inSpan(start), weeks.get(start) ?? []),
  };
}

/** The published plan of some academic years and their blocks (reading another year is an error). */
export async function loadPublishedPlan(db: Db, years: readonly number[]): Promise<PublishedPlanLookup> {
  const wanted = [...new Set(years)];
  const parts = new Map<string, PlanPart[]>();
  const blocks = new Map<string, BlockSpan>();
  if (wanted.length) {
    const [plan, blockRows] = await Promise.all([
      db.selectFrom('rotation_assignments').selectAll().where('academic_year', 'in', wanted).execute(),
      db
        .selectFrom('blocks')
        .select(['academic_year', 'number', 'start', 'end'])
        .where('academic_year', 'in', wanted)
        .execute(),
    ]);
    for (const r of plan) {
      const key = planBlockKey({ personId: r.person_id, academicYear: r.academic_year, blockNumber: r.block_number });
      parts.set(key, [...(parts.get(key) ?? []), { part: r.part as BlockPart, rotationId: r.rotation_id }]);
    }
    for (const b of blockRows) blocks.set(`${b.academic_year}|${b.number}`, { start: b.start, end: b.end });
  }
  const loaded = (year: number) => {
    if (!wanted.includes(year)) throw new RangeError(`The plan of academic year ${year} is not loaded`);
  };
  return {
    planParts: (personId, academicYear, blockNumber) => (
      loaded(academicYear), parts.get(planBlockKey({ personId, academicYear, blockNumber })) ?? []
    ),
    block: (academicYear, blockNumber) => (loaded(academicYear), blocks.get(`${academicYear}|${blockNumber}`) ?? null),
  };
}

/** Academic years the overlay's plan entries name. */
export function overlayPlanYears(entries: Pick<OverlayEntries, 'rotations'>): number[] {
  return [...new Set(entries.rotations.map((r) => r.academicYear))].sort((a, b) => a - b);
}

/** Span of every date the overlay holds. */
export function overlaySpan(entries: OverlayEntries): DateSpan | null {
  let start: IsoDate | null = null;
  let end: IsoDate | null = null;
  const see = (d: IsoDate) => {
    if (start === null || d < start) start = d;
    if (end === null || d > end) end = d;
  };
  for (const c of entries.cells) see(c.date);
  for (const c of entries.calls) see(c.date);
  for (const w of entries.inpatientWeeks) see(w.start);
  return start && end ? { start, end } : null;
}

/**
 * First and last date of the draft's slots, call nights and inpatient week starts, as stored; null when it has none.
 */
export async function draftSpan(db: Db, draftId: number): Promise<DateSpan | null> {
  const { rows } = await sql<{ start: IsoDate | null; end: IsoDate | null }>`
    SELECT min(d) AS start, max(d) AS "end" FROM (
      SELECT min(date) AS d FROM draft_assignment_changes WHERE draft_id = ${draftId}
      UNION ALL SELECT max(date) FROM draft_assignment_changes WHERE draft_id = ${draftId}
      UNION ALL SELECT min(date) FROM draft_call_changes WHERE draft_id = ${draftId}
      UNION ALL SELECT max(date) FROM draft_call_changes WHERE draft_id = ${draftId}
      UNION ALL SELECT min(start) FROM draft_inpatient_week_changes WHERE draft_id = ${draftId}
      UNION ALL SELECT max(start) FROM draft_inpatient_week_changes WHERE draft_id = ${draftId})`.execute(db);
  const { start, end } = rows[0] ?? { start: null, end: null };
  return start && end ? { start, end } : null;
}

/**
 * The academic years the draft covers: those of its span and of its plan entries, whether or not
 * its entries differ from the published ones (what it regenerated, not only what it changed).
 */
export async function draftYears(db: Db, draftId: number): Promise<AcademicYearId[]> {
  const years = new Set<AcademicYearId>();
  const span = await draftSpan(db, draftId);
  if (span) for (let y = academicYearOf(span.start); y <= academicYearOf(span.end); y++) years.add(y);
  const plan = await db
    .selectFrom('draft_rotation_changes')
    .select('academic_year')
    .distinct()
    .where('draft_id', '=', draftId)
    .execute();
  for (const r of plan) years.add(r.academic_year);
  return [...years].sort((a, b) => a - b);
}

export async function entryCounts(
  db: Db,
  draftId: number,
): Promise<{ cells: number; calls: number; inpatientWeeks: number; rotations: number }> {
  const count = (
    table:
      | 'draft_assignment_changes'
      | 'draft_call_changes'
      | 'draft_inpatient_week_changes'
      | 'draft_rotation_changes',
  ) =>
    db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('draft_id', '=', draftId)
      .executeTakeFirstOrThrow();
  const [cells, calls, weeks, rotations] = await Promise.all([
    count('draft_assignment_changes'),
    count('draft_call_changes'),
    count('draft_inpatient_week_changes'),
    count('draft_rotation_changes'),
  ]);
  return {
    cells: Number(cells.n),
    calls: Number(calls.n),
    inpatientWeeks: Number(weeks.n),
    rotations: Number(rotations.n),
  };
}
