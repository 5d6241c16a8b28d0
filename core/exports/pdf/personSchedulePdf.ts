// One person's schedule for a date range on portrait pages: a row per day with the morning and
// afternoon activity (with their hours), calls, inpatient weeks, absences and holidays, bands where a new
// block or half-block (and so a new rotation) starts, and a count of what the range holds.
import { absenceLabel, policyLookup } from '../../domain/availability';
import { academicYearOf, addDays, datesInRange, isoWeekday } from '../../domain/calendar';
import type { ProgramData } from '../../domain/program';
import { pgyIn } from '../../domain/program';
import type { Activity, HalfDay, IsoDate, Person } from '../../domain/types';
import { inpatientWeekLabel } from '../calendarEntries';
import { ExportInputError, type DateRange, type ExportSchedule } from '../schedule';
import { formatDay, formatRange } from './dates';
import {
  baseline,
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
  tint,
  WEEKEND_FILL,
  type Pdf,
  type PdfResult,
  type PrintSetup,
} from './document';
import { RotationLookup } from '../rotationLookup';
import { drawLegend, legendHeight, type LegendItem } from './legend';

export interface PersonSchedulePdfInput {
  data: ProgramData;
  schedule: ExportSchedule;
  person: Person;
  range: DateRange;
  setup: PrintSetup;
}

const ROW_H = 15;
const BAND_H = 13;
const HEAD_H = 15;
const COLS = { date: 62, am: 150, pm: 150 };

interface DayRow {
  date: IsoDate;
  am: Activity | null;
  pm: Activity | null;
  notes: string[];
}

type Line = { kind: 'band'; text: string } | { kind: 'day'; row: DayRow };

function describePerson(person: Person, year: number): string {
  const pgy = pgyIn(person, year);
  if (person.kind === 'resident') return pgy ? `PGY-${pgy} resident` : 'Resident';
  if (person.kind === 'faculty') return 'Faculty';
  return person.kind === 'student' ? 'Medical student' : 'Rotating intern';
}

export async function personSchedulePdf(input: PersonSchedulePdfInput): Promise<PdfResult> {
  const { data, schedule, person, range, setup } = input;
  const activities = new Map(data.activities.map((a) => [a.code, a]));
  const callTypes = new Map(data.callTypes.map((t) => [t.code, t]));
  const holidays = new Map(data.holidays.map((h) => [h.date, h.name]));
  const inpatient = inpatientWeekLabel(data);

  const days = new Map<IsoDate, DayRow>(
    datesInRange(range.start, range.end).map((d) => [d, { date: d, am: null, pm: null, notes: [] }]),
  );
  const counts = new Map<string, number>();
  for (const a of schedule.assignments) {
    const row = a.personId === person.id ? days.get(a.date) : undefined;
    if (!row) continue;
    const activity = activities.get(a.activityCode);
    if (!activity)
      throw new ExportInputError(
        `The assignment of ${person.name} on ${a.date} ${a.half} uses activity "${a.activityCode}", which this ` +
          `program does not define`,
      );
    row[a.half === 'AM' ? 'am' : 'pm'] = activity;
    counts.set(activity.code, (counts.get(activity.code) ?? 0) + 1);
  }
  for (const [date, name] of holidays) days.get(date)?.notes.push(name);
  // Absences (approved or requested), part-day ones with their part: "Medical leave 12:00–17:00".
  const policyOf = policyLookup(data.settings.absencePolicies);
  for (const a of data.absences)
    if (a.personId === person.id && a.status !== 'denied')
      for (const date of datesInRange(
        a.start < range.start ? range.start : a.start,
        a.end > range.end ? range.end : a.end,
      ))
        days.get(date)?.notes.push(absenceLabel(a, policyOf(a.type)));
  for (const w of schedule.inpatientWeeks)
    if (w.personId === person.id)
      for (const date of datesInRange(w.start, w.end)) days.get(date)?.notes.push(inpatient.summary);
  let callCount = 0;
  for (const c of schedule.calls) {
    const row = c.personId === person.id ? days.get(c.date) : undefined;
    if (!row) continue;
    const type = callTypes.get(c.callTypeCode);
    if (!type)
      throw new ExportInputError(
        `The call of ${person.name} on ${c.date} has call type "${c.callTypeCode}", which this program does not define`,
      );
    row.notes.unshift(`${type.name} ${type.start}–${type.end}`);
    callCount++;
  }

  // Lines: a band whenever a block or block half begins, then the days.
  const lines: Line[] = [];
  const lookup = new RotationLookup(data, range);
  let lastBand = '';
  for (const row of days.values()) {
    const { block, secondHalf } = lookup.day(row.date);
    const found = lookup.on(person.id, row.date);
    const plan = found?.entry;
    const rotation = found?.rotation;
    const half = plan && plan.part !== 'full';
    const shown = !half
      ? [block.start, block.end]
      : secondHalf
        ? [block.secondHalfStart, block.end]
        : [block.start, addDays(block.secondHalfStart, -1)];
    const halfWords = half ? (secondHalf ? ', second half' : ', first half') : '';
    const rotationWords = rotation ? `  ·  ${rotation.name} (${rotation.code})` : '';
    const band = `Block ${block.number}${halfWords}  ·  ${formatRange(shown[0], shown[1])}${rotationWords}`;
    if (band !== lastBand) lines.push({ kind: 'band', text: band });
    lastBand = band;
    lines.push({ kind: 'day', row });
  }

  const year = academicYearOf(range.start);
  const pdf = await createPdf(setup, 'portrait', `${person.name}: ${formatRange(range.start, range.end)}`);
  const summary: LegendItem[] = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([code, n]) => ({ code, name: `${activities.get(code)!.name} ${n}`, color: activities.get(code)!.color }));
  const weeks = schedule.inpatientWeeks.filter(
    (w) => w.personId === person.id && w.start <= range.end && w.end >= range.start,
  ).length;
  const notes = [`Calls: ${callCount}${weeks ? `  ·  ${inpatient.summary}s: ${weeks}` : ''}`];
  const summaryH = legendHeight(pdf, summary, notes);
  const subtitle = `${describePerson(person, year)}  ·  ${formatRange(range.start, range.end)}`;
  const bottom = pdf.height - MARGIN - 12;

  let index = 0;
  let first = true;
  while (index < lines.length || first) {
    if (!first) newPage(pdf);
    let y = drawHeader(pdf, person.name, subtitle);
    if (first) {
      drawLegend(pdf, summary, notes, y, 'Half-days');
      y += summaryH + 4;
    }
    first = false;
    y = drawTableHeader(pdf, y);
    // A band never ends a page; a page continuing a block repeats its band.
    if (index > 0 && lines[index].kind === 'day') y = drawBand(pdf, `${lastBandBefore(lines, index)} (continued)`, y);
    while (index < lines.length) {
      const line = lines[index];
      const need = line.kind === 'band' ? BAND_H + ROW_H : ROW_H;
      if (y + need > bottom) break;
      y = line.kind === 'band' ? drawBand(pdf, line.text, y) : drawDay(pdf, line.row, y, holidays);
      index++;
    }
  }
  finishPages(pdf, `${person.name}  ·  ${formatRange(range.start, range.end)}`);
  const pages = pdf.doc.bufferedPageRange().count;
  return { pdf: await pdfBytes(pdf), pages };
}

function lastBandBefore(lines: Line[], index: number): string {
  for (let i = index - 1; i >= 0; i--) {
    const line = lines[i];
    if (line.kind === 'band') return line.text;
  }
  return '';
}

function drawTableHeader(pdf: Pdf, y: number): number {
  const { doc } = pdf;
  const width = pdf.width - 2 * MARGIN;
  doc.rect(MARGIN, y, width, HEAD_H).fill(HEADER_FILL);
  const heads: [string, number, number][] = [
    ['Date', MARGIN, COLS.date],
    ['Morning', MARGIN + COLS.date, COLS.am],
    ['Afternoon', MARGIN + COLS.date + COLS.am, COLS.pm],
    ['Call, inpatient week, holiday', MARGIN + COLS.date + COLS.am + COLS.pm, width - COLS.date - COLS.am - COLS.pm],
  ];
  for (const [label, x, w] of heads)
    fitText(pdf, label, x + 5, baseline(y, HEAD_H, 7.5), w - 10, { size: 7.5, bold: true });
  doc
    .moveTo(MARGIN, y + HEAD_H)
    .lineTo(MARGIN + width, y + HEAD_H)
    .lineWidth(0.8)
    .strokeColor(INK)
    .stroke();
  return y + HEAD_H;
}

function drawBand(pdf: Pdf, text: string, y: number): number {
  pdf.doc.rect(MARGIN, y, pdf.width - 2 * MARGIN, BAND_H).fill('#52606d');
  fitText(pdf, text, MARGIN + 5, baseline(y, BAND_H, 7.5), pdf.width - 2 * MARGIN - 10, {
    size: 7.5,
    bold: true,
    color: '#ffffff',
  });
  return y + BAND_H;
}

/** The configured wall-clock hours of a half: printing needs no zone arithmetic. */
function hours(activity: Activity, half: HalfDay): string {
  const range = half === 'AM' ? activity.am : activity.pm;
  // Time off has no hours worth printing (a weekend is not "08:00–17:00").
  if (!range || activity.category === 'time_off') return '';
  return `${range.start}–${range.end}`;
}

function drawActivity(pdf: Pdf, activity: Activity, time: string, x: number, y: number, w: number): void {
  const { doc } = pdf;
  doc.rect(x + 1, y + 1, w - 2, ROW_H - 2).fill(tint(activity.color, 0.72));
  doc.rect(x + 1, y + 1, 3, ROW_H - 2).fill(activity.color);
  doc.font(pdf.bold).fontSize(7.5);
  const code = pdf.clean(activity.code);
  const codeW = Math.min(doc.widthOfString(code), 34);
  fitText(pdf, code, x + 8, baseline(y, ROW_H, 7.5), 34, { size: 7.5, bold: true });
  const timeW = time ? 52 : 0;
  fitText(pdf, activity.name, x + 12 + codeW, baseline(y, ROW_H, 7.5), w - codeW - timeW - 18, {
    size: 7.5,
    minSize: 6,
  });
  if (time)
    fitText(pdf, time, x + w - timeW - 4, baseline(y, ROW_H, 7), timeW, { size: 7, color: MUTED, align: 'right' });
}

function drawDay(pdf: Pdf, row: DayRow, y: number, holidays: Map<IsoDate, string>): number {
  const { doc } = pdf;
  const width = pdf.width - 2 * MARGIN;
  const weekend = isoWeekday(row.date) >= 6;
  if (holidays.has(row.date)) doc.rect(MARGIN, y, width, ROW_H).fill(HOLIDAY_FILL);
  else if (weekend) doc.rect(MARGIN, y, width, ROW_H).fill(WEEKEND_FILL);
  fitText(pdf, formatDay(row.date), MARGIN + 5, baseline(y, ROW_H, 7.5), COLS.date - 8, {
    size: 7.5,
    bold: isoWeekday(row.date) === 1,
  });
  const amX = MARGIN + COLS.date;
  const pmX = amX + COLS.am;
  if (row.am && row.pm && row.am.code === row.pm.code) {
    // One activity all day: one cell, from the morning start to the afternoon end.
    const am = hours(row.am, 'AM');
    const pm = hours(row.pm, 'PM');
    const time = am && pm ? `${am.slice(0, 5)}–${pm.slice(-5)}` : am || pm;
    drawActivity(pdf, row.am, time, amX, y, COLS.am + COLS.pm);
  } else {
    if (row.am) drawActivity(pdf, row.am, hours(row.am, 'AM'), amX, y, COLS.am);
    if (row.pm) drawActivity(pdf, row.pm, hours(row.pm, 'PM'), pmX, y, COLS.pm);
  }
  const notesX = pmX + COLS.pm;
  fitText(pdf, row.notes.join('  ·  '), notesX + 5, baseline(y, ROW_H, 7), MARGIN + width - notesX - 8, {
    size: 7,
    minSize: 5.5,
  });
  doc
    .moveTo(MARGIN, y + ROW_H)
    .lineTo(MARGIN + width, y + ROW_H)
    .lineWidth(isoWeekday(row.date) === 7 ? 0.6 : 0.25)
    .strokeColor(isoWeekday(row.date) === 7 ? RULE : HAIRLINE)
    .stroke();
  return y + ROW_H;
}
