// Repairing one loss, checked: solve the repair model, describe it, check it with the compliance
// engine; when the engine finds a new hard finding for a cover, rule that cover out on those days
// and solve again (a few rounds). And the exact pruning of N-2: two N-1 repairs that provably do
// not interact are the pair's optimal repair, without solving it.
import type { Repair, RepairMethod } from '../../domain/contingency';
import type { SolverBackend } from '../backend';
import type { Action } from './actions';
import type { Baseline } from './baseline';
import type { RepairChecker } from './check';
import { analyseLoss, isGoneAt, supervisionAt, type Loss, type Scenario } from './loss';
import { conflictSets, solveRepair, windowRows, type ActionCache, type RepairSolution } from './model';
import { describeRepair, worse } from './repair';

/** A loss with its solved repair. */
export interface SolvedLoss {
  loss: Loss;
  solution: RepairSolution;
  /** Outcome and objective without the full description (null: nothing to repair). */
  outcome: Repair['outcome'] | null;
  objective: number;
  /** Described repair (always for N-1; for pairs only when asked). */
  repair: Repair | null;
  verified: boolean;
  /** People the repair uses (covers, learners whose clinic it cancels). */
  used: Set<string>;
  /** Rounds the compliance engine sent back. */
  rejections: number;
  method: RepairMethod;
  /** Of `solvedModels`, those HiGHS solved (the others: each requirement's cheapest cover was optimal). */
  milpModels: number;
  solvedModels: number;
}

export interface EngineOptions {
  backend: SolverBackend;
  checker: RepairChecker;
  /** Rounds of "the compliance engine says no" before giving up (default 3). */
  maxRounds?: number;
  cache?: ActionCache;
  /**
   * Covers' action sets already checked under their own rules (from earlier repairs of the week):
   * a person whose actions in a repair are exactly such a set reads the same and is not checked
   * again (every person rule reads only that person's schedule). Checked repairs add to it.
   */
  checked?: CheckedPeople;
}

/** Per person, the sets of cover actions their own rules have passed. */
export type CheckedPeople = Map<string, Set<Action>[]>;

/** The covers of a solution whose own rules still need checking, and their action sets. */
function toCheck(
  solution: RepairSolution,
  checked: CheckedPeople | undefined,
): { people: Set<string> | undefined; sets: Map<string, Set<Action>> } {
  const sets = new Map<string, Set<Action>>();
  for (const a of solution.actions) {
    if (!sets.has(a.personId)) sets.set(a.personId, new Set());
    sets.get(a.personId)!.add(a);
  }
  if (!checked) return { people: undefined, sets };
  const same = (x: Set<Action>, y: Set<Action>) => x.size === y.size && [...x].every((a) => y.has(a));
  const people = new Set(
    [...sets].filter(([p, set]) => !(checked.get(p) ?? []).some((known) => same(known, set))).map(([p]) => p),
  );
  // Learners whose clinic the repair cancels are people it changes too.
  for (const id of solution.loss.scenario.gone) people.delete(id);
  return { people, sets };
}

const NOTHING = (loss: Loss): SolvedLoss => ({
  loss,
  solution: {
    loss,
    actions: [],
    shed: new Map(),
    uncovered: new Set(),
    objective: 0,
    rows: new Set(loss.effects.keys()),
    solved: false,
    milp: false,
  },
  outcome: null,
  objective: 0,
  repair: null,
  verified: true,
  used: new Set(),
  rejections: 0,
  solvedModels: 0,
  method: 'none',
  milpModels: 0,
});

function usedBy(repair: Repair): Set<string> {
  const gone = new Set(repair.gone);
  const used = new Set<string>();
  for (const c of repair.changes) {
    if (c.kind === 'slot' && !gone.has(c.personId)) used.add(c.personId);
    if (c.kind !== 'slot' && c.to) used.add(c.to);
  }
  return used;
}

/** Whether a loss leaves anything to repair at all. */
export function hasLoss(loss: Loss): boolean {
  return loss.holes.length > 0 || loss.effects.size > 0;
}

/** Solve, describe and check the repair of a loss (re-solving around what the engine rejects). */
export async function repairLoss(
  b: Baseline,
  scenario: Scenario,
  week: string,
  options: EngineOptions,
): Promise<SolvedLoss> {
  const loss = analyseLoss(b, scenario);
  if (!hasLoss(loss)) return NOTHING(loss);
  const banned = new Set<string>();
  const rounds = options.maxRounds ?? 3;
  let solvedModels = 0;
  let milpModels = 0;
  for (let round = 0; ; round++) {
    // Repair models are small: each is solved to the end; a stop takes effect between losses.
    const solution = await solveRepair(b, loss, { backend: options.backend, banned, cache: options.cache });
    if (!solution.solved) return NOTHING(loss);
    solvedModels++;
    if (solution.milp) milpModels++;
    const repair = describeRepair(b, solution, week, 'model');
    const { people, sets } = toCheck(solution, options.checked);
    if (people) for (const c of repair.changes) if (c.kind === 'slot' && c.reason === 'shed') people.add(c.personId);
    const { problems } = options.checker.check(repair, people);
    repair.verified = problems.length === 0;
    if (repair.verified && options.checked)
      for (const [p, set] of sets)
        if (!options.checked.get(p)?.some((k) => k.size === set.size && [...set].every((a) => k.has(a))))
          options.checked.set(p, [...(options.checked.get(p) ?? []), set]);
    repair.problems = problems.map(
      (f) => `${f.personId ? `${b.people.get(f.personId)?.name ?? f.personId}: ` : ''}${f.message}`,
    );
    const done: SolvedLoss = {
      loss,
      solution,
      outcome: repair.outcome,
      objective: solution.objective,
      repair,
      verified: repair.verified,
      used: usedBy(repair),
      rejections: round,
      solvedModels,
      milpModels,
      method: 'model',
    };
    if (repair.verified || round + 1 >= rounds) return done;
    // Rule the offending covers out on the days of their actions, then solve again.
    let banMore = false;
    for (const f of problems) {
      const people = f.personId
        ? [f.personId]
        : solution.actions
            .filter((a) => a.changes.some((c) => b.dates[c.day] >= f.start && b.dates[c.day] <= f.end))
            .map((a) => a.personId);
      for (const a of solution.actions) {
        if (!people.includes(a.personId)) continue;
        const days = [...a.changes.map((c) => c.day), ...(a.night !== null ? [a.night] : []), ...(a.weekSpan ?? [])];
        for (const d of days) {
          if (!banned.has(`${a.personId}@${d}`)) banMore = true;
          banned.add(`${a.personId}@${d}`);
        }
      }
    }
    if (!banMore) return done;
  }
}

/**
 * The pair's repair as the union of the two N-1 repairs, when that is provably optimal for the
 * pair (null otherwise). Exact because:
 * - neither repair uses the other person (so each stays optimal with that person gone too);
 * - the pair's requirements are the two losses' requirements — every shared row is a covering
 *   row (supervision) where lost supply adds up; a loss that lowers a slot's need may not touch a
 *   slot the other model constrains (it could make the other repair cheaper);
 * - the union keeps every constraint of the pair's model (one thing per half-day, one call a
 *   night, rolling windows, the supervision rows with both people gone).
 * Then no repair of the pair costs less than the two N-1 optima, and the union costs exactly that.
 */
export function composePair(b: Baseline, a: SolvedLoss, c: SolvedLoss, pairLoss: Loss): RepairSolution | null {
  const [ia] = a.loss.scenario.gone;
  const [ic] = c.loss.scenario.gone;
  if (a.used.has(ic) || c.used.has(ia)) return null;
  if (a.rejections || c.rejections || !a.verified || !c.verified) return null;
  const rowsA = new Set([...a.solution.rows, ...a.loss.effects.keys()]);
  const rowsC = new Set([...c.solution.rows, ...c.loss.effects.keys()]);
  for (const [slot, e] of a.loss.effects) if (e.needDrop && rowsC.has(slot)) return null;
  for (const [slot, e] of c.loss.effects) if (e.needDrop && rowsA.has(slot)) return null;
  const actions: Action[] = [...a.solution.actions, ...c.solution.actions];
  const sharedPeople = a.solution.actions.some((x) => c.solution.actions.some((y) => y.personId === x.personId));
  if (sharedPeople) {
    if (conflictSets(b, actions).length) return null;
    const chosen = new Set(actions.map((_, i) => i));
    for (const w of windowRows(b, actions)) {
      const total = w.terms.reduce((sum, [i, coef]) => (chosen.has(i) ? sum + coef : sum), 0);
      if (total > w.room + 1e-6) return null;
    }
  }
  const shed = new Map<number, number>();
  for (const [slot, z] of [...a.solution.shed, ...c.solution.shed]) shed.set(slot, (shed.get(slot) ?? 0) + z);
  // Shared supervision rows, with both people gone.
  for (const slot of rowsA) {
    if (!rowsC.has(slot)) continue;
    const delta = actions.reduce((sum, x) => sum + (x.supply.get(slot) ?? 0), 0);
    for (let rule = 0; rule < b.rules.supervision.length; rule++) {
      const base = supervisionAt(b, rule, slot, () => false);
      const now = supervisionAt(b, rule, slot, (id) => isGoneAt(pairLoss, id, slot >> 1));
      const rhs = now.need - now.supply - Math.max(0, base.need - base.supply);
      if (delta + (shed.get(slot) ?? 0) < rhs || (shed.get(slot) ?? 0) > Math.max(0, now.need)) return null;
    }
  }
  return {
    loss: pairLoss,
    actions,
    shed,
    uncovered: new Set([...a.solution.uncovered, ...c.solution.uncovered]),
    objective: a.objective + c.objective,
    rows: new Set([...rowsA, ...rowsC]),
    solved: false,
    milp: false,
  };
}

/** Slots a repair changes (gone people's own included), as `day × 2 + half` of the baseline. */
function touchedSlots(b: Baseline, solved: SolvedLoss): Set<number> {
  const out = new Set<number>(solved.loss.goneCells.map((c) => c.day * 2 + c.half));
  for (const c of solved.repair?.changes ?? [])
    if (c.kind === 'slot') out.add(b.day(c.date) * 2 + (c.half === 'AM' ? 0 : 1));
  return out;
}

/**
 * A pair loss answered by composition. When the two repairs touch different people and slots,
 * the compliance engine's findings of the union are those of the two checked repairs (its rules
 * are per person, per slot or per block), so the union is checked already; when they share slots
 * but no person, the rules per slot are run on the union; otherwise (or when the repair is
 * wanted) it is described and checked in full.
 */
export function composedLoss(
  b: Baseline,
  a: SolvedLoss,
  c: SolvedLoss,
  solution: RepairSolution,
  week: string,
  checker: RepairChecker,
  describe: boolean,
): SolvedLoss {
  const outcome = a.outcome && c.outcome ? worse(a.outcome, c.outcome) : (a.outcome ?? c.outcome);
  const used = new Set([...a.used, ...c.used]);
  const base = {
    loss: solution.loss,
    solution,
    outcome,
    objective: solution.objective,
    used,
    rejections: 0,
    solvedModels: 0,
    milpModels: 0,
    method: 'composed' as const,
  };
  const slotsA = touchedSlots(b, a);
  const sharedSlot = [...touchedSlots(b, c)].some((s) => slotsA.has(s));
  const sharedPerson = [...a.used].some((p) => c.used.has(p));
  if (!describe && !sharedSlot && !sharedPerson) return { ...base, repair: null, verified: true };
  const repair = describeRepair(b, solution, week, 'composed');
  // Nobody changed in both: each person's rules see what they saw in one checked repair; only
  // slots both touch can read differently.
  const { problems } = sharedPerson ? checker.check(repair) : checker.checkSlots(repair);
  repair.verified = problems.length === 0;
  repair.problems = problems.map((f) => f.message);
  return { ...base, repair, verified: repair.verified };
}

export type { Scenario };
