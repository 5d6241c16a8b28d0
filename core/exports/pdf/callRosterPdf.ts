// The monthly call roster: one landscape page per month, a wall calendar whose days list who has
// each call (and who is the inpatient team attending that week), with holidays marked.
import { DateTime } from 'luxon';
import { addDays, datesInRange, isoWeekday } from '../../domain/calendar';
import type { ProgramData } from '../../domain/program';
import type { IsoDate, IsoWeekday, Person } from '../../domain/types';
import { inpatientWeekLabel } from '../calendarEntries';
import type { DateRange, ExportSchedule } from '../schedule';
import { formatMonth, formatRange } from './dates';
import {
  createPdf,
  drawHeader,
  finishPages,
  fitText,
  HAIRLINE,
  HEADER_FILL,
  HOLIDAY_FILL,
  INK,
  MARGIN,
  MUTED,
  newPage,
  pdfBytes,
  RULE,
  WEEKEND_FILL,
  type Pdf,
  type PdfResult,
  type PrintSetup,
} from './document';
import { drawLegend, legendHeight, type LegendItem } from './legend';

export interface CallRosterPdfInput {
  data: ProgramData;
  schedule: ExportSchedule;
  range: DateRange;
  setup: PrintSetup;
  /** Only these people's calls and inpatient weeks; omit for everyone. */
  people?: Person[];
  /** First column of the calendar: 7 = Sunday (US wall calendars), 1 = Monday. */
  weekStartsOn?: Extract<IsoWeekday, 1 | 7>;
}

const WEEKDAY_NAMES = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
// Distinct, print-friendly tag colours assigned to call types in their configured order.
const TAG_COLORS = ['#1565c0', '#2e7d32', '#6a1b9a', '#ef6c00', '#00838f', '#ad1457', '#4e342e', '#37474f'];
const INPATIENT_COLOR = '#c62828';
const LINE_H = 9.5;

interface DayLine {
  tag: string;
  color: string;
  text: string;
}

/** The months (as their first day) a range touches. */
export function monthsOf(range: DateRange): IsoDate[] {
  const months: IsoDate[] = [];
  let m = DateTime.fromISO(range.start, { zone: 'utc' }).startOf('month');
  const last = DateTime.fromISO(range.end, { zone: 'utc' });
  while (m <= last) {
    months.push(m.toISODate()!);
    m = m.plus({ months: 1 });
  }
  return months;
}

export async function callRosterPdf(input: CallRosterPdfInput): Promise<PdfResult> {
  const { data, schedule, range, setup } = input;
  const weekStart = input.weekStartsOn ?? 7;
  const names = new Map(data.people.map((p) => [p.id, p.name]));
  const selected = input.people ? new Set(input.people.map((p) => p.id)) : null;
  const include = (personId: string) => !selected || selected.has(personId);
  const typeOrder = new Map(data.callTypes.map((t, i) => [t.code, i]));
  const inpatient = inpatientWeekLabel(data);

  const lines = new Map<IsoDate, DayLine[]>();
  const push = (date: IsoDate, line: DayLine) => lines.set(date, [...(lines.get(date) ?? []), line]);
  for (const week of schedule.inpatientWeeks) {
    if (!include(week.personId) || week.end < range.start || week.start > range.end) continue;
    for (const date of datesInRange(week.start, week.end))
      push(date, {
        tag: inpatient.code || 'INPT',
        color: INPATIENT_COLOR,
        text: names.get(week.personId) ?? week.personId,
      });
  }
  const calls = schedule.calls
    .filter((c) => include(c.personId) && c.date >= range.start && c.date <= range.end)
    .sort((a, b) => (typeOrder.get(a.callTypeCode) ?? 99) - (typeOrder.get(b.callTypeCode) ?? 99));
  for (const c of calls)
    push(c.date, {
      tag: c.callTypeCode,
      color: TAG_COLORS[(typeOrder.get(c.callTypeCode) ?? TAG_COLORS.length - 1) % TAG_COLORS.length],
      text: names.get(c.personId) ?? c.personId,
    });
  const holidays = new Map(data.holidays.map((h) => [h.date, h.name]));

  // Legend entries by tag; each month's page lists only the tags that appear on it.
  const legendByTag = new Map<string, LegendItem>();
  for (const t of data.callTypes)
    legendByTag.set(t.code, {
      code: t.code,
      name: `${t.name} ${t.start}–${t.end}${t.end <= t.start ? ' (+1 day)' : ''}`,
      color: TAG_COLORS[typeOrder.get(t.code)! % TAG_COLORS.length],
    });
  const inpatientTag = inpatient.code || 'INPT';
  legendByTag.set(inpatientTag, { code: inpatientTag, name: `${inpatient.summary} attending`, color: INPATIENT_COLOR });

  const title = 'Call roster';
  const pdf = await createPdf(setup, 'landscape', `${title}: ${formatRange(range.start, range.end)}`);
  monthsOf(range).forEach((month, i) => {
    if (i > 0) newPage(pdf);
    const first = month < range.start ? range.start : month;
    const last = monthEnd(month) > range.end ? range.end : monthEnd(month);
    const tags = new Set(datesInRange(first, last).flatMap((d) => (lines.get(d) ?? []).map((l) => l.tag)));
    const legend = [...legendByTag.entries()].filter(([tag]) => tags.has(tag)).map(([, item]) => item);
    const legendH = legendHeight(pdf, legend, []);
    const top = drawHeader(pdf, `${title}: ${formatMonth(month)}`, formatRange(first, last));
    drawMonth(pdf, month, weekStart, top, pdf.height - MARGIN - legendH - 10, { lines, holidays, range });
    drawLegend(pdf, legend, [], pdf.height - MARGIN - legendH);
  });
  finishPages(pdf, `${title}  ·  ${formatRange(range.start, range.end)}`);
  const pages = pdf.doc.bufferedPageRange().count;
  return { pdf: await pdfBytes(pdf), pages };
}

function monthEnd(month: IsoDate): IsoDate {
  return DateTime.fromISO(month, { zone: 'utc' }).endOf('month').toISODate()!;
}

interface MonthContext {
  lines: Map<IsoDate, DayLine[]>;
  holidays: Map<IsoDate, string>;
  range: DateRange;
}

function drawMonth(pdf: Pdf, month: IsoDate, weekStart: 1 | 7, top: number, bottom: number, ctx: MonthContext): void {
  const { doc } = pdf;
  const width = pdf.width - 2 * MARGIN;
  const colW = width / 7;
  const headH = 15;
  // First cell: the week-start day on or before the 1st.
  const offset = (isoWeekday(month) - weekStart + 7) % 7;
  const gridStart = addDays(month, -offset);
  const last = monthEnd(month);
  const weeks = Math.ceil((offset + Number(last.slice(8))) / 7);
  const rowH = (bottom - top - headH) / weeks;

  doc.rect(MARGIN, top, width, headH).fill(HEADER_FILL);
  for (let c = 0; c < 7; c++) {
    const wd = ((weekStart - 1 + c) % 7) + 1;
    fitText(pdf, WEEKDAY_NAMES[wd], MARGIN + c * colW, top + 4, colW, { size: 8, bold: true, align: 'center' });
  }
  for (let r = 0; r < weeks; r++) {
    for (let c = 0; c < 7; c++) {
      const date = addDays(gridStart, r * 7 + c);
      const x = MARGIN + c * colW;
      const y = top + headH + r * rowH;
      const inMonth = date.slice(0, 7) === month.slice(0, 7);
      const inRange = date >= ctx.range.start && date <= ctx.range.end;
      const holiday = ctx.holidays.get(date);
      if (!inMonth || !inRange) doc.rect(x, y, colW, rowH).fill('#f7f8fa');
      else if (holiday) doc.rect(x, y, colW, rowH).fill(HOLIDAY_FILL);
      else if (isoWeekday(date) >= 6) doc.rect(x, y, colW, rowH).fill(WEEKEND_FILL);
      doc.rect(x, y, colW, rowH).lineWidth(0.5).strokeColor(RULE).stroke();
      const day = String(Number(date.slice(8)));
      const dayColor = !inMonth ? HAIRLINE : inRange ? INK : MUTED;
      fitText(pdf, day, x + colW - 24, y + 4, 20, { size: 10, bold: true, color: dayColor, align: 'right' });
      if (!inMonth) continue;
      if (holiday) fitText(pdf, holiday, x + 4, y + 5, colW - 32, { size: 6.5, minSize: 5.5, color: '#6a1b9a' });
      if (!inRange) {
        fitText(pdf, 'not in this printout', x + 4, y + rowH / 2, colW - 8, {
          size: 6,
          color: HAIRLINE,
          align: 'center',
        });
        continue;
      }
      const entries = ctx.lines.get(date) ?? [];
      const room = Math.max(0, Math.floor((rowH - 18) / LINE_H));
      const shown = entries.length > room ? entries.slice(0, Math.max(0, room - 1)) : entries;
      shown.forEach((line, i) => drawLine(pdf, line, x + 4, y + 17 + i * LINE_H, colW - 8));
      if (shown.length < entries.length)
        fitText(pdf, `+${entries.length - shown.length} more`, x + 4, y + 17 + shown.length * LINE_H, colW - 8, {
          size: 6.5,
          color: MUTED,
        });
    }
  }
}

function drawLine(pdf: Pdf, line: DayLine, x: number, y: number, width: number): void {
  const { doc } = pdf;
  doc.font(pdf.bold).fontSize(6);
  const tagW = Math.min(doc.widthOfString(pdf.clean(line.tag)) + 5, width / 2);
  doc.roundedRect(x, y - 0.5, tagW, 8, 1.5).fill(line.color);
  fitText(pdf, line.tag, x, y + 1, tagW, { size: 6, bold: true, color: '#ffffff', align: 'center' });
  fitText(pdf, line.text, x + tagW + 3, y + 0.5, width - tagW - 3, { size: 7, minSize: 5.5 });
}
