// The printable block schedule: the block grid (people × AM/PM days) on landscape pages, with the
// call rows on top, people grouped PGY-3 … PGY-1, faculty, learners, a rotation column, and the
// legend of codes at the foot. Wide ranges split by block halves (then evenly) across pages;
// long lists split by rows; every page repeats the date header and the name column.
import {
  academicYearLabel,
  academicYearOf,
  blockContaining,
  blocksForYear,
  datesInRange,
  isoWeekday,
} from '../../domain/calendar';
import type { ProgramData } from '../../domain/program';
import type { Activity, HalfDay, IsoDate, Person } from '../../domain/types';
import { displayGroup, sortForDisplay, type DateRange, type ExportSchedule } from '../schedule';
import {
  baseline,
  createPdf,
  drawHeader,
  endPage,
  fitText,
  HAIRLINE,
  HEADER_FILL,
  headerHeight,
  HOLIDAY_FILL,
  INK,
  MARGIN,
  MUTED,
  newPage,
  pdfBytes,
  RULE,
  shortNames,
  tint,
  WEEKEND_FILL,
  type Pdf,
  type PdfResult,
  type PrintSetup,
} from './document';
import { RotationLookup } from '../rotationLookup';
import { drawLegend, legendHeight, type LegendItem } from './legend';
import { formatDay, formatRange } from './dates';

export interface BlockSchedulePdfInput {
  data: ProgramData;
  schedule: ExportSchedule;
  people: Person[];
  range: DateRange;
  setup: PrintSetup;
}

const NAME_W = 118;
const ROT_W = 42;
const MIN_HALF_W = 16.5;
const DATE_ROW_H = 20;
const HALF_ROW_H = 10;
const GROUP_ROW_H = 12;
const ROW_H = 13;
const WEEKDAY = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

type Row =
  | { kind: 'group'; label: string }
  | { kind: 'call'; code: string; name: string }
  | { kind: 'person'; person: Person };

/** Split the range at block halves, then split any piece wider than a page evenly. */
export function dayChunks(data: ProgramData, range: DateRange, maxDays: number): IsoDate[][] {
  const layout = data.settings.blockLayout;
  const starts = new Set<IsoDate>();
  for (let y = academicYearOf(range.start); y <= academicYearOf(range.end); y++)
    for (const b of blocksForYear(y, layout)) starts.add(b.start).add(b.secondHalfStart);
  const pieces: IsoDate[][] = [];
  for (const date of datesInRange(range.start, range.end)) {
    if (pieces.length === 0 || starts.has(date)) pieces.push([]);
    pieces[pieces.length - 1].push(date);
  }
  return pieces.flatMap((piece) => {
    const parts = Math.ceil(piece.length / maxDays);
    const size = Math.ceil(piece.length / parts);
    return Array.from({ length: parts }, (_, i) => piece.slice(i * size, (i + 1) * size));
  });
}

/** The title a range deserves: "Block 5" when it is exactly one block. */
export function blockTitle(data: ProgramData, range: DateRange): string {
  const block = blockContaining(range.start, data.settings.blockLayout);
  const year = academicYearLabel(block.academicYear);
  if (block.start === range.start && block.end === range.end) return `Block ${block.number} schedule, ${year}`;
  return `Block schedule, ${year}`;
}

function rotationCodes(lookup: RotationLookup, personId: string, days: IsoDate[]): string {
  const codes: string[] = [];
  for (const date of days) {
    const code = lookup.on(personId, date)?.rotation?.code ?? '';
    if (code && codes[codes.length - 1] !== code) codes.push(code);
  }
  return codes.join('/');
}

export async function blockSchedulePdf(input: BlockSchedulePdfInput): Promise<PdfResult> {
  const { data, schedule, range, setup } = input;
  const year = academicYearOf(range.start);
  const people = sortForDisplay(input.people, year);
  const ids = new Set(people.map((p) => p.id));
  const activities = new Map(data.activities.map((a) => [a.code, a]));
  const cell = new Map<string, string>();
  const usedOn = new Map<IsoDate, Set<string>>();
  for (const a of schedule.assignments) {
    if (!ids.has(a.personId) || a.date < range.start || a.date > range.end) continue;
    cell.set(`${a.personId}|${a.date}|${a.half}`, a.activityCode);
    usedOn.set(a.date, (usedOn.get(a.date) ?? new Set()).add(a.activityCode));
  }
  const everyone = shortNames(data.people);
  const calls = new Map<string, string[]>();
  for (const c of schedule.calls) {
    if (c.date < range.start || c.date > range.end) continue;
    const key = `${c.callTypeCode}|${c.date}`;
    calls.set(key, [...(calls.get(key) ?? []), everyone.get(c.personId) ?? c.personId]);
  }
  const callTypes = data.callTypes.filter((t) =>
    schedule.calls.some((c) => c.callTypeCode === t.code && c.date >= range.start && c.date <= range.end),
  );
  const holidays = new Map(
    data.holidays.filter((h) => h.date >= range.start && h.date <= range.end).map((h) => [h.date, h]),
  );

  const rows: Row[] = [];
  if (callTypes.length) {
    rows.push({ kind: 'group', label: 'Call' });
    for (const t of callTypes) rows.push({ kind: 'call', code: t.code, name: t.name });
  }
  let lastGroup = '';
  for (const person of people) {
    const group = displayGroup(person, year).label;
    if (group !== lastGroup) rows.push({ kind: 'group', label: group });
    lastGroup = group;
    rows.push({ kind: 'person', person });
  }

  const lookup = new RotationLookup(data, range);
  const title = blockTitle(data, range);
  const pdf = await createPdf(setup, 'landscape', `${title}: ${formatRange(range.start, range.end)}`);
  const gridWidth = pdf.width - 2 * MARGIN - NAME_W - ROT_W;
  const maxDays = Math.max(1, Math.floor(gridWidth / (2 * MIN_HALF_W)));
  const chunks = dayChunks(data, range, maxDays);

  // Each page's legend lists the codes and holidays of its own days.
  const legendFor = (days: IsoDate[]) => {
    const codes = [...new Set(days.flatMap((d) => [...(usedOn.get(d) ?? [])]))].sort();
    const items: LegendItem[] = codes.map((code) => ({
      code,
      name: activities.get(code)?.name ?? 'Unknown activity',
      color: activities.get(code)?.color ?? null,
    }));
    const dayHolidays = days.flatMap((d) => (holidays.has(d) ? [holidays.get(d)!] : []));
    const notes = [
      ...(callTypes.length
        ? [`Calls: ${callTypes.map((t) => `${t.code} ${t.name} ${t.start}–${t.end}`).join('  ·  ')}`]
        : []),
      ...(dayHolidays.length
        ? [`Holidays: ${dayHolidays.map((h) => `${formatDay(h.date)} ${h.name}`).join('  ·  ')}`]
        : []),
    ];
    return { items, notes, height: legendHeight(pdf, items, notes) };
  };

  // The pages are laid out first, so each can carry "Page n of m" and be written out as it is
  // drawn (endPage) rather than all kept until the end.
  const pages: {
    days: IsoDate[];
    halfW: number;
    subtitle: string;
    rows: Row[];
    legend: ReturnType<typeof legendFor>;
  }[] = [];
  const gridTop = MARGIN + headerHeight() + DATE_ROW_H + HALF_ROW_H;
  for (const days of chunks) {
    const legend = legendFor(days);
    const gridBottom = pdf.height - MARGIN - legend.height - 8;
    const halfW = Math.min(24, gridWidth / (2 * days.length));
    const chunkRange = { start: days[0], end: days[days.length - 1] };
    const block = blockContaining(days[0], data.settings.blockLayout);
    const halves = block.secondHalfStart !== block.start;
    const half = !halves ? '' : days[0] >= block.secondHalfStart ? ', second half' : ', first half';
    const subtitle = `${formatRange(chunkRange.start, chunkRange.end)}  ·  Block ${block.number}${half}`;
    let index = 0;
    while (index < rows.length) {
      const pageRows: Row[] = [];
      // Fill the page; a group heading never ends a page, a continued group repeats its heading.
      const continued = index > 0 && rows[index].kind !== 'group' ? lastGroupBefore(rows, index) : null;
      if (continued) pageRows.push({ kind: 'group', label: `${continued} (continued)` });
      let h = pageRows.length * GROUP_ROW_H;
      while (index < rows.length) {
        const row = rows[index];
        const rowH = row.kind === 'group' ? GROUP_ROW_H : ROW_H;
        const needs = row.kind === 'group' ? rowH + ROW_H : rowH;
        if (gridTop + h + needs > gridBottom && pageRows.length > (continued ? 1 : 0)) break;
        pageRows.push(row);
        h += rowH;
        index++;
      }
      pages.push({ days, halfW, subtitle, rows: pageRows, legend });
    }
  }
  const footer = `${title}  ·  ${formatRange(range.start, range.end)}`;
  for (const [i, page] of pages.entries()) {
    if (i > 0) newPage(pdf);
    const top = drawHeader(pdf, title, page.subtitle);
    let y = drawColumnHeader(pdf, page.days, page.halfW, top, holidays);
    for (const row of page.rows)
      y = drawRow(pdf, row, page.days, page.halfW, y, { lookup, cell, calls, activities, holidays });
    drawLegend(pdf, page.legend.items, page.legend.notes, pdf.height - MARGIN - page.legend.height);
    endPage(pdf, footer, i + 1, pages.length);
  }
  // Nobody to print: the document's one page says so by its footer alone, as before.
  if (pages.length === 0) endPage(pdf, footer, 1, 1);
  return { pdf: await pdfBytes(pdf), pages: Math.max(1, pages.length) };
}

function lastGroupBefore(rows: Row[], index: number): string | null {
  for (let i = index - 1; i >= 0; i--) {
    const row = rows[i];
    if (row.kind === 'group') return row.label;
  }
  return null;
}

function drawColumnHeader(
  pdf: Pdf,
  days: IsoDate[],
  halfW: number,
  top: number,
  holidays: Map<IsoDate, unknown>,
): number {
  const { doc } = pdf;
  const gridLeft = MARGIN + NAME_W + ROT_W;
  const h = DATE_ROW_H + HALF_ROW_H;
  doc.rect(MARGIN, top, NAME_W + ROT_W + days.length * 2 * halfW, h).fill(HEADER_FILL);
  fitText(pdf, 'Name', MARGIN + 4, baseline(top + DATE_ROW_H - 2, HALF_ROW_H + 2, 7.5), NAME_W - 8, {
    size: 7.5,
    bold: true,
  });
  fitText(pdf, 'Rotation', MARGIN + NAME_W + 2, baseline(top + DATE_ROW_H - 2, HALF_ROW_H + 2, 6.5), ROT_W - 4, {
    size: 6.5,
    bold: true,
  });
  days.forEach((date, i) => {
    const x = gridLeft + i * 2 * halfW;
    const wd = isoWeekday(date);
    if (holidays.has(date)) doc.rect(x, top, 2 * halfW, h).fill(HOLIDAY_FILL);
    else if (wd >= 6) doc.rect(x, top, 2 * halfW, h).fill('#d9dde3');
    fitText(pdf, WEEKDAY[wd], x, top + 3, 2 * halfW, { size: 6, color: MUTED, align: 'center' });
    const [, m, d] = date.split('-').map(Number);
    const label = i === 0 || d === 1 ? `${d} ${MONTHS[m - 1]}` : String(d);
    fitText(pdf, label, x, top + 10.5, 2 * halfW, { size: 7.5, minSize: 5.5, bold: true, align: 'center' });
    for (const [j, half] of (['AM', 'PM'] as HalfDay[]).entries())
      fitText(pdf, half, x + j * halfW, top + DATE_ROW_H + 2, halfW, { size: 5.5, color: MUTED, align: 'center' });
  });
  const y = top + h;
  doc
    .moveTo(MARGIN, y)
    .lineTo(gridLeft + days.length * 2 * halfW, y)
    .lineWidth(0.8)
    .strokeColor(INK)
    .stroke();
  return y;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface RowContext {
  lookup: RotationLookup;
  cell: Map<string, string>;
  calls: Map<string, string[]>;
  activities: Map<string, Activity>;
  holidays: Map<IsoDate, unknown>;
}

function drawRow(pdf: Pdf, row: Row, days: IsoDate[], halfW: number, y: number, ctx: RowContext): number {
  const { doc } = pdf;
  const gridLeft = MARGIN + NAME_W + ROT_W;
  const right = gridLeft + days.length * 2 * halfW;
  if (row.kind === 'group') {
    doc.rect(MARGIN, y, right - MARGIN, GROUP_ROW_H).fill('#52606d');
    fitText(pdf, row.label, MARGIN + 4, baseline(y, GROUP_ROW_H, 7.5), NAME_W + ROT_W, {
      size: 7.5,
      bold: true,
      color: '#ffffff',
    });
    return y + GROUP_ROW_H;
  }
  // Background: weekends and holidays shaded, then the activity colours.
  days.forEach((date, i) => {
    const x = gridLeft + i * 2 * halfW;
    if (ctx.holidays.has(date)) doc.rect(x, y, 2 * halfW, ROW_H).fill(HOLIDAY_FILL);
    else if (isoWeekday(date) >= 6) doc.rect(x, y, 2 * halfW, ROW_H).fill(WEEKEND_FILL);
  });
  if (row.kind === 'call') {
    doc.rect(MARGIN, y, NAME_W + ROT_W, ROW_H).fill('#f5f7fa');
    fitText(pdf, row.name, MARGIN + 4, baseline(y, ROW_H, 7), NAME_W - 6, { size: 7, minSize: 6, color: INK });
    fitText(pdf, row.code, MARGIN + NAME_W + 2, baseline(y, ROW_H, 6.5), ROT_W - 4, {
      size: 6.5,
      bold: true,
      color: MUTED,
    });
    days.forEach((date, i) => {
      const names = ctx.calls.get(`${row.code}|${date}`);
      if (names)
        fitText(pdf, names.join('/'), gridLeft + i * 2 * halfW + 1, baseline(y, ROW_H, 6), 2 * halfW - 2, {
          size: 6,
          minSize: 4.5,
          align: 'center',
        });
    });
  } else {
    const person = row.person;
    fitText(pdf, person.name, MARGIN + 4, baseline(y, ROW_H, 7.5), NAME_W - 6, { size: 7.5, minSize: 6 });
    fitText(pdf, rotationCodes(ctx.lookup, person.id, days), MARGIN + NAME_W + 2, baseline(y, ROW_H, 6.5), ROT_W - 4, {
      size: 6.5,
      minSize: 5,
      color: MUTED,
    });
    days.forEach((date, i) => {
      for (const [j, half] of (['AM', 'PM'] as HalfDay[]).entries()) {
        const code = ctx.cell.get(`${person.id}|${date}|${half}`);
        if (!code) continue;
        const x = gridLeft + (2 * i + j) * halfW;
        const color = ctx.activities.get(code)?.color;
        if (color) doc.rect(x + 0.4, y + 0.4, halfW - 0.8, ROW_H - 0.8).fill(tint(color, 0.6));
        fitText(pdf, code, x + 0.5, baseline(y, ROW_H, 6.5), halfW - 1, { size: 6.5, minSize: 4.5, align: 'center' });
      }
    });
  }
  // Rules: hairlines between halves, darker lines between days, a heavier one before Mondays.
  days.forEach((date, i) => {
    const x = gridLeft + i * 2 * halfW;
    // Calls are per date, so their cells span both halves.
    if (row.kind === 'person')
      doc
        .moveTo(x + halfW, y)
        .lineTo(x + halfW, y + ROW_H)
        .lineWidth(0.25)
        .strokeColor(HAIRLINE)
        .stroke();
    const weekStart = isoWeekday(date) === 1;
    doc
      .moveTo(x, y)
      .lineTo(x, y + ROW_H)
      .lineWidth(weekStart ? 0.9 : 0.4)
      .strokeColor(weekStart ? MUTED : RULE)
      .stroke();
  });
  doc
    .moveTo(right, y)
    .lineTo(right, y + ROW_H)
    .lineWidth(0.4)
    .strokeColor(RULE)
    .stroke();
  doc
    .moveTo(MARGIN + NAME_W, y)
    .lineTo(MARGIN + NAME_W, y + ROW_H)
    .lineWidth(0.25)
    .strokeColor(HAIRLINE)
    .stroke();
  doc
    .moveTo(MARGIN, y + ROW_H)
    .lineTo(right, y + ROW_H)
    .lineWidth(0.25)
    .strokeColor(RULE)
    .stroke();
  return y + ROW_H;
}
