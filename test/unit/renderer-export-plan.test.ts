// The Export view's choices → API calls (renderer/src/export/plan.ts, paths.ts): who and when
// resolve to the right people and dates, defaults and checks of the save path, the one call.
import { describe, expect, it } from 'vitest';
import type { DraftSummary, PersonRow } from '../../core/api/contract';
import type { Block } from '../../core/domain/types';
import {
  checkOutput,
  formatDefaults,
  INITIAL_FORM,
  resolveWhen,
  resolveWho,
  reviewExport,
  type ExportContext,
  type ExportForm,
} from '../../renderer/src/export/plan';
import { formatInfo } from '../../renderer/src/export/formats';
import {
  baseName,
  extensionOf,
  isAbsolutePath,
  joinPath,
  parentFolder,
  safeFileName,
} from '../../renderer/src/export/paths';

function person(id: string, name: string, kind: PersonRow['kind'], extra: Partial<PersonRow> = {}): PersonRow {
  return {
    id,
    name,
    kind,
    facultyRole: null,
    pgyByYear: {},
    pgy: null,
    email: null,
    active: true,
    credentials: [],
    certifications: [],
    ...extra,
  };
}

const people: PersonRow[] = [
  person('r1', 'Zoe Adams', 'resident', { pgy: 1 }),
  person('r2', 'Ben Cole', 'resident', { pgy: 1 }),
  person('r3', 'Al Brown', 'resident', { pgy: 3 }),
  person('r4', 'Old Timer', 'resident', { pgy: 1, active: false }),
  person('f1', 'Ann Diaz', 'faculty', { facultyRole: 'pd' }),
  person('s1', 'Carl Egan', 'student'),
];

const blocks: Block[] = [
  { academicYear: 2026, number: 0, start: '2026-07-01', end: '2026-07-01', secondHalfStart: '2026-07-01' },
  { academicYear: 2026, number: 1, start: '2026-07-02', end: '2026-07-29', secondHalfStart: '2026-07-16' },
  { academicYear: 2026, number: 5, start: '2026-10-22', end: '2026-11-18', secondHalfStart: '2026-11-05' },
  { academicYear: 2026, number: 6, start: '2026-11-19', end: '2026-12-16', secondHalfStart: '2026-12-03' },
];

function draft(id: number, name: string): DraftSummary {
  return {
    id,
    name,
    source: 'manual',
    note: null,
    status: 'open',
    createdBy: 't',
    createdAt: '2026-11-20T10:00:00Z',
    updatedAt: '2026-11-21T10:00:00Z',
    revision: 3,
    entries: { cells: 2, calls: 0, inpatientWeeks: 0 },
    validation: null,
    publicationId: null,
  } as DraftSummary;
}

function context(extra: Partial<ExportContext> = {}): ExportContext {
  return {
    year: { id: 2026, label: 'AY 2026–27', start: '2026-07-01', end: '2027-06-30' },
    today: '2026-11-23',
    people,
    blocks,
    drafts: [draft(7, 'Winter swap')],
    paths: {
      exportFolder: '/home/coord/Documents/Residency Scheduler',
      separator: '/',
      canReveal: true,
      canPick: true,
    },
    ...extra,
  };
}

const form = (patch: Partial<ExportForm>): ExportForm => ({ ...INITIAL_FORM, ...patch });

describe('who is exported', () => {
  it('a PGY class is its active residents of that level, by name; inactive people are left out', () => {
    const who = resolveWho(form({ who: 'pgy', pgy: 1 }), context());
    expect(who.people.map((p) => p.id)).toEqual(['r2', 'r1']);
    expect(who).toMatchObject({ label: 'PGY-1 class', everyone: false, error: null });
  });

  it('all residents, and everyone active (senior residents first, then faculty and learners)', () => {
    expect(resolveWho(form({ who: 'residents' }), context()).people.map((p) => p.id)).toEqual(['r3', 'r2', 'r1']);
    const everyone = resolveWho(form({ who: 'everyone' }), context());
    expect(everyone.people.map((p) => p.id)).toEqual(['r3', 'r2', 'r1', 'f1', 's1']);
    expect(everyone.everyone).toBe(true);
  });

  it('one person must be picked, and be in the year', () => {
    expect(resolveWho(form({ who: 'person' }), context()).error).toBe('Pick the person to export');
    expect(resolveWho(form({ who: 'person', personId: 'gone' }), context()).error).toMatch(/not in AY 2026–27/);
    expect(resolveWho(form({ who: 'person', personId: 'r3' }), context())).toMatchObject({
      label: 'Al Brown',
      error: null,
    });
  });

  it('an empty class says there is nothing to export', () => {
    const who = resolveWho(form({ who: 'pgy', pgy: 2 }), context());
    expect(who.people).toEqual([]);
    expect(who.error).toBe('No active PGY-2 residents in AY 2026–27: nothing to export');
  });
});

describe('when', () => {
  it('defaults to the rest of the academic year from today', () => {
    expect(resolveWhen(form({}), context())).toMatchObject({
      start: '2026-11-23',
      end: '2027-06-30',
      label: 'Rest of AY 2026–27',
      error: null,
    });
  });

  it('covers the whole year before it starts, and refuses a year that has ended', () => {
    expect(resolveWhen(form({}), context({ today: '2026-05-01' }))).toMatchObject({
      start: '2026-07-01',
      label: 'All of AY 2026–27',
    });
    expect(resolveWhen(form({}), context({ today: '2027-07-02' })).error).toMatch(/AY 2026–27 ended on 30 Jun 2027/);
  });

  it('a block: the one picked, else the one containing today', () => {
    expect(resolveWhen(form({ when: 'block' }), context())).toMatchObject({
      start: '2026-11-19',
      end: '2026-12-16',
      label: 'Block 6',
    });
    expect(resolveWhen(form({ when: 'block', blockNumber: 5 }), context())).toMatchObject({
      start: '2026-10-22',
      label: 'Block 5',
    });
    // A block number of another year falls back to the default block.
    expect(resolveWhen(form({ when: 'block', blockNumber: 12 }), context()).label).toBe('Block 6');
  });

  it('dates must be calendar dates in order', () => {
    expect(resolveWhen(form({ when: 'dates', start: '', end: '2026-12-01' }), context()).error).toBe(
      'Give a start date',
    );
    expect(resolveWhen(form({ when: 'dates', start: '2026-02-30', end: '2026-12-01' }), context()).error).toBe(
      'Give a start date',
    );
    expect(resolveWhen(form({ when: 'dates', start: '2026-12-02', end: '2026-12-01' }), context()).error).toBe(
      'To is before From',
    );
    expect(resolveWhen(form({ when: 'dates', start: '2026-12-01', end: '2026-12-01' }), context()).error).toBeNull();
  });
});

describe('where', () => {
  it('calendars go to one stable folder; a draft to its own', () => {
    expect(reviewExport(form({}), context()).output).toBe('/home/coord/Documents/Residency Scheduler/Calendars');
    expect(reviewExport(form({ draftId: 7 }), context()).output).toBe(
      '/home/coord/Documents/Residency Scheduler/Calendars (DRAFT Winter swap)',
    );
  });

  it('single files are named by what, when and who, with the host separator', () => {
    const win = context({
      paths: {
        exportFolder: 'C:\\Users\\coord\\Documents\\Residency Scheduler\\',
        separator: '\\',
        canReveal: true,
        canPick: false,
      },
    });
    expect(reviewExport(form({ format: 'block-pdf', when: 'block', blockNumber: 5 }), win).output).toBe(
      'C:\\Users\\coord\\Documents\\Residency Scheduler\\Block 5 schedule AY 2026-27 (All residents).pdf',
    );
    expect(reviewExport(form({ format: 'csv', who: 'everyone' }), win).output).toBe(
      'C:\\Users\\coord\\Documents\\Residency Scheduler\\Assignments 2026-11-23 to 2027-06-30.csv',
    );
    expect(reviewExport(form({ format: 'roster-pdf', who: 'everyone', draftId: 7 }), win).output).toMatch(
      /\\DRAFT Winter swap - Call roster 2026-11-23 to 2027-06-30\.pdf$/,
    );
  });

  it('a block schedule of dates, and a call roster of one PGY class, say so in the name', () => {
    expect(
      reviewExport(form({ format: 'block-pdf', when: 'dates', start: '2026-12-01', end: '2026-12-31' }), context())
        .output,
    ).toBe('/home/coord/Documents/Residency Scheduler/Block schedule 2026-12-01 to 2026-12-31 (All residents).pdf');
    expect(
      reviewExport(form({ format: 'roster-pdf', who: 'pgy', pgy: 1, when: 'block', blockNumber: 6 }), context()).output,
    ).toBe('/home/coord/Documents/Residency Scheduler/Call roster Block 6 AY 2026-27 (PGY-1 class).pdf');
  });

  it('what the user typed wins, per format', () => {
    const review = reviewExport(form({ outputs: { csv: '/tmp/x.csv' } }), context());
    expect(review.outputIsDefault).toBe(true);
    expect(reviewExport(form({ format: 'csv', outputs: { csv: '/tmp/x.csv' } }), context())).toMatchObject({
      output: '/tmp/x.csv',
      outputIsDefault: false,
    });
  });

  it('refuses an empty, relative or wrongly typed path with a message that says how to fix it', () => {
    const unix = context().paths;
    expect(checkOutput(formatInfo('ics'), ' ', unix)).toBe('Choose the folder to save into');
    expect(checkOutput(formatInfo('ics'), 'calendars', unix)).toMatch(/Give the full path, starting like \//);
    expect(checkOutput(formatInfo('ics'), '/tmp/cal/Zoe.ics', unix)).toBe(
      'Calendars are saved one file per person: give a folder, not a .ics file',
    );
    expect(checkOutput(formatInfo('block-pdf'), '/tmp/block.csv', unix)).toBe(
      'A block schedule is saved as one .pdf file: end the name with .pdf',
    );
    expect(checkOutput(formatInfo('csv'), '/tmp/a.CSV', unix)).toBeNull();
    const win = { ...unix, separator: '\\' as const };
    expect(checkOutput(formatInfo('ics'), '/tmp/cal', win)).toMatch(/starting like C:\\/);
    expect(checkOutput(formatInfo('ics'), 'D:\\exports', win)).toBeNull();
    expect(checkOutput(formatInfo('ics'), '\\\\server\\share\\cal', win)).toBeNull();
  });
});

describe('picking a format', () => {
  it('per-person files default to the residents, wall printouts to everyone, until the user picks who', () => {
    expect(formatDefaults(INITIAL_FORM, 'roster-pdf')).toEqual({ format: 'roster-pdf', who: 'everyone' });
    expect(formatDefaults(form({ who: 'everyone' }), 'person-pdf')).toEqual({ format: 'person-pdf', who: 'residents' });
    expect(formatDefaults(form({ who: 'pgy', whoChosen: true }), 'csv')).toEqual({ format: 'csv' });
  });

  it('a block schedule starts on a block instead of the rest of the year', () => {
    expect(formatDefaults(form({ whoChosen: true }), 'block-pdf')).toEqual({ format: 'block-pdf', when: 'block' });
    expect(formatDefaults(form({ whoChosen: true, when: 'dates' }), 'block-pdf')).toEqual({ format: 'block-pdf' });
  });

  it('says what the button does', () => {
    expect(reviewExport(form({ format: 'csv' }), context()).action).toBe('Export assignments CSV');
    expect(reviewExport(form({ format: 'person-pdf', who: 'everyone' }), context()).action).toBe(
      'Export 5 personal schedules',
    );
    expect(reviewExport(form({ who: 'person', personId: 'r1' }), context()).action).toBe('Export 1 calendar');
  });
});

describe('the plan', () => {
  it('a PGY class of calendars is one call for the class into the folder, with the chosen dates', () => {
    const review = reviewExport(form({ who: 'pgy', pgy: 1, omitActivityCodes: ['W'] }), context());
    expect(review.action).toBe('Export 2 calendars');
    expect(review.plan?.files).toBe(2);
    expect(review.plan?.people).toEqual(['Ben Cole', 'Zoe Adams']);
    expect(review.plan?.call).toEqual({
      method: 'exports.calendars',
      input: {
        start: '2026-11-23',
        end: '2027-06-30',
        draftId: null,
        people: { personIds: ['r2', 'r1'] },
        outputDir: '/home/coord/Documents/Residency Scheduler/Calendars',
        omitActivityCodes: ['W'],
      },
    });
  });

  it('a draft of everyone is one call too (one job makes every file)', () => {
    const review = reviewExport(form({ format: 'person-pdf', who: 'everyone', draftId: 7 }), context());
    expect(review.plan?.people).toEqual(['Al Brown', 'Ben Cole', 'Zoe Adams', 'Ann Diaz', 'Carl Egan']);
    expect(review.plan?.call).toMatchObject({ method: 'exports.pdf', input: { kind: 'person', draftId: 7 } });
  });

  it('single-file exports of everyone send no selection; of a class, its people', () => {
    const roster = reviewExport(form({ format: 'roster-pdf', who: 'everyone', weekStartsOn: 1 }), context());
    expect(roster.plan?.people).toEqual([]);
    expect(roster.plan?.call).toMatchObject({
      method: 'exports.pdf',
      input: { kind: 'call-roster', people: {}, weekStartsOn: 1 },
    });
    const csv = reviewExport(form({ format: 'csv', who: 'pgy', pgy: 1 }), context());
    expect(csv.plan?.call).toMatchObject({ method: 'exports.csv', input: { people: { personIds: ['r2', 'r1'] } } });
    expect(csv.plan).toMatchObject({ files: 1, locationKind: 'file' });
  });

  it('an Excel workbook is one block or the whole year, with the plan and call roster sheets asked for', () => {
    const block = reviewExport(
      form({ format: 'xlsx', who: 'everyone', when: 'block', blockNumber: 6, xlsxCalls: false }),
      context(),
    );
    expect(block.plan?.call).toEqual({
      method: 'exports.xlsx',
      input: {
        block: { academicYear: 2026, number: 6 },
        draftId: null,
        people: {},
        plan: true,
        calls: false,
        output: '/home/coord/Documents/Residency Scheduler/Block sheets Block 6 AY 2026-27.xlsx',
      },
    });
    const year = reviewExport(form({ format: 'xlsx', who: 'everyone', when: 'rest' }), context());
    expect(year.when.label).toBe('All of AY 2026–27');
    expect(year.plan?.call).toMatchObject({
      method: 'exports.xlsx',
      input: { academicYear: 2026, plan: true, calls: true },
    });
    const dates = reviewExport(
      form({ format: 'xlsx', when: 'dates', start: '2026-11-01', end: '2026-11-05' }),
      context(),
    );
    expect(dates.errors.when).toMatch(/whole blocks/);
    expect(reviewExport(form({ format: 'xlsx', outputs: { xlsx: '/tmp/a.csv' } }), context()).errors.output).toMatch(
      /end the name with \.xlsx/,
    );
  });

  it('any problem leaves no plan and is said next to its choice', () => {
    const review = reviewExport(form({ who: 'pgy', pgy: 2, draftId: 99, outputs: { ics: 'relative' } }), context());
    expect(review.plan).toBeNull();
    expect(Object.keys(review.errors).sort()).toEqual(['draft', 'output', 'who']);
    expect(review.errors.draft).toMatch(/no longer open/);
  });
});

describe('paths', () => {
  it('join, split and name paths on both kinds of host', () => {
    expect(joinPath('/home/a/', 'Calendars', '/')).toBe('/home/a/Calendars');
    expect(joinPath('C:\\Users\\a', 'x.pdf', '\\')).toBe('C:\\Users\\a\\x.pdf');
    expect(parentFolder('/home/a/x.pdf')).toBe('/home/a');
    expect(parentFolder('/x.pdf')).toBe('/');
    expect(parentFolder('C:\\x.pdf')).toBe('C:\\');
    expect(baseName('C:\\Users\\a\\Block 5.pdf')).toBe('Block 5.pdf');
    expect(extensionOf('/a/b.c/Roster.PDF')).toBe('.pdf');
    expect(extensionOf('/a/b.c/Calendars')).toBe('');
    expect(isAbsolutePath('~/x', '/')).toBe(false);
    expect(safeFileName(' Draft: a/b? ')).toBe('Draft a b');
    expect(safeFileName('AY 2026–27')).toBe('AY 2026-27');
    expect(safeFileName('...')).toBe('export');
  });
});
