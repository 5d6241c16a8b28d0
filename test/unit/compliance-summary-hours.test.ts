// The dashboard's residents show their own hours: the 4-week average of the week in view, and the
// year's peak with where it ends. On the demo every resident's peak is the same (the inpatient
// team's fixed pattern), so the figure of the day is what tells them apart.
import { describe, expect, it } from 'vitest';
import { generateProgram } from '../../core/demo/generate';
import { yearHours } from '../../core/services/compliance/hours';
import { summarize } from '../../core/services/compliance/summary';
import { hoursWords } from '../../renderer/src/compliance/ComplianceSummaryCard';

describe("residents' own hours in the summary", () => {
  it('carries each resident’s average of the week in view and the peak’s end', () => {
    const data = generateProgram({ seed: 20260701, academicYear: 2026 });
    const hours = yearHours(data, 2026);
    const asOf = '2026-10-14';
    const people = hours.residents.map((r) => ({ r, week: r.weeks.find((w) => w.start <= asOf && asOf <= w.end)! }));
    const summary = summarize({
      academicYear: 2026,
      draftId: null,
      asOf,
      findings: [],
      hours: { ...hours, limitHours: 40 },
    });
    expect(summary.worstResidents.length).toBeGreaterThan(0);
    for (const p of summary.worstResidents) {
      const { r, week } = people.find((x) => x.r.personId === p.personId)!;
      expect(p.currentAverageHours).toBe(week.rolling);
      expect(p.maxAverageEnds).toBe(r.maxAverageEnds);
    }
    expect(new Set(people.map((p) => p.week.rolling)).size).toBeGreaterThan(1);
  });

  it('says both figures in words', () => {
    expect(hoursWords({ currentAverageHours: 52.1, maxAverageHours: 68.8, maxAverageEnds: '2026-08-25' })).toBe(
      'now 52.1 h/week · peak 68.8 (to 25 Aug 2026) · 4-week average',
    );
    expect(hoursWords({ currentAverageHours: null, maxAverageHours: null, maxAverageEnds: null })).toBe('');
  });
});
