// Import names, for each overlapping absence, one it really overlaps: in a chain (a long leave
// overlapping two vacations that do not touch each other) the vacation must not be said to
// overlap the other vacation.
import { describe, expect, it } from 'vitest';
import type { ProgramData } from '../../core/domain/program';
import type { Absence } from '../../core/domain/types';
import { importWarnings } from '../../core/services/exchange-validate';

const absence = (id: string, start: string, end: string, extra: Partial<Absence> = {}): Absence => ({
  id,
  personId: 'r1',
  type: 'vacation',
  start,
  end,
  status: 'approved',
  note: null,
  ...extra,
});
const program = (absences: Absence[]) =>
  ({ people: [{ id: 'r1', name: 'Hiro Harris' }], absences }) as unknown as ProgramData;

describe('import warnings on overlapping absences', () => {
  it('names an absence each one overlaps, not the first of its group', () => {
    const warnings = importWarnings(
      program([
        absence('a', '2026-11-02', '2026-11-06'),
        absence('b', '2026-10-26', '2026-10-30'),
        absence('c', '2026-10-19', '2026-11-29', { type: 'parental' }),
      ]),
    );
    expect(warnings.map((w) => w.path)).toEqual(['program.absences[1]', 'program.absences[2]']);
    // b (26–30 Oct) does not overlap a (2–6 Nov): it overlaps c, the parental leave.
    expect(warnings[0].message).toBe(
      'Hiro Harris (r1): vacation 2026-10-26 – 2026-10-30 overlaps program.absences[2] (parental 2026-10-19 – ' +
        '2026-11-29)',
    );
    expect(warnings[1].message).toBe(
      'Hiro Harris (r1): parental 2026-10-19 – 2026-11-29 overlaps program.absences[0] (vacation 2026-11-02 – ' +
        '2026-11-06)',
    );
  });

  it('says duplicate of the copy it repeats, overlaps of another in the same group', () => {
    const warnings = importWarnings(
      program([
        absence('a', '2026-08-10', '2026-08-14'),
        absence('b', '2026-08-12', '2026-08-12', { type: 'sick', part: 'PM' }),
        absence('c', '2026-08-10', '2026-08-14'),
      ]),
    );
    expect(warnings.map((w) => w.message)).toEqual([
      'Hiro Harris (r1): sick 2026-08-12 – 2026-08-12 PM overlaps program.absences[0] (vacation 2026-08-10 – ' +
        '2026-08-14)',
      'Hiro Harris (r1): vacation 2026-08-10 – 2026-08-14 is a duplicate of program.absences[0]',
    ]);
  });
});
