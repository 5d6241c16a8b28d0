// The repair check (RepairChecker: the compliance engine's incremental trial of a repair on the
// cached schedule) reports exactly what a full validation of the repaired schedule reports: the
// new hard findings of the people still there. Compared on every N-1 repair of a week of a small
// program, and on variants of those repairs that break rules (each call, inpatient week and cover
// half-day handed to someone else instead), so both "passes" and "what it breaks" are compared.
import { describe, expect, it } from 'vitest';
import type { Repair, RepairChange } from '../../core/domain/contingency';
import type { ProgramData } from '../../core/domain/program';
import type { Finding } from '../../core/domain/types';
import { addDays } from '../../core/domain/calendar';
import { generateProgram } from '../../core/demo/generate';
import { complianceInput, validate } from '../../core/rules';
import { highsBackend } from '../../core/solver/backends';
import {
  applyRepair,
  Baseline,
  hardRuleIds,
  HORIZON_MARGIN_DAYS,
  RepairChecker,
  repairLoss,
} from '../../core/solver/contingency';
import { FIXTURE_WEEK } from './contingency-fixture';

const WEEK = FIXTURE_WEEK;
const RANGE = { start: addDays(WEEK, -7), end: addDays(WEEK, 20) };
const hard = (f: Finding) => f.severity === 'critical' || f.severity === 'high';
/** A finding's id with its person left out. */
const anyone = (id: string) =>
  id
    .split('|')
    .map((p, i) => (i === 1 ? '*' : p))
    .join('|');

/**
 * New hard findings by full validation: of the repaired schedule and not of the schedule, not
 * about someone gone, and not one the schedule already had for someone gone that moved with
 * their duty to whoever took it over.
 */
function fullValidation(data: ProgramData, before: Finding[], repair: Repair): string[] {
  const ruleIds = hardRuleIds(data);
  const ids = new Set(before.map((f) => f.id));
  const heldByGone = new Set(
    before.filter((f) => f.personId && repair.gone.includes(f.personId)).map((f) => anyone(f.id)),
  );
  return validate(complianceInput(applyRepair(data, repair), RANGE), { ruleIds })
    .filter(hard)
    .filter((f) => !ids.has(f.id) && !(f.personId && repair.gone.includes(f.personId)) && !heldByGone.has(anyone(f.id)))
    .map((f) => f.id)
    .sort();
}

/** The repair with one of its changes handed to someone else. */
function handedTo(repair: Repair, index: number, personId: string): Repair | null {
  const c = repair.changes[index];
  let moved: RepairChange[];
  if (c.kind === 'slot') {
    if (c.reason !== 'cover' || c.personId === personId) return null;
    // The cover's half-day stays as it was; the other person does the covering activity instead.
    moved = [{ ...c, personId, from: null }];
  } else {
    if (!c.to || c.to === personId || repair.gone.includes(personId)) return null;
    moved = [{ ...c, to: personId }];
  }
  return { ...repair, changes: [...repair.changes.slice(0, index), ...moved, ...repair.changes.slice(index + 1)] };
}

describe('repair check', () => {
  it('agrees with a full validation on every repair of a week of the demo program, and on variants that ' +
    'break rules', async () => {
    const data = generateProgram({ seed: 1, academicYear: 2026 });
    const b = new Baseline(data, {
      start: addDays(WEEK, -HORIZON_MARGIN_DAYS),
      end: addDays(WEEK, 6 + HORIZON_MARGIN_DAYS),
    });
    const checker = new RepairChecker(b, RANGE);
    const before = validate(complianceInput(data, RANGE), { ruleIds: hardRuleIds(data) }).filter(hard);
    const days = Array.from({ length: 7 }, (_, i) => b.day(addDays(WEEK, i)));
    const staff = b.staff.map((p) => p.id);
    const repairs: Repair[] = [];
    for (const id of staff) {
      const solved = await repairLoss(b, { gone: [id], days }, WEEK, { backend: highsBackend, checker });
      if (solved.repair) repairs.push(solved.repair);
    }
    expect(repairs.length).toBeGreaterThan(5);
    const variants: Repair[] = [];
    for (const r of repairs) {
      r.changes.forEach((c, i) => {
        // A spread of other staff members for each change: every 4th for calls and weeks, every
        // 12th for half-days (there are many more of them).
        const step = c.kind === 'slot' ? 12 : 4;
        const to = staff.filter((_, k) => (k + i) % step === 0);
        for (const id of to) {
          const v = handedTo(r, i, id);
          if (v) variants.push(v);
        }
      });
    }

    let broken = 0;
    for (const repair of [...repairs, ...variants]) {
      const label = `${repair.gone.join('+')}: ${JSON.stringify(repair.changes.filter((c) => c.reason !== 'gone'))}`;
      const expected = fullValidation(data, before, repair);
      const got = checker
        .check(repair)
        .problems.map((f) => f.id)
        .sort();
      expect(got, label).toEqual(expected);
      if (expected.length) broken++;
    }
    // The variants do break rules: both sides of the comparison are exercised.

    expect(broken).toBeGreaterThan(10);
    // The checker left the schedule as it was: the repairs still read the same.
    for (const repair of repairs) expect(checker.check(repair).problems).toEqual([]);
  }, 600_000);
});
