import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ROUTE,
  editingDraftAfter,
  formatHash,
  navigateTo,
  parseHash,
  routeTo,
  VIEW_IDS,
  withQuery,
} from '../../renderer/src/state/routeHash';

describe('renderer hash routes', () => {
  it('parses a view with its query', () => {
    expect(parseHash('#/schedule?ay=2026&block=5')).toEqual({ view: 'schedule', query: { ay: '2026', block: '5' } });
    expect(parseHash('#/people')).toEqual({ view: 'people', query: {} });
    expect(parseHash('#people/')).toEqual({ view: 'people', query: {} });
  });

  it('falls back to the dashboard for an empty or unknown hash', () => {
    expect(parseHash('')).toEqual(DEFAULT_ROUTE);
    expect(parseHash('#/')).toEqual(DEFAULT_ROUTE);
    expect(parseHash('#/nonsense?ay=2026')).toEqual({ view: 'dashboard', query: { ay: '2026' } });
  });

  it('round-trips every view through format and parse', () => {
    for (const view of VIEW_IDS) {
      const route = { view, query: { ay: '2025', block: 'year' } };
      expect(parseHash(formatHash(route))).toEqual(route);
    }
  });

  it('formats with sorted keys and drops empty values', () => {
    expect(formatHash({ view: 'schedule', query: { block: '3', ay: '2026', x: '' } })).toBe(
      '#/schedule?ay=2026&block=3',
    );
    expect(formatHash({ view: 'people', query: {} })).toBe('#/people');
  });

  it('keeps the academic year when moving to another view and drops view-specific keys', () => {
    const from = { view: 'schedule' as const, query: { ay: '2026', block: '4' } };
    expect(routeTo(from, 'people')).toEqual({ view: 'people', query: { ay: '2026' } });
    expect(routeTo(from, 'schedule')).toBe(from);
  });

  it('merges query changes and removes keys set to null', () => {
    const from = { view: 'schedule' as const, query: { ay: '2026', block: '4' } };
    expect(withQuery(from, { block: null, ay: '2027' })).toEqual({ view: 'schedule', query: { ay: '2027' } });
    expect(from.query.block).toBe('4');
  });
});

describe('selected academic year', () => {
  it('uses the year in the URL when the program has it, else the current one', async () => {
    const { selectAcademicYear } = await import('../../renderer/src/state/program');
    const info = {
      academicYears: [
        { id: 2025, label: 'AY 2025–26', start: '2025-07-01', end: '2026-06-30' },
        { id: 2026, label: 'AY 2026–27', start: '2026-07-01', end: '2027-06-30' },
      ],
      currentAcademicYear: 2026,
    } as Parameters<typeof selectAcademicYear>[0];
    expect(selectAcademicYear(info, '2025')).toBe(2025);
    expect(selectAcademicYear(info, undefined)).toBe(2026);
    expect(selectAcademicYear(info, '1999')).toBe(2026);
    expect(selectAcademicYear(info, 'abc')).toBe(2026);
    expect(selectAcademicYear(null, '2025')).toBeNull();
  });
});

describe('the draft being edited, across the navigation (issue 15 §8)', () => {
  const editing = { view: 'schedule' as const, query: { ay: '2026', block: '4', draft: '7' } };

  it('is Schedule’s draft once Schedule is left; other views keep it; the published schedule clears it', () => {
    expect(editingDraftAfter(editing, null)).toBe('7');
    expect(editingDraftAfter({ view: 'schedule', query: { ay: '2026' } }, '7')).toBeNull();
    expect(editingDraftAfter({ view: 'people', query: {} }, '7')).toBe('7');
    expect(editingDraftAfter({ view: 'compliance', query: { draft: '3' } }, '7')).toBe('7');
  });

  it('opens Schedule and Compliance on it, and no other view', () => {
    const people = navigateTo(editing, 'people', '7');
    expect(people).toEqual({ view: 'people', query: { ay: '2026' } });
    expect(navigateTo(people, 'schedule', '7')).toEqual({ view: 'schedule', query: { ay: '2026', draft: '7' } });
    expect(navigateTo(people, 'compliance', '7')).toEqual({ view: 'compliance', query: { ay: '2026', draft: '7' } });
    expect(navigateTo(people, 'schedule', null)).toEqual({ view: 'schedule', query: { ay: '2026' } });
    // Already there: nothing changes.
    expect(navigateTo(editing, 'schedule', '9')).toBe(editing);
  });
});
