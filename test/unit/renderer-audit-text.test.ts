// Audit entries in words, and the absence form's checks.
import { describe, expect, it } from 'vitest';
import { absenceFieldErrors, formOf, partOf, type AbsenceForm } from '../../renderer/src/absences/absenceForm';
import { describeAction, describeChanges, describeEntity } from '../../renderer/src/audit/auditText';

const names = { person: (id: string) => ({ 'res-1': 'Ana Ruiz', 'fac-1': 'Dr. Lee' })[id] ?? null };

describe('audit text', () => {
  it('names actions in words, unknown ones readably', () => {
    expect(describeAction('draft.publish')).toBe('Published a draft');
    expect(describeAction('publication.rollback')).toBe('Rolled back a publication');
    expect(describeAction('draft.fill_from_generation')).toBe('Filled a draft from generation');
    expect(describeAction('swap.execute')).toBe('Swap execute');
    expect(describeEntity({ entity: 'person', entityId: 'res-1' }, names)).toBe('person Ana Ruiz');
    expect(describeEntity({ entity: 'draft', entityId: '3' }, names)).toBe('draft 3');
  });

  it('lists a draft edit slot by slot with the value it replaced', () => {
    const before = {
      patch: {
        cells: [
          {
            personId: 'res-1',
            date: '2026-07-04',
            half: 'AM',
            value: { activityCode: 'LEC', source: 'manual', locked: true },
          },
        ],
        calls: [],
        inpatientWeeks: [],
      },
    };
    const after = {
      personIds: ['res-1'],
      patch: {
        cells: [
          {
            personId: 'res-1',
            date: '2026-07-04',
            half: 'AM',
            value: { activityCode: 'C', source: 'manual', locked: true },
          },
          {
            personId: 'res-1',
            date: '2026-07-04',
            half: 'PM',
            value: { activityCode: null, source: 'manual', locked: true },
          },
        ],
        calls: [
          { personId: 'fac-1', date: '2026-07-05', callTypeCode: 'OC', value: { assigned: true, source: 'manual' } },
        ],
        inpatientWeeks: [],
      },
    };
    expect(describeChanges({ before, after }, names)).toEqual([
      'Ana Ruiz · 2026-07-04 AM: LEC (locked) → C (locked)',
      'Ana Ruiz · 2026-07-04 PM: empty',
      'Dr. Lee · OC call 2026-07-05: on call',
    ]);
    expect(describeChanges({ before, after }, names, 1)).toEqual([
      'Ana Ruiz · 2026-07-04 AM: LEC (locked) → C (locked)',
      '… and 2 more',
    ]);
  });

  it('shows changed fields of other entries, and the fields of a creation or deletion', () => {
    const absence = {
      id: 'abs-1',
      personId: 'res-1',
      type: 'sick',
      start: '2026-08-01',
      end: '2026-08-02',
      status: 'requested',
      note: null,
    };
    expect(describeChanges({ before: absence, after: { ...absence, status: 'approved' } }, names)).toEqual([
      'status: requested → approved',
    ]);
    expect(describeChanges({ before: null, after: absence }, names)).toContain('personId: Ana Ruiz');
    expect(describeChanges({ before: absence, after: null }, names)).toContain('status: requested');
    expect(
      describeChanges(
        {
          before: null,
          after: { revision: 2, range: { start: '2026-07-01', end: '2026-07-30' }, personIds: ['res-1', 'x'] },
        },
        names,
      ),
    ).toEqual(['revision: 2', 'range: 2026-07-01 – 2026-07-30', 'personIds: Ana Ruiz, x']);
    expect(describeChanges({ before: null, after: null }, names)).toEqual([]);
  });
});

describe('absence form', () => {
  const ok: AbsenceForm = {
    personId: 'res-1',
    type: 'vacation',
    start: '2026-08-01',
    end: '2026-08-03',
    part: 'day',
    fromTime: '',
    toTime: '',
    status: 'requested',
    note: '',
  };
  it('asks for the person and both dates, in order', () => {
    expect(absenceFieldErrors(ok)).toEqual({});
    expect(absenceFieldErrors({ ...ok, personId: '' }).personId).toBeTruthy();
    expect(absenceFieldErrors({ ...ok, start: '' }).start).toBeTruthy();
    expect(absenceFieldErrors({ ...ok, end: '2026-07-31' }).end).toBe('The last day is before the first day');
    expect(absenceFieldErrors({ ...ok, end: '2026-08-01', start: '2026-08-01' })).toEqual({});
    expect(absenceFieldErrors({ ...ok, note: 'x'.repeat(501) }).note).toBeTruthy();
  });

  it('asks for a time range that ends after it starts, the same day, when the part is a time range', () => {
    const range = { ...ok, part: 'time' as const };
    expect(absenceFieldErrors({ ...range, fromTime: '12:00', toTime: '17:00' })).toEqual({});
    expect(partOf({ ...range, fromTime: '12:00', toTime: '17:00' })).toEqual({ start: '12:00', end: '17:00' });
    expect(absenceFieldErrors({ ...range, fromTime: '', toTime: '17:00' }).fromTime).toBeTruthy();
    expect(absenceFieldErrors({ ...range, fromTime: '17:00', toTime: '12:00' }).toTime).toBe(
      'Ends after it starts, the same day',
    );
    expect(absenceFieldErrors({ ...range, fromTime: '12:00', toTime: '12:00' }).toTime).toBeTruthy();
    expect(partOf({ ...ok, part: 'AM' })).toBe('AM');
    expect(partOf(ok)).toBeUndefined();
    expect(
      formOf({
        id: 'a',
        personId: 'p',
        type: 'medical',
        start: '2026-09-14',
        end: '2026-09-14',
        part: { start: '12:00', end: '17:00' },
        status: 'approved',
        note: null,
      }),
    ).toMatchObject({
      part: 'time',
      fromTime: '12:00',
      toTime: '17:00',
    });
  });
});
