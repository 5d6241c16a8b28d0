// Printouts: the PDFs are opened with pdf.js (through unpdf, which bundles it; text per page) and a page is rendered to
// an
// image with poppler's pdftoppm to check that it is not blank.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import type { ProgramData } from '../../core/domain/program';
import type { Person } from '../../core/domain/types';
import { blockSchedulePdf, dayChunks } from '../../core/exports/pdf/blockSchedulePdf';
import { callRosterPdf } from '../../core/exports/pdf/callRosterPdf';
import { createPdf, pdfBytes, toWinAnsi, type PrintSetup } from '../../core/exports/pdf/document';
import { personSchedulePdf } from '../../core/exports/pdf/personSchedulePdf';
import { resolvePeople, scheduleFor } from '../../core/exports/schedule';
import { bundledPrintFonts } from '../../core/services/print-fonts';
import { makeAssignments, makeProgram } from './exports-fixture';

const BLOCK_5 = { start: '2026-10-22', end: '2026-11-18' };

function setup(data: ProgramData, draftLabel: string | null = null): PrintSetup {
  return { programName: data.settings.programName, printedAt: '23 Nov 2026 14:05', draftLabel };
}

/** The text items of every page, in order. */
async function pageTexts(pdf: Buffer): Promise<string[][]> {
  const doc = await getDocumentProxy(new Uint8Array(pdf), { verbosity: 0 });
  const pages: string[][] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).filter((s) => s.trim() !== ''));
  }
  await doc.cleanup();
  return pages;
}

/** Grey level per pixel of an 8-bit PNG as pdftoppm writes it (grey, RGB or RGBA; no interlace). */
function decodePng(png: Buffer): { width: number; height: number; pixels: Uint8Array } {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 1;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.subarray(offset + 4, offset + 8).toString('latin1');
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      [width, height] = [data.readUInt32BE(0), data.readUInt32BE(4)];
      expect(data[8]).toBe(8);
      channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[data[9]];
    } else if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const bytes = new Uint8Array(stride * height);
  // Undo the per-row filters (None, Sub, Up, Average, Paeth), byte by byte.
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let i = 0; i < stride; i++) {
      const v = raw[y * (stride + 1) + 1 + i];
      const a = i >= channels ? bytes[y * stride + i - channels] : 0;
      const b = y > 0 ? bytes[(y - 1) * stride + i] : 0;
      const c = i >= channels && y > 0 ? bytes[(y - 1) * stride + i - channels] : 0;
      const p = a + b - c;
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
          ? a
          : Math.abs(p - b) <= Math.abs(p - c)
            ? b
            : c;
      bytes[y * stride + i] = (v + [0, a, b, (a + b) >> 1, paeth][filter]) & 0xff;
    }
  }
  const pixels = new Uint8Array(width * height);
  for (let k = 0; k < pixels.length; k++) pixels[k] = bytes[k * channels]; // first channel
  return { width, height, pixels };
}

/** Share of non-white pixels on a page rendered to PNG by poppler's pdftoppm. */
function inkRatio(pdf: Buffer, page: number): number {
  const dir = mkdtempSync(join(tmpdir(), 'pdf-'));
  writeFileSync(join(dir, 'a.pdf'), pdf);
  execFileSync('pdftoppm', [
    '-f',
    String(page),
    '-l',
    String(page),
    '-r',
    '40',
    '-png',
    '-gray',
    '-singlefile',
    join(dir, 'a.pdf'),
    join(dir, 'p'),
  ]);
  const { pixels } = decodePng(readFileSync(join(dir, 'p.png')));
  let ink = 0;
  for (const v of pixels) if (v < 200) ink++;
  return ink / pixels.length;
}

/** A page's text as one string with single spaces (pdfjs splits runs of spaces). */
function joined(page: string[]): string {
  return page.join(' ').replace(/\s+/g, ' ');
}

function withManyResidents(data: ProgramData, count: number): Person[] {
  const extra: Person[] = Array.from({ length: count }, (_, i) => ({
    ...data.people[0],
    id: `m${i + 1}`,
    name: `Many Resident ${String(i + 1).padStart(2, '0')}`,
    pgyByYear: { '2026': (i % 3) + 1 },
  }));
  data.people = [...data.people, ...extra];
  return extra;
}

describe('block schedule PDF', () => {
  it('prints the block grid by block halves with names, rotations, codes, legend and dates', async () => {
    const data = makeProgram(BLOCK_5.start, BLOCK_5.end);
    const people = resolvePeople(data, {}, BLOCK_5.start);
    const { pdf, pages } = await blockSchedulePdf({
      data,
      schedule: scheduleFor(data),
      people,
      range: BLOCK_5,
      setup: setup(data),
    });
    const texts = await pageTexts(pdf);
    expect(pages).toBe(2);
    expect(texts).toHaveLength(2);
    for (const [i, page] of texts.entries()) {
      expect(page).toContain('Block 5 schedule, AY 2026–27');
      expect(page).toContain('Printed 23 Nov 2026 14:05');
      expect(page).toContain(`Page ${i + 1} of 2`);
      for (const name of [
        'Avery Adams',
        'Blake Brown',
        'Casey Chen',
        'Devon Díaz-Núñez',
        'Dana Diaz, MD',
        'Frankie Fox',
      ])
        expect(page).toContain(name);
      for (const label of [
        'PGY-3',
        'PGY-2',
        'PGY-1',
        'Faculty',
        'Learners',
        'Call',
        'Overnight call',
        'Name',
        'Rotation',
      ])
        expect(page).toContain(label);
      for (const code of ['C', 'PROC', 'LEC', 'FMIT', 'NF', 'OFF', 'W', 'AT', 'DO']) expect(page).toContain(code);
      expect(page).toContain('Clinic'); // legend
      expect(page).not.toContain('Gone Person'); // inactive
    }
    expect(texts[0]).toContain('22 Oct');
    expect(joined(texts[0])).toContain('Thu 22 Oct 2026 – Wed 4 Nov 2026 · Block 5, first half');
    expect(texts[1]).toContain('5 Nov');
    expect(joined(texts[1])).toContain('Thu 5 Nov 2026 – Wed 18 Nov 2026 · Block 5, second half');
    // Avery's leave (16–20 Nov) is only in the second half.
    expect(texts[0]).not.toContain('LV');
    expect(texts[1]).toContain('LV');
    expect(inkRatio(pdf, 1)).toBeGreaterThan(0.03);
  });

  it('splits long lists across pages, repeating the date header, name column and group heading', async () => {
    const data = makeProgram(BLOCK_5.start, BLOCK_5.end);
    const extra = withManyResidents(data, 60);
    data.assignments.push(...makeAssignments(BLOCK_5.start, BLOCK_5.end, extra));
    const people = resolvePeople(data, {}, BLOCK_5.start);
    const { pdf, pages } = await blockSchedulePdf({
      data,
      schedule: scheduleFor(data),
      people,
      range: BLOCK_5,
      setup: setup(data),
    });
    const texts = await pageTexts(pdf);
    expect(pages).toBeGreaterThanOrEqual(4);
    // Pages of the first half come first, then those of the second; each repeats the headers.
    const perHalf = texts.filter((t) => joined(t).includes('Block 5, first half')).length;
    expect(perHalf).toBeGreaterThanOrEqual(2);
    for (const [i, page] of texts.entries()) {
      expect(page).toContain('Name');
      expect(page).toContain('Rotation');
      expect(page).toContain(i < perHalf ? '22 Oct' : '5 Nov');
      expect(joined(page)).toContain(i < perHalf ? 'Block 5, first half' : 'Block 5, second half');
    }
    // Every person is printed exactly once per half.
    for (const person of people) {
      const onPages = texts.map((t, i) => (t.includes(person.name) ? i : -1)).filter((i) => i >= 0);
      expect(onPages.filter((i) => i < perHalf)).toHaveLength(1);
      expect(onPages.filter((i) => i >= perHalf)).toHaveLength(1);
    }
    expect(texts.slice(1, perHalf).some((t) => t.some((s) => s.endsWith('(continued)')))).toBe(true);
  });

  it('marks every page of a draft', async () => {
    const data = makeProgram(BLOCK_5.start, BLOCK_5.end);
    const override = {
      label: 'Block 5 regeneration',
      start: BLOCK_5.start,
      end: BLOCK_5.end,
      assignments: data.assignments,
      calls: data.calls,
    };
    const people = resolvePeople(data, { kinds: ['resident'] }, BLOCK_5.start);
    const { pdf } = await blockSchedulePdf({
      data,
      schedule: scheduleFor(data, override),
      people,
      range: BLOCK_5,
      setup: setup(data, 'Block 5 regeneration'),
    });
    for (const page of await pageTexts(pdf)) {
      expect(page).toContain('DRAFT: Block 5 regeneration');
      expect(page).toContain('DRAFT');
    }
  });

  it('cuts wide ranges at block halves and then evenly', () => {
    const data = makeProgram();
    const chunks = dayChunks(data, { start: '2026-10-22', end: '2026-12-16' }, 17);
    expect(chunks.map((c) => [c[0], c.length])).toEqual([
      ['2026-10-22', 14],
      ['2026-11-05', 14],
      ['2026-11-19', 14],
      ['2026-12-03', 14],
    ]);
    const narrow = dayChunks(data, BLOCK_5, 10);
    expect(narrow.map((c) => c.length)).toEqual([7, 7, 7, 7]);
  });
});

describe('call roster PDF', () => {
  it('prints one month per page with who has which call and the inpatient attending', async () => {
    const data = makeProgram('2026-11-01', '2026-12-31');
    const { pdf, pages } = await callRosterPdf({
      data,
      schedule: scheduleFor(data),
      range: { start: '2026-11-01', end: '2026-12-31' },
      setup: setup(data),
    });
    const texts = await pageTexts(pdf);
    expect(pages).toBe(2);
    expect(texts[0]).toContain('Call roster: November 2026');
    expect(texts[1]).toContain('Call roster: December 2026');
    for (const page of texts) {
      for (const s of ['Dana Diaz, MD', 'Eli Evans, DO', 'Blake Brown', 'OC', 'LD', 'Sunday', 'Saturday'])
        expect(page).toContain(s);
      expect(page).toContain('Overnight call 17:00–07:00 (+1 day)');
    }
    expect(texts[0]).toContain('Thanksgiving Day');
    expect(texts[0]).toContain('FMIT'); // Dana's inpatient week 13–19 Nov
    expect(texts[1]).not.toContain('FMIT');
    expect(inkRatio(pdf, 1)).toBeGreaterThan(0.02);
  });

  it('starts weeks on Monday when asked and can be limited to some people', async () => {
    const data = makeProgram('2026-11-01', '2026-11-30');
    const people = resolvePeople(data, { personIds: ['r2'] }, '2026-11-01');
    const { pdf } = await callRosterPdf({
      data,
      schedule: scheduleFor(data),
      range: { start: '2026-11-01', end: '2026-11-30' },
      setup: setup(data),
      people,
      weekStartsOn: 1,
    });
    const [page] = await pageTexts(pdf);
    expect(page.indexOf('Monday')).toBeLessThan(page.indexOf('Sunday'));
    expect(page).toContain('Blake Brown');
    expect(page).not.toContain('Dana Diaz, MD');
  });
});

describe('personal schedule PDF', () => {
  it("prints one person's days with hours, calls, blocks and totals", async () => {
    const data = makeProgram('2026-11-01', '2026-12-31');
    const person = data.people.find((p) => p.id === 'f1')!;
    const { pdf, pages } = await personSchedulePdf({
      data,
      schedule: scheduleFor(data),
      person,
      range: { start: '2026-11-09', end: '2026-11-20' },
      setup: setup(data),
    });
    const [page] = await pageTexts(pdf);
    expect(pages).toBe(1);
    for (const s of [
      'Dana Diaz, MD',
      'Mon 9 Nov',
      'Attending (precepting)',
      '08:00–12:00',
      'Clinic',
      '13:00–17:00',
      'Overnight call 17:00–07:00',
    ])
      expect(page).toContain(s);
    expect(joined(page)).toContain('Faculty · Mon 9 Nov 2026 – Fri 20 Nov 2026');
    expect(page.some((s) => s.startsWith('Block 5'))).toBe(true);
    expect(page.some((s) => s.startsWith('Block 6'))).toBe(true);
    expect(page.some((s) => s.includes('Inpatient team (FMIT) week'))).toBe(true);
    expect(inkRatio(pdf, 1)).toBeGreaterThan(0.02);
  });

  it('notes absences on their days, part-day ones with their part', async () => {
    const data = makeProgram('2026-11-01', '2026-12-31');
    data.absences = [
      {
        id: 'a1',
        personId: 'f1',
        type: 'medical',
        start: '2026-11-10',
        end: '2026-11-10',
        part: { start: '12:00', end: '17:00' },
        status: 'approved',
        note: null,
      },
    ];
    const person = data.people.find((p) => p.id === 'f1')!;
    const { pdf } = await personSchedulePdf({
      data,
      schedule: scheduleFor(data),
      person,
      range: { start: '2026-11-09', end: '2026-11-13' },
      setup: setup(data),
    });
    const [page] = await pageTexts(pdf);
    expect(joined(page)).toContain('Medical leave 12:00–17:00');
  });

  it('merges a whole day of one activity into one cell and repeats the header on every page', async () => {
    const data = makeProgram('2026-11-01', '2027-01-31');
    const person = data.people.find((p) => p.id === 'r1')!;
    const { pdf, pages } = await personSchedulePdf({
      data,
      schedule: scheduleFor(data),
      person,
      range: { start: '2026-11-01', end: '2027-01-31' },
      setup: setup(data),
    });
    const texts = await pageTexts(pdf);
    expect(pages).toBeGreaterThan(1);
    for (const page of texts)
      for (const s of ['Avery Adams', 'Date', 'Morning', 'Afternoon']) expect(page).toContain(s);
    expect(texts[0]).toContain('08:00–17:00');
    expect(joined(texts[0])).toContain('PGY-1 resident · Sun 1 Nov 2026 – Sun 31 Jan 2027');
  });
});

describe('blank-page check', () => {
  it('sees no ink on an empty page and some on a printed one', async () => {
    const data = makeProgram();
    const empty = await createPdf(setup(data), 'landscape', 'empty');
    expect(inkRatio(await pdfBytes(empty), 1)).toBeLessThan(0.001);
    const { pdf } = await callRosterPdf({
      data,
      schedule: scheduleFor(data),
      range: { start: '2026-11-01', end: '2026-11-30' },
      setup: setup(data),
    });
    expect(inkRatio(pdf, 1)).toBeGreaterThan(0.02);
  });
});

describe('text for the standard fonts', () => {
  it('keeps Latin-1 and replaces what the font cannot show', () => {
    expect(toWinAnsi('Díaz-Núñez – “ok” €')).toBe('Díaz-Núñez – “ok” €');
    expect(toWinAnsi('Łukasz Dvořák')).toBe('Lukasz Dvorák');
    expect(toWinAnsi('王')).toBe('?');
  });
});

describe('bundled print fonts', () => {
  const resourcesDir = join(fileURLToPath(new URL('../..', import.meta.url)), 'resources');

  it('are found in resources/fonts and print names beyond Latin-1 exactly as written', async () => {
    const fonts = bundledPrintFonts(resourcesDir);
    expect(fonts).toBeDefined();
    const data = makeProgram(BLOCK_5.start, BLOCK_5.end);
    const names = ['Łukasz Wróbel', 'Ğülşen Yılmaz', 'Ольга Петрова'];
    data.people
      .filter((p) => p.kind === 'resident')
      .slice(0, names.length)
      .forEach((p, i) => (p.name = names[i]));
    const people = resolvePeople(data, {}, BLOCK_5.start);
    const { pdf } = await blockSchedulePdf({
      data,
      schedule: scheduleFor(data),
      people,
      range: BLOCK_5,
      setup: { ...setup(data), fonts },
    });
    const first = joined((await pageTexts(pdf))[0]);
    for (const name of names) expect(first).toContain(name);
  });

  it('fall back to the standard fonts when the folder has none', () => {
    expect(bundledPrintFonts(tmpdir())).toBeUndefined();
    expect(bundledPrintFonts(undefined)).toBeUndefined();
  });
});
