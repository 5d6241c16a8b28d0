// The search box: dates in the forms people type, and people, activities and views by words.
import { describe, expect, it } from 'vitest';
import { parseDate, search } from '../../renderer/src/search/searchIndex';

describe('dates typed into search', () => {
  it('reads the common forms; a day and month without a year fall in the academic year in view', () => {
    expect(parseDate('2026-11-26', 2026)).toBe('2026-11-26');
    expect(parseDate('26 Nov', 2026)).toBe('2026-11-26');
    expect(parseDate('Nov 26', 2026)).toBe('2026-11-26');
    expect(parseDate('march 3', 2026)).toBe('2027-03-03');
    expect(parseDate('11/26/2026', 2026)).toBe('2026-11-26');
    expect(parseDate('2/29', 2026)).toBeNull();
    expect(parseDate('2/29', 2027)).toBe('2028-02-29');
    expect(parseDate('Harris', 2026)).toBeNull();
    expect(parseDate('2026-02-30', 2026)).toBeNull();
  });
});

describe('search results', () => {
  const sources = {
    people: [
      { id: 'a', name: 'Ana Harris', detail: 'PGY-2 resident' },
      { id: 'b', name: 'Ben Harris', detail: 'Core faculty' },
      { id: 'c', name: 'Cy Young', detail: 'PGY-1 resident' },
    ],
    activities: [
      { code: 'C', name: 'Clinic', category: 'clinical' as const, color: '#00aa00' },
      { code: 'LEC', name: 'Lecture', category: 'educational' as const, color: '#ffcc00' },
    ],
    views: [{ id: 'compliance', label: 'Compliance', purpose: '' }],
    academicYear: 2026,
    formatDate: (d: string) => d,
  };

  it('finds people by name or level, activities by code or name, and views', () => {
    expect(search('harris', sources).map((r) => r.key)).toEqual(['person:a', 'person:b']);
    expect(search('pgy-1', sources).map((r) => r.key)).toEqual(['person:c']);
    expect(search('c', sources)[0].key).toBe('activity:C');
    expect(search('lect', sources).map((r) => r.key)).toEqual(['activity:LEC']);
    expect(search('compl', sources).map((r) => r.key)).toEqual(['view:compliance']);
    expect(search('   ', sources)).toEqual([]);
  });

  it('puts a date first', () => {
    expect(search('Nov 26', sources)[0]).toMatchObject({ kind: 'date', date: '2026-11-26' });
  });
});
