// Swap candidates on a hand-made program: every hard rule the issue names excludes the candidate
// it should (checked by the rules engine, one test per rule), the ranking puts the known best
// candidate first, and a candidate who blocked the dates scores 0. Also what a swap moves: an
// inpatient week with its calls and post-call day, the calls it displaces, a trade, and cover
// for someone away.
import { describe, expect, it } from 'vitest';
import { datesInRange } from '../../core/domain/calendar';
import { findCandidates, findCover, type CandidateList, type SwapItem } from '../../core/services/swaps';
import { openEach, SwapFixture, WEEK } from './swaps-fixture';

const open = openEach();

/** f2's overnight call on Tue Oct 13 (post-call Wed Oct 14). */
const CALL: SwapItem = { kind: 'call', personId: 'f2', date: '2026-10-13', callTypeCode: 'OC' };
const withCall = () => new SwapFixture().overnight('f2', '2026-10-13');

const offered = (list: CandidateList) => list.candidates.map((c) => c.personId);
const reasonsOf = (list: CandidateList, personId: string) =>
  list.excluded.find((e) => e.personId === personId)?.reasons.map((r) => r.ruleType) ?? [];

describe('hard rules exclude candidates (the rules engine decides)', () => {
  it('absence: someone away that night', async () => {
    const { ctx } = await open(withCall().absence('f3', 'tdy', '2026-10-12', '2026-10-14'));
    const list = await findCandidates(ctx, { kind: 'absorb', item: CALL });
    expect(reasonsOf(list, 'f3')).toContain('absence_conflict');
    expect(offered(list)).not.toContain('f3');
    expect(offered(list)).toContain('f4');
  });

  it('call in their own inpatient week', async () => {
    const { ctx } = await open(withCall().inpatientWeek('f4', '2026-10-09'));
    const list = await findCandidates(ctx, { kind: 'absorb', item: CALL });
    expect(reasonsOf(list, 'f4')).toContain('call_during_inpatient_week');
    expect(offered(list)).toContain('f3');
  });

  it('consecutive nights', async () => {
    const { ctx } = await open(withCall().overnight('f5', '2026-10-12'));
    const list = await findCandidates(ctx, { kind: 'absorb', item: CALL });
    expect(reasonsOf(list, 'f5')).toEqual(['consecutive_call_nights']);
    expect(offered(list)).toContain('f6');
  });

  it('credentials: the week carries a procedure half-day the candidate is not privileged for', async () => {
    const f = new SwapFixture().set('f1', '2026-10-07', 'AM', 'PROC');
    for (const id of ['f1', 'f3'])
      f.person(id).credentials.push({ activityCode: 'PROC', status: 'active', expires: null });
    const { ctx } = await open(f);
    const list = await findCandidates(ctx, {
      kind: 'absorb',
      item: { kind: 'inpatient_week', personId: 'f1', start: WEEK.start },
    });
    expect(reasonsOf(list, 'f2')).toEqual(['credential_missing']);
    expect(offered(list)).toContain('f3');
  });

  it('coverage: cover whose precepting would be lost leaves the clinic short of supervision', async () => {
    // Wed Oct 14 AM: five residents' units need two supervising faculty: f1 precepts, f2 is post-call.
    const f = withCall().absence('f2', 'tdy', '2026-10-13', '2026-10-14');
    for (const id of ['f3', 'f4', 'f5', 'f6']) f.set(id, '2026-10-14', 'AM', 'GME');
    const { ctx } = await open(f);
    const cover = await findCover(ctx, { personId: 'f2', start: '2026-10-13', end: '2026-10-14' });
    expect(cover.needs.map((n) => n.item.label)).toEqual(['OC call Tue Oct 13']);
    const [need] = cover.needs;
    expect(need.excluded.find((e) => e.personId === 'f1')?.reasons.map((r) => r.ruleType)).toContain('supervision');
    expect(need.candidates.map((c) => c.personId)).toEqual(expect.arrayContaining(['f3', 'f4', 'f5', 'f6']));
  });

  it('ACGME rest: a resident working the afternoon after a 24-hour call', async () => {
    const f = new SwapFixture().call('r2', '2026-10-17', 'LD').set('r3', '2026-10-18', 'PM', 'C');
    const { ctx } = await open(f);
    const list = await findCandidates(ctx, {
      kind: 'absorb',
      item: { kind: 'call', personId: 'r2', date: '2026-10-17', callTypeCode: 'LD' },
    });
    expect(reasonsOf(list, 'r3')).toContain('acgme_rest_after_call');
    expect(offered(list)).toEqual(expect.arrayContaining(['r1', 'r4']));
  });

  it('ACGME hours: a call that takes a resident over the program’s weekly limit', async () => {
    const f = new SwapFixture().call('r2', '2026-10-17', 'LD');
    // A stricter local limit of 45 hours a week: full-time clinic (40 h) plus 24 hours of call is over.
    f.data.settings.rules = f.data.settings.rules.map((r) =>
      r.id === 'acgme_80h' ? { ...r, params: { limitHours: 45, windowDays: 28 } } : r,
    );
    // r4 works mornings only around it (20 hours a week).
    for (const date of datesInRange('2026-09-14', '2026-11-20'))
      if (f.cell('r4', date, 'PM') === 'C') f.set('r4', date, 'PM', 'W');
    const { ctx } = await open(f);
    const list = await findCandidates(ctx, {
      kind: 'absorb',
      item: { kind: 'call', personId: 'r2', date: '2026-10-17', callTypeCode: 'LD' },
    });
    expect(reasonsOf(list, 'r1')).toContain('acgme_80h');
    expect(offered(list)).toContain('r4');
  });
});

describe('ranking', () => {
  it('puts the known best candidate first; who blocked the date scores 0', async () => {
    const f = withCall()
      // f3 asked for leave that day; f5 avoids Tuesday call.
      .absence('f3', 'vacation', '2026-10-13', '2026-10-13', 'requested')
      // f4 already has four overnight calls in October, one of them two days after the item.
      .overnight('f4', '2026-10-15')
      .overnight('f4', '2026-10-20')
      .overnight('f4', '2026-10-26')
      .overnight('f4', '2026-11-02');
    f.data.settings.callPreferences = [{ personId: 'f5', role: null, avoidWeekdays: [2] }];
    const { ctx } = await open(f);
    const list = await findCandidates(ctx, { kind: 'absorb', item: CALL });
    const score = (id: string) => list.candidates.find((c) => c.personId === id)!.score;
    // f6 has no call and no week of their own: the best fit. f1's own week ended five days before.
    expect(list.candidates[0].personId).toBe('f6');
    expect(score('f6').value).toBeGreaterThan(score('f1').value);
    expect(score('f1').value).toBeGreaterThan(score('f4').value);
    expect(score('f4').parts.workload.value).toBe(0);
    expect(score('f4').parts.proximity.note).toBe('2 days from their own OC call Thu Oct 15');
    for (const id of ['f3', 'f5']) {
      expect(score(id)).toMatchObject({ value: 0, blocked: true });
      expect(score(id).parts.preference.value).toBe(0);
    }
    expect(score('f3').parts.preference.note).toBe('Cleo Hart asked for leave Tue Oct 13 – Tue Oct 13');
    expect(score('f5').parts.preference.note).toBe('Eve Jonas avoids Tuesday call');
    expect(
      list.candidates
        .slice(-2)
        .map((c) => c.personId)
        .sort(),
    ).toEqual(['f3', 'f5']);
    for (const c of list.candidates) {
      expect(c.score.value).toBeGreaterThanOrEqual(0);
      expect(c.score.value).toBeLessThanOrEqual(1);
    }
  });

  it("compares a part-year person's calls per their share of the year", async () => {
    // Finn (f6) leaves on 31 Dec, half the year (184 of 365 days), with two overnight calls: the
    // load of about four for a whole year, more than Dev's (f4) three in a whole year.
    const f = withCall()
      .overnight('f6', '2026-11-03')
      .overnight('f6', '2026-11-10')
      .overnight('f4', '2026-11-04')
      .overnight('f4', '2026-11-11')
      .overnight('f4', '2026-11-18');
    f.person('f6').endDate = '2026-12-31';
    const { ctx } = await open(f);
    const list = await findCandidates(ctx, { kind: 'absorb', item: CALL });
    const workload = (id: string) => list.candidates.find((c) => c.personId === id)!.score.parts.workload;
    expect(workload('f6').value).toBe(0);
    expect(workload('f6').value).toBeLessThan(workload('f4').value);
    expect(workload('f6').note).toBe(
      '2 OC calls this academic year, 4 for a whole year at their share of it (others 1–4 per whole year), 3 after ' +
        'the swap',
    );
  });
});
