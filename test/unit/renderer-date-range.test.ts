// The one date-range check every form uses (absences, Compliance and audit filters, Find cover,
// exports, contingency sweeps): the message beside the end field.
import { describe, expect, it } from 'vitest';
import { dateRangeError } from '../../renderer/src/lib/dateRange';

describe('dateRangeError', () => {
  it('says an end before its start, in the form’s own labels', () => {
    expect(dateRangeError('2026-10-05', '2026-10-01')).toBe('To is before From');
    expect(dateRangeError('2027-01-01', '2026-12-31', { start: 'the first day', end: 'The last day' })).toBe(
      'The last day is before the first day',
    );
  });

  it('accepts a one-day range and a forward one, across years', () => {
    expect(dateRangeError('2026-10-05', '2026-10-05')).toBeNull();
    expect(dateRangeError('2026-12-31', '2027-01-01')).toBeNull();
  });

  it('leaves a range not filled in yet to the form’s own words', () => {
    expect(dateRangeError('', '2026-10-01')).toBeNull();
    expect(dateRangeError('2026-10-05', null)).toBeNull();
    expect(dateRangeError(undefined, undefined)).toBeNull();
    expect(dateRangeError('2026-10-05', '2026-1-1')).toBeNull();
  });
});
