// Infeasibility diagnosis: never just "INFEASIBLE". First by counting (counting.ts): requirements
// that no choice can meet are the binding causes, exactly, with no solve. Otherwise re-solve with
// one elastic slack per requirement group, minimising the total weighted slack, and report the
// groups that had to be relaxed. Each cause in domain words ("Block 7 needs 3 residents on
// inpatient medicine but only 2 are available: PGY2-04 and PGY3-01 are on leave"), with what to
// change and where.
import type { LinearModel, SolveOptions, SolverBackend } from '../backend';
import type { ModelBuilder, RequirementFix } from '../models/builder';
import { listText, roundSlack } from '../models/model';
import { countedConflicts } from './counting';
import { elasticModel } from './elastic';
import { workLimitFor } from '../roster/work-clock';

export type { FixTarget, RequirementFix } from '../models/builder';

export interface Relaxation {
  /** Requirement group id, e.g. `coverage:FMIT:pgy2:13`. */
  groupId: string;
  kind: string;
  /** How far the best relaxation falls short of the requirement (people, blocks, units…). */
  shortBy: number;
  /** People, slots or nights of the group that had to give. */
  subjects: string[];
  /** The cause, with the slots, days or blocks where it happens when the group names them. */
  message: string;
  /** Where the same cause happens (e.g. every Thursday morning of the block), in order. */
  where: string[];
  /** What to change, and where in the app; null when the group does not say. */
  fix: RequirementFix | null;
  /** It gives only because the causes listed before it do (what it needs is there otherwise). */
  follows: boolean;
}

export interface Diagnosis {
  /**
   * 'counted': the listed requirements cannot be met whatever the solver chooses (found by
   * counting, exact: each is a binding cause on its own);
   * 'relaxed': the listed requirements are the smallest (weighted) set to relax;
   * 'structural': even relaxing every requirement is not enough — fixed parts (locked cells,
   * one activity per slot) contradict each other, listed by row;
   * 'undetermined': the diagnosis solve itself did not finish (time limit or stop).
   */
  status: 'counted' | 'relaxed' | 'structural' | 'undetermined';
  relaxations: Relaxation[];
  /** Total weighted slack of the relaxation. */
  totalSlack: number | null;
  /** One paragraph for the coordinator. */
  summary: string;
  elapsedSec: number;
}

export interface DiagnoseOptions {
  /** Real seconds; with `workSec`, the hang guard only. */
  timeLimitSec: number;
  /**
   * Work seconds (core/solver/roster/work-clock) for each solve: it stops there once it has a relaxation, so
   * which relaxation is named (the smallest, proven, or a small one) does not depend on the machine's load.
   */
  workSec?: number;
  stop?: () => boolean;
}

const TOL = 1e-6;

/** The rows of a group that the relaxed solution violates, by subject. */
function violatedSubjects(builder: ModelBuilder, values: ArrayLike<number>, groupId: string): string[] {
  const out: string[] = [];
  builder.rows.forEach((r, i) => {
    if (builder.rowGroup[i] !== groupId) return;
    let s = 0;
    for (let k = 0; k < r.indices.length; k++) s += r.values[k] * values[r.indices[k]];
    if (s < r.lower - TOL || s > r.upper + TOL) {
      const subject = builder.rowSubject[i];
      if (subject && !out.includes(subject)) out.push(subject);
    }
  });
  return out;
}

/** One relaxed (or counted) group as the coordinator reads it. */
function relaxationOf(builder: ModelBuilder, groupId: string, shortBy: number, subjects: string[]): Relaxation {
  const group = builder.groups.get(groupId)!;
  return {
    groupId,
    kind: group.kind,
    shortBy,
    subjects,
    message: group.describe(shortBy, subjects),
    where: group.where ? [group.where] : [],
    fix: group.fix ?? null,
    follows: group.follows?.(shortBy, subjects) ?? false,
  };
}

/**
 * The causes first, then what follows from them. With no cause of its own among them, each is
 * listed as a cause: saying they follow from nothing would hide the conflict.
 */
function causesFirst(relaxations: Relaxation[]): Relaxation[] {
  const causes = relaxations.filter((r) => !r.follows);
  if (causes.length === 0) return relaxations.map((r) => ({ ...r, follows: false }));
  return [...causes, ...relaxations.filter((r) => r.follows)];
}

/**
 * The same cause in several places (each Thursday morning of a block, each block of a class) is
 * one cause: merged, with where it happens listed once.
 */
function mergeSameCause(relaxations: Relaxation[]): Relaxation[] {
  const byCause = new Map<string, Relaxation>();
  for (const r of relaxations) {
    const key = `${r.kind}\n${r.message}\n${r.fix?.text ?? ''}\n${r.follows}`;
    const seen = byCause.get(key);
    if (!seen) {
      byCause.set(key, { ...r, subjects: [...r.subjects], where: [...r.where] });
      continue;
    }
    seen.shortBy = Math.max(seen.shortBy, r.shortBy);
    for (const x of r.subjects) if (!seen.subjects.includes(x)) seen.subjects.push(x);
    seen.where.push(...r.where);
  }
  return [...byCause.values()].map((r) =>
    r.where.length ? { ...r, message: `${r.message} (${listText(r.where, 8)})` } : r,
  );
}

/** The causes and what to change, as one paragraph; what follows from them said last, as such. */
function causesText(relaxations: Relaxation[]): string {
  const text = (rs: Relaxation[]) =>
    rs.map((r) => (r.fix ? `${r.message}. ${r.fix.text}.` : `${r.message}.`)).join(' ');
  const follows = relaxations.filter((r) => r.follows);
  const causes = text(relaxations.filter((r) => !r.follows));
  return follows.length ? `${causes} Following from ${follows.length === 1 ? 'it' : 'them'}: ${text(follows)}` : causes;
}

/**
 * The requirements no choice can meet, found by counting (no solve), or null when counting finds
 * none. Each is a binding cause on its own; structure rows (one activity per slot, locked cells)
 * that cannot hold are named too.
 */
export function countedDiagnosis(builder: ModelBuilder): Diagnosis | null {
  const started = performance.now();
  const conflicts = countedConflicts(builder);
  if (conflicts.length === 0) return null;
  const relaxations = mergeSameCause(
    conflicts
      .filter((c) => c.groupId !== null)
      .map((c) => {
        const subjects = [...new Set(c.rows.map((i) => builder.rowSubject[i]).filter((x): x is string => !!x))];
        return relaxationOf(builder, c.groupId!, roundSlack(c.shortBy), subjects);
      }),
  );
  const structure = conflicts.filter((c) => c.groupId === null).map((c) => builder.rows[c.rows[0]].name);
  const summary =
    relaxations.length > 0
      ? `The schedule cannot be made: ${causesText(relaxations)}`
      : `The fixed parts of the schedule contradict each other: ${listText(structure)}.`;
  return {
    status: relaxations.length > 0 ? 'counted' : 'structural',
    relaxations,
    totalSlack: null,
    summary,
    elapsedSec: (performance.now() - started) / 1000,
  };
}

export async function diagnose(
  builder: ModelBuilder,
  backend: SolverBackend,
  options: DiagnoseOptions,
): Promise<Diagnosis> {
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  const solveOpts = (model: LinearModel): SolveOptions => ({
    timeLimitSec: options.timeLimitSec,
    mipGap: 1e-6,
    stop: options.stop,
    // The budget ends a search only once it has a relaxation (an event), as every generation solve's does.
    ...(options.workSec === undefined
      ? {}
      : { workLimit: { ...workLimitFor(model, options.workSec), afterFirstSolution: true } }),
  });

  const elastic = elasticModel(builder);
  const result = await backend.solve(elastic.model, solveOpts(elastic.model));
  if (result.status === 'optimal' || result.status === 'feasible') {
    const relaxations: Relaxation[] = [];
    for (const [groupId, col] of elastic.slackColumn) {
      const slack = result.values[col];
      if (slack <= TOL) continue;
      relaxations.push(
        relaxationOf(builder, groupId, roundSlack(slack), violatedSubjects(builder, result.values, groupId)),
      );
    }
    relaxations.sort((a, b) => a.groupId.localeCompare(b.groupId));
    const merged = causesFirst(mergeSameCause(relaxations));
    const proven = result.status === 'optimal';
    const summary =
      merged.length === 0
        ? 'No requirement needs relaxing: the model was infeasible only within the solver tolerance; re-run generation.'
        : `The schedule cannot meet every requirement. ${proven ? 'The smallest' : 'A small'} set to relax ` +
          `(${merged.length}): ` +
          causesText(merged);
    return { status: 'relaxed', relaxations: merged, totalSlack: result.objective, summary, elapsedSec: elapsed() };
  }
  if (result.status !== 'infeasible') {
    return {
      status: 'undetermined',
      relaxations: [],
      totalSlack: null,
      summary:
        `The diagnosis did not finish (${result.message}); give it more time to find which requirements to ` + `relax.`,
      elapsedSec: elapsed(),
    };
  }

  // Relaxing every requirement is not enough: relax the structural rows too and name them.
  const everything = elasticModel(builder, { everyRow: true });
  const last = await backend.solve(everything.model, solveOpts(everything.model));
  const broken: string[] = [];
  if (last.status === 'optimal' || last.status === 'feasible')
    for (const [key, col] of everything.slackColumn)
      if (last.values[col] > TOL)
        broken.push(
          key.startsWith('row:')
            ? key.slice(4)
            : (builder.groups.get(key)?.describe(roundSlack(last.values[col]), []) ?? key),
        );
  return {
    status: 'structural',
    relaxations: [],
    totalSlack: last.objective,
    summary:
      'The fixed parts of the schedule contradict each other (locked or preloaded cells, fixed bounds), so no ' +
      'relaxation of the requirements helps' +
      (broken.length ? `. Conflicting constraints: ${broken.join('; ')}` : '') +
      '.',
    elapsedSec: elapsed(),
  };
}
