// The absence form's fields and the checks made before anything is sent (the API checks again).
import type { AbsenceStatus, AbsenceType } from '../../../core/domain/types';

export interface AbsenceForm {
  personId: string;
  type: AbsenceType;
  start: string;
  end: string;
  status: AbsenceStatus;
  note: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function absenceFieldErrors(f: AbsenceForm): Partial<Record<keyof AbsenceForm, string>> {
  const errors: Partial<Record<keyof AbsenceForm, string>> = {};
  if (!f.personId) errors.personId = 'Choose who is away';
  if (!ISO_DATE.test(f.start)) errors.start = 'Enter the first day';
  if (!ISO_DATE.test(f.end)) errors.end = 'Enter the last day';
  else if (ISO_DATE.test(f.start) && f.end < f.start) errors.end = 'The last day is before the first';
  if (f.note.length > 500) errors.note = 'At most 500 characters';
  return errors;
}
