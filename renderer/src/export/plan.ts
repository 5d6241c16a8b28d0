// From what the user picked in the Export view to the API calls that produce it. Pure functions:
// who (one person, a PGY class, all residents, everyone), when (rest of the academic year, a
// block, dates), which schedule (published or an open draft), where to save, and every problem
// said in words next to the choice it concerns. Unit-tested in test/unit/renderer-export-plan.
import { DateTime } from 'luxon';
import type { AcademicYearSummary, Api, DraftSummary, PersonRow, SystemPaths } from '../../../core/api/contract';
import type { Block, IsoDate } from '../../../core/domain/types';
import { defaultBlock } from '../lib/blocks';
import { dateRangeError } from '../lib/dateRange';
import { dayCount, formatRange } from '../lib/dates';
import { comparePeople } from '../lib/peopleOrder';
import { countOf, formatInfo, type ExportFormat, type FormatInfo } from './formats';
import { extensionOf, isAbsolutePath, joinPath, safeFileName } from './paths';

export type WhoMode = 'person' | 'pgy' | 'residents' | 'everyone';
export type WhenMode = 'rest' | 'block' | 'dates';

export interface ExportForm {
  format: ExportFormat;
  who: WhoMode;
  personId: string | null;
  pgy: number;
  when: WhenMode;
  /** null = the block containing today (else the first full block). */
  blockNumber: number | null;
  start: string;
  end: string;
  /** null = the published schedule. */
  draftId: number | null;
  /** What the user typed per format; a format without an entry saves to its default. */
  outputs: Partial<Record<ExportFormat, string>>;
  pageSize: 'LETTER' | 'A4';
  weekStartsOn: 1 | 7;
  /** Calendars only: activity codes left out (e.g. weekends). */
  omitActivityCodes: string[];
  /** Whether the user picked who; until then it follows the format (see formatDefaults). */
  whoChosen: boolean;
  /** Excel only: add the annual plan and the call roster sheets. */
  xlsxPlan: boolean;
  xlsxCalls: boolean;
}

export const INITIAL_FORM: ExportForm = {
  format: 'ics',
  who: 'residents',
  personId: null,
  pgy: 1,
  when: 'rest',
  blockNumber: null,
  start: '',
  end: '',
  draftId: null,
  outputs: {},
  pageSize: 'LETTER',
  weekStartsOn: 7,
  omitActivityCodes: [],
  whoChosen: false,
  xlsxPlan: true,
  xlsxCalls: true,
};

/**
 * What picking a format changes besides the format: per-person files default to the residents,
 * wall printouts and the CSV to everyone (until the user picks who), and a block schedule starts
 * on a block rather than the rest of the year (50-odd pages).
 */
export function formatDefaults(form: ExportForm, format: ExportFormat): Partial<ExportForm> {
  const patch: Partial<ExportForm> = { format };
  if (!form.whoChosen) patch.who = formatInfo(format).output === 'folder' ? 'residents' : 'everyone';
  if ((format === 'block-pdf' || format === 'xlsx') && form.when === 'rest') patch.when = 'block';
  return patch;
}

/** What the choices are resolved against: the academic year shown, its people, blocks and drafts. */
export interface ExportContext {
  year: AcademicYearSummary;
  today: IsoDate;
  /** People of `year` (with their PGY level in it). */
  people: PersonRow[];
  blocks: Block[];
  /** Open drafts. */
  drafts: DraftSummary[];
  paths: SystemPaths;
}

export interface WhoChoice {
  people: PersonRow[];
  /** "Eli Green", "PGY-1 class", "All residents", "Everyone". */
  label: string;
  /** Everyone active: single-file exports then send no selection (the call roster lists every call). */
  everyone: boolean;
  error: string | null;
}

export interface WhenChoice {
  start: IsoDate;
  end: IsoDate;
  /** "Rest of 2026-27", "Block 5", "Dates". */
  label: string;
  block: Block | null;
  error: string | null;
}

// ---- Who ----

/** The People view's order: residents senior first, faculty, learners; by name within each. */
export function sortPeople(people: readonly PersonRow[]): PersonRow[] {
  return [...people].sort(comparePeople);
}

/** "PGY-2", "Faculty", "Learners": the group a person is listed under. */
export function groupLabel(p: PersonRow): string {
  if (p.kind === 'resident') return p.pgy === null ? 'Residents' : `PGY-${p.pgy}`;
  return p.kind === 'faculty' ? 'Faculty' : 'Learners';
}

/** PGY levels that have active residents in the year, ascending. */
export function pgyLevels(people: readonly PersonRow[]): number[] {
  return [
    ...new Set(people.filter((p) => p.active && p.kind === 'resident' && p.pgy !== null).map((p) => p.pgy!)),
  ].sort((a, b) => a - b);
}

export function resolveWho(form: ExportForm, ctx: ExportContext): WhoChoice {
  const active = sortPeople(ctx.people.filter((p) => p.active));
  const none = (label: string, error: string): WhoChoice => ({ people: [], label, everyone: false, error });
  switch (form.who) {
    case 'person': {
      const person = ctx.people.find((p) => p.id === form.personId);
      if (!form.personId) return none('One person', 'Pick the person to export');
      if (!person) return none('One person', `The person picked is not in ${ctx.year.label}; pick someone else`);
      return { people: [person], label: person.name, everyone: false, error: null };
    }
    case 'pgy': {
      const people = active.filter((p) => p.kind === 'resident' && p.pgy === form.pgy);
      const label = `PGY-${form.pgy} class`;
      if (people.length === 0)
        return none(label, `No active PGY-${form.pgy} residents in ${ctx.year.label}: nothing to export`);
      return { people, label, everyone: false, error: null };
    }
    case 'residents': {
      const people = active.filter((p) => p.kind === 'resident');
      if (people.length === 0)
        return none('All residents', `No active residents in ${ctx.year.label}: nothing to export`);
      return { people, label: 'All residents', everyone: false, error: null };
    }
    case 'everyone':
      if (active.length === 0) return none('Everyone', `No active people in ${ctx.year.label}: nothing to export`);
      return { people: active, label: 'Everyone', everyone: true, error: null };
  }
}

// ---- When ----

export function isCalendarDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && DateTime.fromISO(text, { zone: 'utc' }).isValid;
}

/** The block the block choice means: the one picked, else the current (or first full) block. */
export function chosenBlock(form: ExportForm, ctx: ExportContext): Block | null {
  return ctx.blocks.find((b) => b.number === form.blockNumber) ?? defaultBlock(ctx.blocks, ctx.today);
}

/** The rest of the academic year from today; the whole year when it has not started. */
export function restOfYear(ctx: ExportContext): { start: IsoDate; end: IsoDate } | null {
  if (ctx.today > ctx.year.end) return null;
  return { start: ctx.today > ctx.year.start ? ctx.today : ctx.year.start, end: ctx.year.end };
}

export function resolveWhen(form: ExportForm, ctx: ExportContext): WhenChoice {
  const bad = (label: string, error: string): WhenChoice => ({ start: '', end: '', label, block: null, error });
  if (form.format === 'xlsx' && form.when === 'rest')
    return { start: ctx.year.start, end: ctx.year.end, label: `All of ${ctx.year.label}`, block: null, error: null };
  if (form.format === 'xlsx' && form.when === 'dates')
    return bad('Dates', 'An Excel workbook holds whole blocks: pick a block, or the whole year');
  switch (form.when) {
    case 'rest': {
      const rest = restOfYear(ctx);
      const label = `Rest of ${ctx.year.label}`;
      if (!rest)
        return bad(
          label,
          `${ctx.year.label} ended on ${formatRange(ctx.year.end, ctx.year.end)}: pick a block or dates`,
        );
      return {
        ...rest,
        label: ctx.today < ctx.year.start ? `All of ${ctx.year.label}` : label,
        block: null,
        error: null,
      };
    }
    case 'block': {
      const block = chosenBlock(form, ctx);
      if (!block) return bad('A block', `${ctx.year.label} has no blocks`);
      return { start: block.start, end: block.end, label: `Block ${block.number}`, block, error: null };
    }
    case 'dates': {
      if (!isCalendarDate(form.start)) return bad('Dates', 'Give a start date');
      if (!isCalendarDate(form.end)) return bad('Dates', 'Give an end date');
      const range = dateRangeError(form.start, form.end);
      if (range) return bad('Dates', range);
      return { start: form.start, end: form.end, label: 'Dates', block: null, error: null };
    }
  }
}

/** "23 Nov 2026 – 30 Jun 2027 · 220 days" */
export function describeRange(when: WhenChoice): string {
  if (when.error) return '';
  const days = dayCount(when.start, when.end);
  return `${formatRange(when.start, when.end)} · ${days} ${days === 1 ? 'day' : 'days'}`;
}

// ---- Where ----

/** The draft picked, when it is still open. */
function pickedDraft(form: ExportForm, ctx: ExportContext): DraftSummary | null {
  return form.draftId === null ? null : (ctx.drafts.find((d) => d.id === form.draftId) ?? null);
}

/**
 * Where a format saves unless the user says otherwise. Calendars always go to the same folder:
 * the files already there are the record the next export compares against to cancel removed
 * events. A draft goes to its own folder or file name, so the files people use stay untouched.
 */
export function defaultOutput(
  format: FormatInfo,
  ctx: ExportContext,
  who: WhoChoice,
  when: WhenChoice,
  draft: DraftSummary | null,
): string {
  const { exportFolder, separator } = ctx.paths;
  const draftPart = draft ? `DRAFT ${draft.name}` : '';
  if (format.output === 'folder') {
    const folder = format.id === 'ics' ? 'Calendars' : 'Personal schedules';
    return joinPath(exportFolder, safeFileName(draftPart ? `${folder} (${draftPart})` : folder), separator);
  }
  const what =
    format.id === 'block-pdf'
      ? 'schedule'
      : format.id === 'roster-pdf'
        ? 'Call roster'
        : format.id === 'xlsx'
          ? 'Block sheets'
          : 'Assignments';
  // "Block 6 schedule AY 2026-27", "Call roster 2026-11-23 to 2027-06-30"
  const span = when.error
    ? ''
    : when.block
      ? `Block ${when.block.number}`
      : format.id === 'xlsx'
        ? ctx.year.label
        : `${when.start} to ${when.end}`;
  const named =
    format.id === 'block-pdf'
      ? when.block
        ? `${span} schedule ${ctx.year.label}`
        : `Block schedule ${span}`
      : when.block
        ? `${what} ${span} ${ctx.year.label}`
        : `${what} ${span}`;
  const whoPart = who.everyone || who.error ? '' : ` (${who.label})`;
  const stem = `${draftPart ? `${draftPart} - ` : ''}${named.trim()}${whoPart}`;
  return joinPath(exportFolder, `${safeFileName(stem)}${format.extension}`, separator);
}

export function checkOutput(format: FormatInfo, output: string, paths: SystemPaths): string | null {
  if (!output.trim()) return format.output === 'folder' ? 'Choose the folder to save into' : 'Choose the file to save';
  if (!isAbsolutePath(output.trim(), paths.separator))
    return (
      `Give the full path, starting like ${paths.separator === '\\' ? 'C:\\' : '/'} (for example ` +
      `${paths.exportFolder})`
    );
  const ext = extensionOf(output.trim());
  if (format.output === 'file' && ext !== format.extension)
    return `A ${format.noun[0]} is saved as one ${format.extension} file: end the name with ${format.extension}`;
  if (format.output === 'folder' && ['.ics', '.pdf', '.csv', '.xlsx'].includes(ext))
    return `${format.title} are saved one file per person: give a folder, not a ${ext} file`;
  return null;
}

// ---- The plan ----

type ExportMethod = 'exports.calendars' | 'exports.pdf' | 'exports.csv' | 'exports.xlsx';
export type ExportCall = { [M in ExportMethod]: { method: M; input: Parameters<Api[M]>[0] } }[ExportMethod];

export interface ExportPlan {
  format: ExportFormat;
  /** The folder written into, or the one file written. */
  location: string;
  locationKind: 'folder' | 'file';
  /** Files the plan writes. */
  files: number;
  /** The one call that starts the export job. */
  call: ExportCall;
  /** Names of the people a file is written for (empty for a single-file export). */
  people: string[];
  /** Person id → name, to label the files in the result. */
  names: Record<string, string>;
}

export interface ExportReview {
  format: FormatInfo;
  who: WhoChoice;
  when: WhenChoice;
  draft: DraftSummary | null;
  output: string;
  outputIsDefault: boolean;
  errors: Partial<Record<'who' | 'when' | 'draft' | 'output', string>>;
  /** What "Export" will say: "Export 6 calendars". */
  action: string;
  /** null while any choice has an error. */
  plan: ExportPlan | null;
}

/** The call that starts the export: one job makes every file, with progress per file. */
function callFor(form: ExportForm, ctx: ExportContext, who: WhoChoice, when: WhenChoice, output: string): ExportCall {
  const base = { start: when.start, end: when.end, draftId: form.draftId };
  const selection = { personIds: who.people.map((p) => p.id) };
  switch (form.format) {
    case 'ics':
      return {
        method: 'exports.calendars',
        input: { ...base, people: selection, outputDir: output, omitActivityCodes: form.omitActivityCodes },
      };
    case 'person-pdf':
      return {
        method: 'exports.pdf',
        input: { ...base, people: selection, kind: 'person', output, pageSize: form.pageSize },
      };
    case 'block-pdf':
    case 'roster-pdf': {
      const kind = form.format === 'block-pdf' ? 'block' : 'call-roster';
      const people = who.everyone ? {} : selection;
      return {
        method: 'exports.pdf',
        input: { ...base, people, kind, output, pageSize: form.pageSize, weekStartsOn: form.weekStartsOn },
      };
    }
    case 'csv':
      return { method: 'exports.csv', input: { ...base, people: who.everyone ? {} : selection, output } };
    case 'xlsx': {
      const span = when.block
        ? { block: { academicYear: ctx.year.id, number: when.block.number } }
        : { academicYear: ctx.year.id };
      const people = who.everyone ? {} : selection;
      return {
        method: 'exports.xlsx',
        input: { ...span, draftId: form.draftId, people, output, plan: form.xlsxPlan, calls: form.xlsxCalls },
      };
    }
  }
}

export function reviewExport(form: ExportForm, ctx: ExportContext): ExportReview {
  const format = formatInfo(form.format);
  const who = resolveWho(form, ctx);
  const when = resolveWhen(form, ctx);
  const draft = pickedDraft(form, ctx);
  const typed = form.outputs[form.format];
  const output = (typed ?? defaultOutput(format, ctx, who, when, draft)).trim();
  const errors: ExportReview['errors'] = {};
  if (who.error) errors.who = who.error;
  if (when.error) errors.when = when.error;
  if (form.draftId !== null && !draft)
    errors.draft =
      'The draft picked is no longer open (published or discarded): pick another, or the published schedule';
  const outputError = checkOutput(format, output, ctx.paths);
  if (outputError) errors.output = outputError;

  const files = format.output === 'folder' ? who.people.length : 1;
  const action =
    format.output === 'file'
      ? `Export ${format.noun[0]}`
      : who.error
        ? `Export ${format.noun[1]}`
        : `Export ${countOf(form.format, files)}`;
  const ok = Object.keys(errors).length === 0;
  return {
    format,
    who,
    when,
    draft,
    output,
    outputIsDefault: typed === undefined,
    errors,
    action,
    plan: ok
      ? {
          format: form.format,
          location: output,
          locationKind: format.output,
          files,
          call: callFor(form, ctx, who, when, output),
          people: format.output === 'folder' ? who.people.map((p) => p.name) : [],
          names: Object.fromEntries(ctx.people.map((p) => [p.id, p.name])),
        }
      : null,
  };
}
