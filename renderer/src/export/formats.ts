// The six things the Export view produces, in plain words, and how each is written: one file per
// person into a folder (calendars, personal schedules) or one file for the whole selection.

export type ExportFormat = 'ics' | 'person-pdf' | 'block-pdf' | 'roster-pdf' | 'csv' | 'xlsx';

export interface FormatInfo {
  id: ExportFormat;
  title: string;
  /** Short file-type tag shown on the tile. */
  tag: string;
  description: string;
  /** One file per person into a folder, or one file. */
  output: 'folder' | 'file';
  /** Extension of the single file (file formats only). */
  extension: '.pdf' | '.csv' | '.xlsx' | null;
  /** Noun for what is written: "calendar" / "calendars". */
  noun: [one: string, many: string];
}

export const FORMATS: readonly FormatInfo[] = [
  {
    id: 'ics',
    title: 'Calendars',
    tag: '.ics',
    description: 'One calendar per person for Outlook, Google or Apple Calendar. Importing a newer one updates it.',
    output: 'folder',
    extension: null,
    noun: ['calendar', 'calendars'],
  },
  {
    id: 'person-pdf',
    title: 'Personal schedules',
    tag: 'PDF',
    description: 'A printable schedule per person: each day’s morning and afternoon, calls and inpatient weeks.',
    output: 'folder',
    extension: null,
    noun: ['personal schedule', 'personal schedules'],
  },
  {
    id: 'block-pdf',
    title: 'Block schedule',
    tag: 'PDF',
    description: 'The block grid for the wall: people by AM/PM days, calls on top, a legend of codes.',
    output: 'file',
    extension: '.pdf',
    noun: ['block schedule', 'block schedules'],
  },
  {
    id: 'roster-pdf',
    title: 'Call roster',
    tag: 'PDF',
    description: 'A month calendar per page: who has each call and who attends the inpatient team.',
    output: 'file',
    extension: '.pdf',
    noun: ['call roster', 'call rosters'],
  },
  {
    id: 'csv',
    title: 'Assignments',
    tag: 'CSV',
    description: 'One row per person and half-day, safe to open in Excel.',
    output: 'file',
    extension: '.csv',
    noun: ['assignments CSV', 'assignments CSVs'],
  },
  {
    id: 'xlsx',
    title: 'Block sheets',
    tag: 'Excel',
    description:
      'The block sheet in Excel, one sheet per block in the legend colours, ready to print; edit it and import it ' +
      'back. A People sheet with everyone’s first and last day (the people import reads it); annual plan and call ' +
      'roster on request.',
    output: 'file',
    extension: '.xlsx',
    noun: ['Excel workbook', 'Excel workbooks'],
  },
];

export function formatInfo(id: ExportFormat): FormatInfo {
  const info = FORMATS.find((f) => f.id === id);
  if (!info) throw new Error(`Unknown export format "${id}"`);
  return info;
}

/** "6 calendars", "1 block schedule". */
export function countOf(format: ExportFormat, n: number): string {
  const [one, many] = formatInfo(format).noun;
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
