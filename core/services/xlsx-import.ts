// Importing an edited block sheet workbook as a draft. The workbook is read (core/exports/xlsx/
// readBlockSheets.ts), compared with the published schedule and rotation plan, and what differs
// (half-days, call nights, Rotation cells) becomes one draft patch: the same patch, reference
// checks and write as every other draft change (the draft layer is the one definition of a valid
// change). All or nothing: any problem, said by sheet and cell,
// and nothing is written. The preview makes the same patch and checks and writes nothing.
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { ProgramOutline } from '../domain/program';
import type { HalfDay, IsoDate } from '../domain/types';
import {
  problemText,
  readBlockSheets,
  WorkbookReadError,
  type SheetPlace,
  type SheetProblem,
  type SheetSummary,
  type WorkbookReading,
} from '../exports/xlsx/readBlockSheets';
import { createDraftWithPatch, DraftError, getDraft, type DraftContext, type DraftSummary } from './drafts';
import { inTransaction } from './drafts/context';
import { diffPlanBlock, type CallDiff, type CellDiff, type DraftDiff, type PlanPart } from './drafts/diff';
import { emptyPatch, patchSize, type DraftPatch, type RotationRef, type RotationValue } from './drafts/patch';
import { programSettings } from './drafts/analysis';
import { rotationChoiceIssues } from './drafts/plan-references';
import { checkPatchReferences } from './drafts/references';
import { loadPublished } from './drafts/store';
import type { DraftTrx } from './drafts/tables';
import { ServiceError } from './errors';
import { loadProgramOutline } from './program';
import type { JobService } from '../jobs/service';
import type { WorkbookTaskResult } from '../../workers/tasks';
import { plural } from '../domain/words';

export type { SheetProblem, SheetSummary } from '../exports/xlsx/readBlockSheets';

/** What importing the workbook would do. */
export interface XlsxImportPreview {
  file: string;
  sheets: SheetSummary[];
  skipped: { sheet: string; reason: string }[];
  /** Every problem, by sheet and cell; any problem means nothing can be imported. */
  problems: SheetProblem[];
  /** The changes against the published schedule (empty while there are problems). */
  diff: DraftDiff;
  /** Every changed Rotation cell, old → new as the sheet says it (the plan change is in diff.rotations). */
  rotationEdits: RotationEdit[];
  /** Changed half-days and call nights, and the people the whole change touches (rotations: rotationEdits). */
  counts: { cells: number; calls: number; people: number };
  /** Person id → name, for everyone the diff names. */
  names: Record<string, string>;
}

/** A Rotation cell that differs from the published plan. */
export interface RotationEdit extends SheetPlace {
  personId: string;
  academicYear: number;
  blockNumber: number;
  /** The plan's text as the export writes it ('' = none). */
  before: string;
  /** The cell's text ('' = emptied). */
  after: string;
}

export interface XlsxImportResult {
  draft: DraftSummary;
  preview: XlsxImportPreview;
}

/** The most a workbook may weigh: a whole year of a 150-resident program is a few MB. */
const MAX_BYTES = 50 * 1024 * 1024;

async function readWorkbookFile(path: string): Promise<Uint8Array> {
  if (extname(path).toLowerCase() !== '.xlsx')
    throw new ServiceError(
      'invalid_input',
      `"${basename(path)}" is not an Excel workbook (.xlsx); save it as .xlsx and import that`,
    );
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'there is no such file'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'it is a folder'
            : String(code ?? err);
    throw new ServiceError('invalid_input', `Cannot read ${path}: ${why}`);
  }
  if (bytes.length > MAX_BYTES)
    throw new ServiceError(
      'invalid_input',
      `${basename(path)} is ${Math.round(bytes.length / 1048576)} MB; a block sheet workbook is far smaller`,
    );
  return new Uint8Array(bytes);
}

interface Planned {
  preview: XlsxImportPreview;
  patch: DraftPatch;
  /** Where each patch entry came from, to point at its cell when the draft layer refuses it. */
  places: { cells: SheetPlace[]; calls: SheetPlace[]; rotations: SheetPlace[] };
}

function span(dates: IsoDate[]): { start: IsoDate; end: IsoDate } | null {
  if (dates.length === 0) return null;
  const sorted = [...dates].sort();
  return { start: sorted[0], end: sorted[sorted.length - 1] };
}

/** The draft layer's refusal of a patch entry, at the sheet cell it came from. */
function problemsOfRefusal(err: DraftError, places: Planned['places']): SheetProblem[] {
  return (err.issues ?? []).map((issue) => {
    const m = /^(cells|calls|rotations)\[(\d+)\]/.exec(issue.path);
    const place = m ? places[m[1] as keyof Planned['places']][Number(m[2])] : undefined;
    return { sheet: place?.sheet ?? '', cell: place?.cell ?? issue.path, message: issue.message };
  });
}

/** Why the draft layer would refuse the patch, at the sheet cells its entries came from. */
async function refusedAtCells(trx: DraftTrx, patch: DraftPatch, places: Planned['places']): Promise<SheetProblem[]> {
  const problems: SheetProblem[] = [];
  try {
    await checkPatchReferences(trx, patch);
  } catch (err) {
    if (!(err instanceof DraftError)) throw err;
    problems.push(...problemsOfRefusal(err, places));
  }
  const settings = await programSettings(trx);
  for (const [i, e] of (patch.rotations ?? []).entries()) {
    if (!e.value?.rotationId) continue;
    for (const issue of await rotationChoiceIssues(trx, settings, { ...e, rotationId: e.value.rotationId }))
      problems.push({ ...places.rotations[i], message: issue.message });
  }
  // One cell names both halves: say its problem once.
  return problems.filter(
    (p, i) => problems.findIndex((q) => q.sheet === p.sheet && q.cell === p.cell && q.message === p.message) === i,
  );
}

/**
 * Reads a workbook against the program: in a pool thread in the app (workbookReaderIn), in the
 * calling thread otherwise (the command line, tests). Throws WorkbookReadError for a file it cannot read.
 */
export type WorkbookReader = (bytes: Uint8Array, program: ProgramOutline) => Promise<WorkbookReading>;

/** A WorkbookReader that runs in the job service's pool ('workbook' task), off the main thread. */
export function workbookReaderIn(jobs: Pick<JobService, 'startWork' | 'wait'>): WorkbookReader {
  return async (bytes, program) => {
    const id = jobs.startWork('workbook', (job) => job.run('workbook', { bytes, program }));
    const end = await jobs.wait(id);
    if (end.state !== 'succeeded')
      throw new Error(`Reading the workbook did not finish (${end.state}${end.error ? `: ${end.error}` : ''})`);
    const result = end.result as WorkbookTaskResult;
    if ('unreadable' in result) throw new WorkbookReadError(result.unreadable);
    return result.reading;
  };
}

/** The file at `path` read as a workbook, before any transaction: the read takes the longest. */
async function readWorkbook(path: string, program: ProgramOutline, reader: WorkbookReader): Promise<WorkbookReading> {
  const bytes = await readWorkbookFile(path);
  try {
    return await reader(bytes, program);
  } catch (err) {
    if (err instanceof WorkbookReadError) throw new ServiceError('invalid_input', `${basename(path)}: ${err.message}`);
    throw err;
  }
}

async function plan(trx: DraftTrx, path: string, reading: WorkbookReading, data: ProgramOutline): Promise<Planned> {
  const preview: XlsxImportPreview = {
    file: path,
    sheets: reading.sheets,
    skipped: reading.skipped,
    problems: reading.problems,
    diff: { cells: [], calls: [], inpatientWeeks: [], rotations: [] },
    rotationEdits: [],
    counts: { cells: 0, calls: 0, people: 0 },
    names: {},
  };
  const patch = emptyPatch();
  const places: Planned['places'] = { cells: [], calls: [], rotations: [] };
  if (reading.sheets.length === 0 && reading.problems.length === 0)
    preview.problems.push({
      sheet: reading.skipped[0]?.sheet ?? basename(path),
      cell: 'A1',
      message: 'the workbook has no block sheet to import (a sheet with a Name column and AM/PM columns under dates)',
    });
  if (preview.problems.length > 0) return { preview, patch, places };

  const published = await loadPublished(
    trx,
    span([...reading.cells.map((c) => c.date), ...reading.calls.map((c) => c.date)]),
    reading.rotations.map((r) => r.academicYear),
  );
  const manual = { source: 'manual' as const, locked: true };
  for (const c of reading.cells) {
    const ref = { personId: c.personId, date: c.date, half: c.half as HalfDay };
    const before = published.cell(ref);
    if ((before?.activityCode ?? null) === c.activityCode) continue;
    patch.cells.push({ ...ref, value: { activityCode: c.activityCode, ...manual } });
    places.cells.push(c.at);
    const after = c.activityCode === null ? null : { activityCode: c.activityCode, ...manual };
    const kind: CellDiff['kind'] = !before ? 'added' : !after ? 'removed' : 'changed';
    preview.diff.cells.push({ ...ref, kind, before, after });
  }
  for (const night of reading.calls) {
    const before = published.calls(night.date, night.callTypeCode);
    const had = new Set(before.map((b) => b.personId));
    const has = new Set(night.personIds);
    if (had.size === has.size && [...has].every((id) => had.has(id))) continue;
    for (const id of had)
      if (!has.has(id))
        patch.calls.push({
          date: night.date,
          callTypeCode: night.callTypeCode,
          personId: id,
          value: { assigned: false },
        }),
          places.calls.push(night.at);
    for (const id of has)
      if (!had.has(id))
        patch.calls.push({
          date: night.date,
          callTypeCode: night.callTypeCode,
          personId: id,
          value: { assigned: true, source: 'manual' },
        }),
          places.calls.push(night.at);
    const after = [
      ...before.filter((b) => has.has(b.personId)),
      ...[...has].filter((id) => !had.has(id)).map((personId) => ({ personId, source: 'manual' as const })),
    ];
    const kind: CallDiff['kind'] = before.length === 0 ? 'added' : after.length === 0 ? 'removed' : 'changed';
    preview.diff.calls.push({ date: night.date, callTypeCode: night.callTypeCode, kind, before, after });
  }
  const unplaced: SheetProblem[] = [];
  for (const edit of reading.rotations) {
    const block = { personId: edit.personId, academicYear: edit.academicYear, blockNumber: edit.blockNumber };
    const before = published.planParts(edit.personId, edit.academicYear, edit.blockNumber);
    const after: PlanPart[] =
      edit.rotationIds.length === 2
        ? [
            { part: 'first', rotationId: edit.rotationIds[0] },
            { part: 'second', rotationId: edit.rotationIds[1] },
          ]
        : edit.rotationIds.map((rotationId) => ({ part: 'full', rotationId }));
    // The block holds exactly the parts the cell names: the plan's other parts are removed.
    const entries: (RotationRef & { value: RotationValue })[] = [
      ...before
        .filter((b) => !after.some((a) => a.part === b.part))
        .map((b) => ({ ...block, part: b.part, value: { rotationId: null } })),
      ...after.map((a) => ({ ...block, part: a.part, value: { rotationId: a.rotationId } })),
    ];
    const span = published.block(edit.academicYear, edit.blockNumber);
    if (!span) {
      unplaced.push({ ...edit.at, message: `block ${edit.blockNumber} is not in this program's block calendar` });
      continue;
    }
    const change = diffPlanBlock(block, span, entries, before);
    if (!change) continue; // the same plan in other words (a name for a code)
    patch.rotations!.push(...entries);
    places.rotations.push(...entries.map(() => edit.at));
    preview.diff.rotations.push(change);
    preview.rotationEdits.push({ ...edit.at, ...block, before: edit.before, after: edit.after });
  }
  // The draft layer's own reference checks (people, activity codes and the halves they are done
  // in, call types and who may take them, academic years, valid plan entries), reported at their
  // cells; a plan entry is also held to the plan's rules, as a hand edit of the plan is.
  const refused = [...unplaced, ...(await refusedAtCells(trx, patch, places))];
  if (refused.length > 0) {
    preview.problems.push(...refused);
    preview.diff = { cells: [], calls: [], inpatientWeeks: [], rotations: [] };
    preview.rotationEdits = [];
    return { preview, patch: emptyPatch(), places };
  }
  const people = new Set([...patch.cells, ...patch.calls, ...patch.rotations!].map((e) => e.personId));
  const named = new Set([
    ...people,
    ...preview.diff.calls.flatMap((c) => [...c.before, ...c.after].map((x) => x.personId)),
  ]);
  preview.names = Object.fromEntries(data.people.filter((p) => named.has(p.id)).map((p) => [p.id, p.name]));
  preview.counts = { cells: preview.diff.cells.length, calls: preview.diff.calls.length, people: people.size };
  return { preview, patch, places };
}

/** What importing the workbook at `path` would change; writes nothing. */
export async function previewXlsxImport(
  ctx: DraftContext,
  path: string,
  reader: WorkbookReader = readBlockSheets,
): Promise<XlsxImportPreview> {
  // Read before the transaction: the program's one connection is the transaction's while it runs.
  const data = await loadProgramOutline(ctx.program);
  const reading = await readWorkbook(path, data, reader);
  return inTransaction(ctx, async (trx) => (await plan(trx, path, reading, data)).preview);
}

function refusal(preview: XlsxImportPreview): DraftError {
  const shown = preview.problems.slice(0, 10).map(problemText);
  const more = preview.problems.length > 10 ? `; and ${preview.problems.length - 10} more` : '';
  return new DraftError(
    'invalid_input',
    `Nothing was imported: ${plural(preview.problems.length, 'problem')} in ${basename(preview.file)}: ` +
      `${shown.join('; ')}${more}`,
    preview.problems.map((p) => ({ path: p.sheet ? `${p.sheet}!${p.cell}` : p.cell, message: p.message })),
  );
}

/**
 * Import the workbook at `path` as one new draft (source "import"): every changed half-day and
 * call night as a manual, locked entry. All or nothing, in one transaction.
 */
export async function importXlsx(
  ctx: DraftContext,
  input: { path: string; name?: string },
  reader: WorkbookReader = readBlockSheets,
): Promise<XlsxImportResult> {
  const data = await loadProgramOutline(ctx.program);
  const reading = await readWorkbook(input.path, data, reader);
  const result = await inTransaction(ctx, async (trx) => {
    const planned = await plan(trx, input.path, reading, data);
    if (planned.preview.problems.length > 0) throw refusal(planned.preview);
    if (patchSize(planned.patch) === 0)
      throw new DraftError(
        'rejected',
        `${basename(input.path)} matches the published schedule: there is nothing to import`,
      );
    const name = input.name?.trim() || `Import of ${basename(input.path)}`;
    const note = `Imported from ${basename(input.path)} (${planned.preview.sheets.map((s) => s.name).join(', ')})`;
    const row = await createDraftWithPatch(ctx, trx, { name, source: 'import', note }, planned.patch);
    return { draftId: row.id, preview: planned.preview };
  });
  return { draft: await getDraft(ctx, result.draftId), preview: result.preview };
}
