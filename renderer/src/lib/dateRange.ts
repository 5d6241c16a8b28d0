// One check for every pair of date fields in the app (From/To, first/last day): the message that
// goes beside the end field when the range ends before it starts. A field not filled in yet is not
// an error here (each form says what is missing in its own words).
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The fields' labels as the form shows them, e.g. { start: 'From', end: 'To' }. */
export interface RangeLabels {
  start: string;
  end: string;
}

export const FROM_TO: RangeLabels = { start: 'From', end: 'To' };

/** "To is before From", or null when the range is possible or not complete. */
export function dateRangeError(
  start: string | null | undefined,
  end: string | null | undefined,
  labels: RangeLabels = FROM_TO,
): string | null {
  if (!start || !end || !ISO_DATE.test(start) || !ISO_DATE.test(end) || end >= start) return null;
  return `${labels.end} is before ${labels.start}`;
}
