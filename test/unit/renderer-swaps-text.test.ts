// The Swaps view's words: a swap in one sentence (give-away and trade), the approvals still
// missing, and a score as shown (0..1, two decimals).
import { describe, expect, it } from 'vitest';
import type { ItemView, SwapSummary } from '../../core/api/contract';
import { lower, missingApprovals, scoreText, swapSentence } from '../../renderer/src/swaps/text';

const week: ItemView = {
  item: { kind: 'inpatient_week', personId: 'f1', start: '2026-10-02' },
  start: '2026-10-02',
  end: '2026-10-08',
  label: 'Inpatient week Fri Oct 2 – Thu Oct 8',
  for: 'faculty',
};
const call: ItemView = {
  item: { kind: 'call', personId: 'f2', date: '2026-10-13', callTypeCode: 'OC' },
  start: '2026-10-13',
  end: '2026-10-13',
  label: 'OC call Tue Oct 13',
  for: 'faculty',
};
const swap = (extra: Partial<SwapSummary>) =>
  ({
    kind: 'absorb',
    requesterName: 'Ada Fisher',
    counterpartName: 'Ben Grant',
    item: week,
    counterItem: null,
    approvalsNeeded: ['coordinator'],
    approvals: [],
    ...extra,
  }) as SwapSummary;

describe('swap words', () => {
  it('says who gives or trades what', () => {
    expect(swapSentence(swap({}))).toBe('Ada Fisher gives inpatient week Fri Oct 2 – Thu Oct 8 to Ben Grant');
    expect(
      swapSentence(swap({ kind: 'one_to_one', item: call, counterItem: { ...call, label: 'OC call Thu Oct 22' } })),
    ).toBe('Ada Fisher trades OC call Tue Oct 13 for Ben Grant’s OC call Thu Oct 22');
    expect(lower(call)).toBe('OC call Tue Oct 13');
  });

  it('lists the approvals still missing and shows scores in 0..1', () => {
    const both = swap({
      approvalsNeeded: ['coordinator', 'program_director'],
      approvals: [{ role: 'coordinator', approvedBy: 'c', approvedAt: '2026-09-15T12:00:00Z', note: null }],
    });
    expect(missingApprovals(both)).toEqual(['program_director']);
    expect(missingApprovals(swap({}))).toEqual(['coordinator']);
    expect(scoreText(0.734)).toBe('0.73');
    expect(scoreText(1)).toBe('1.00');
  });
});
