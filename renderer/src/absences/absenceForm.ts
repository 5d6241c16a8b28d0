// The absence form's fields and the checks made before anything is sent (the API checks again).
import type { Absence, AbsencePart, AbsenceStatus, AbsenceType } from '../../../core/domain/types';
import { dateRangeError } from '../lib/dateRange';

/** The date fields' labels, for the range check's message. */
export const ABSENCE_DAYS = { start: 'the first day', end: 'The last day' };

/** Whole days, the morning or afternoon of each day, or a time range each day. */
export type PartChoice = 'day' | 'AM' | 'PM' | 'time';

export interface AbsenceForm {
  personId: string;
  type: AbsenceType;
  start: string;
  end: string;
  part: PartChoice;
  /** The time range when `part` is 'time' (HH:MM). */
  fromTime: string;
  toTime: string;
  status: AbsenceStatus;
  note: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function formOf(absence: Absence | null): AbsenceForm {
  if (!absence)
    return {
      personId: '',
      type: 'vacation',
      start: '',
      end: '',
      part: 'day',
      fromTime: '',
      toTime: '',
      status: 'requested',
      note: '',
    };
  const part = absence.part;
  return {
    personId: absence.personId,
    type: absence.type,
    start: absence.start,
    end: absence.end,
    part: part === undefined ? 'day' : typeof part === 'string' ? part : 'time',
    fromTime: typeof part === 'object' ? part.start : '',
    toTime: typeof part === 'object' ? part.end : '',
    status: absence.status,
    note: absence.note ?? '',
  };
}

/** The part as the API takes it (undefined = whole days). */
export function partOf(f: AbsenceForm): AbsencePart | undefined {
  if (f.part === 'day') return undefined;
  if (f.part === 'time') return { start: f.fromTime, end: f.toTime };
  return f.part;
}

export function absenceFieldErrors(f: AbsenceForm): Partial<Record<keyof AbsenceForm, string>> {
  const errors: Partial<Record<keyof AbsenceForm, string>> = {};
  if (!f.personId) errors.personId = 'Choose who is away';
  if (!ISO_DATE.test(f.start)) errors.start = 'Enter the first day';
  if (!ISO_DATE.test(f.end)) errors.end = 'Enter the last day';
  else {
    const range = dateRangeError(f.start, f.end, ABSENCE_DAYS);
    if (range) errors.end = range;
  }
  if (f.part === 'time') {
    if (!TIME.test(f.fromTime)) errors.fromTime = 'From (HH:MM)';
    if (!TIME.test(f.toTime)) errors.toTime = 'To (HH:MM)';
    else if (TIME.test(f.fromTime) && f.toTime <= f.fromTime) errors.toTime = 'Ends after it starts, the same day';
  }
  if (f.note.length > 500) errors.note = 'At most 500 characters';
  return errors;
}
