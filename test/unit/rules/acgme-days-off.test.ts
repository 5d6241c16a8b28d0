// ACGME one day in seven free, averaged over 28 days; a free day is 24 continuous hours off.
import { describe, expect, it } from 'vitest';
import { validate } from '../../../core/rules';
import { absence, datesInRange, fill, input, resident, withRule } from './fixtures';

const only = { ruleIds: ['acgme_day_off'] };
const r1 = resident('r1', 1);

/** 12-hour ward days (06–18) on every date of September 1–28 except the given ones. */
function wardExcept(free: string[]) {
  return datesInRange('2026-09-01', '2026-09-28')
    .filter((d) => !free.includes(d))
    .flatMap((d) => fill('r1', d, d, 'WARD'));
}

describe('acgme_day_off', () => {
  it('accepts four free days in 28 and flags three', () => {
    const four = wardExcept(['2026-09-07', '2026-09-14', '2026-09-21', '2026-09-25']);
    expect(validate(input({ people: [r1], assignments: four }), only)).toEqual([]);

    const three = wardExcept(['2026-09-07', '2026-09-14', '2026-09-21']);
    const findings = validate(input({ people: [r1], assignments: three }), only);
    // Only the window Sep 1 – Sep 28 falls short: its neighbours reach 30 free hours outside.
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      personId: 'r1',
      start: '2026-09-01',
      end: '2026-09-28',
      measured: 3,
      limit: 4,
      unit: 'days off',
    });
    expect(findings[0].message).toBe('3 days off in Sep 1 – Sep 28; at least 4 required');
  });

  it('counts 24 continuous hours off, not calendar days (night float)', () => {
    // Nights 19:00–07:00; a night off gives 36 hours off with no whole calendar day free.
    const nights = (off: string[]) =>
      datesInRange('2026-09-01', '2026-09-28')
        .filter((d) => !off.includes(d))
        .flatMap((d) => fill('r1', d, d, 'NF', ['PM']));
    expect(
      validate(
        input({ people: [r1], assignments: nights(['2026-09-05', '2026-09-12', '2026-09-19', '2026-09-26']) }),
        only,
      ),
    ).toEqual([]);
    const findings = validate(
      input({ people: [r1], assignments: nights(['2026-09-05', '2026-09-12', '2026-09-19']) }),
      only,
    );
    // Windows Sep 1 – Sep 28 and Sep 2 – Sep 29 have 3; their neighbours reach a fourth day outside.
    expect(findings.map((f) => [f.start, f.end, f.measured, f.limit])).toEqual([['2026-09-01', '2026-09-29', 3, 4]]);
  });

  it('does not lose a day off split by the window edges: six nights on, one off, for months', () => {
    // Nights 19:00–07:00 Sun–Fri, Aug 2 – Oct 30; each Saturday free 07:00 to Sunday 19:00 (36 h).
    // A window from a Sunday 00:00 holds 19 h of its first such stretch and 17 h of its last: 19/36 +
    // 17/36 of a day, one together, so 3 whole days + 1 = 4 (whole 24 h periods alone would give 3).
    const assignments = datesInRange('2026-08-02', '2026-10-30')
      .filter((d) => new Date(`${d}T12:00:00Z`).getUTCDay() !== 6)
      .flatMap((d) => fill('r1', d, d, 'NF', ['PM']));
    expect(validate(input({ people: [r1], assignments }), only)).toEqual([]);
    // One Saturday night worked more (Sep 19): the windows holding it have 3 days off, reported whole.
    const more = [...assignments, ...fill('r1', '2026-09-19', '2026-09-19', 'NF', ['PM'])];
    const findings = validate(input({ people: [r1], assignments: more }), only);
    expect(findings.map((f) => [f.measured, f.limit])).toEqual([[3, 4]]);
    expect(findings[0].message).toMatch(/^3 days off in /);
  });

  it('counts a 60-hour stretch off as two days', () => {
    const assignments = wardExcept(['2026-09-07', '2026-09-08', '2026-09-20', '2026-09-21']);
    expect(validate(input({ people: [r1], assignments }), only)).toEqual([]);
  });

  it('scales the requirement when leave days are left out', () => {
    // 7 days of vacation: 21 days remain, so floor(4 × 21 / 28) = 3 free days are required.
    const absences = [absence('r1', 'vacation', '2026-09-01', '2026-09-07')];
    const work = (free: string[]) =>
      datesInRange('2026-09-08', '2026-09-28')
        .filter((d) => !free.includes(d))
        .flatMap((d) => fill('r1', d, d, 'WARD'));
    expect(
      validate(input({ people: [r1], assignments: work(['2026-09-12', '2026-09-17', '2026-09-23']), absences }), only),
    ).toEqual([]);
    const short = validate(input({ people: [r1], assignments: work(['2026-09-12', '2026-09-17']), absences }), only);
    expect(short.find((f) => f.start === '2026-09-01')).toMatchObject({ measured: 2, limit: 3 });
    // Without leave exclusion the vacation week's free days count and nothing is flagged.
    const settings = withRule('acgme_day_off', { params: { excludeLeave: false } });
    expect(
      validate(input({ settings, people: [r1], assignments: work(['2026-09-12', '2026-09-17']), absences }), only),
    ).toEqual([]);
  });

  it('counts moonlighting as work', () => {
    const assignments = wardExcept(['2026-09-07', '2026-09-14', '2026-09-21', '2026-09-25']);
    const moonlighting = [
      { id: 'm1', personId: 'r1', start: '2026-09-25T10:00', end: '2026-09-25T14:00', internal: false, approved: true },
    ];
    expect(validate(input({ people: [r1], assignments, moonlighting }), only)).toHaveLength(1);
  });

  it('does not count days away at a conference (education, not leave) as days off', () => {
    // Ward days except Sep 7 and Sep 21; a conference Sep 12–15 is the only other time without work.
    const assignments = datesInRange('2026-09-01', '2026-09-28')
      .filter((d) => !['2026-09-07', '2026-09-21'].includes(d) && (d < '2026-09-12' || d > '2026-09-15'))
      .flatMap((d) => fill('r1', d, d, 'WARD'));
    const conference = [absence('r1', 'conference', '2026-09-12', '2026-09-15')];
    const findings = validate(input({ people: [r1], assignments, absences: conference }), only);
    // Not leave: the window keeps its 28 days and needs 4; the four conference days are not free.
    // Windows Aug 31 … Sep 2 fall short (their edges add one free day each); Sep 1 – Sep 28 has 2.
    expect(findings.map((f) => [f.start, f.end, f.measured, f.limit])).toEqual([['2026-08-31', '2026-09-29', 2, 4]]);
    expect(findings[0].explanation).toContain('4 days away on an absence that is not leave');
    // The same days as vacation are leave: out of the window (24 days need 3), and not free either.
    const vacation = [absence('r1', 'vacation', '2026-09-12', '2026-09-15')];
    const onLeave = validate(input({ people: [r1], assignments, absences: vacation }), only);
    expect(onLeave.map((f) => [f.start, f.end, f.measured, f.limit])).toEqual([['2026-09-01', '2026-09-28', 2, 3]]);
    // A type the program added (not yet started, say) is neither leave nor a conference: with
    // nothing scheduled its days are free, as any day without work.
    const added = [absence('r1', 'onboarding', '2026-09-12', '2026-09-15')];
    expect(validate(input({ people: [r1], assignments, absences: added }), only)).toEqual([]);
    // A program that names it as time away (awayTypes) gets the conference reading.
    const settings = withRule('acgme_day_off', { params: { awayTypes: ['conference', 'onboarding'] } });
    const away = validate(input({ settings, people: [r1], assignments, absences: added }), only);
    expect(away.map((f) => [f.measured, f.limit])).toEqual([[2, 4]]);
  });
});
