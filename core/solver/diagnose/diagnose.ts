// Infeasibility diagnosis: never just "INFEASIBLE". Re-solve with one elastic slack per
// requirement group, minimising the total weighted slack, and report the groups that had to be
// relaxed, each in domain words ("Block 7 needs 3 residents on inpatient medicine but only 2 are
// available: PGY2-04 and PGY3-01 are on leave").
import type { SolverBackend } from '../backend';
import type { ModelBuilder } from '../models/builder';
import { roundSlack } from '../models/model';
import { elasticModel } from './elastic';

export interface Relaxation {
  /** Requirement group id, e.g. `coverage:FMIT:pgy2:13`. */
  groupId: string;
  kind: string;
  /** How far the best relaxation falls short of the requirement (people, blocks, units…). */
  shortBy: number;
  /** People, slots or nights of the group that had to give. */
  subjects: string[];
  message: string;
}

export interface Diagnosis {
  /**
   * 'relaxed': the listed requirements are the smallest (weighted) set to relax;
   * 'structural': even relaxing every requirement is not enough — fixed parts (locked cells,
   * one activity per slot) contradict each other, listed by row;
   * 'undetermined': the diagnosis solve itself did not finish (time limit or stop).
   */
  status: 'relaxed' | 'structural' | 'undetermined';
  relaxations: Relaxation[];
  /** Total weighted slack of the relaxation. */
  totalSlack: number | null;
  /** One paragraph for the coordinator. */
  summary: string;
  elapsedSec: number;
}

export interface DiagnoseOptions {
  timeLimitSec: number;
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

export async function diagnose(
  builder: ModelBuilder,
  backend: SolverBackend,
  options: DiagnoseOptions,
): Promise<Diagnosis> {
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  const solveOpts = { timeLimitSec: options.timeLimitSec, mipGap: 1e-6, stop: options.stop };

  const elastic = elasticModel(builder);
  const result = await backend.solve(elastic.model, solveOpts);
  if (result.status === 'optimal' || result.status === 'feasible') {
    const relaxations: Relaxation[] = [];
    for (const [groupId, col] of elastic.slackColumn) {
      const slack = result.values[col];
      if (slack <= TOL) continue;
      const group = builder.groups.get(groupId)!;
      const shortBy = roundSlack(slack);
      const subjects = violatedSubjects(builder, result.values, groupId);
      relaxations.push({ groupId, kind: group.kind, shortBy, subjects, message: group.describe(shortBy, subjects) });
    }
    relaxations.sort((a, b) => a.groupId.localeCompare(b.groupId));
    const proven = result.status === 'optimal';
    const summary =
      relaxations.length === 0
        ? 'No requirement needs relaxing: the model was infeasible only within the solver tolerance; re-run generation.'
        : `The schedule cannot meet every requirement. ${proven ? 'The smallest' : 'A small'} set to relax (${relaxations.length}): ` +
          relaxations.map((r) => r.message).join('; ') +
          '.';
    return { status: 'relaxed', relaxations, totalSlack: result.objective, summary, elapsedSec: elapsed() };
  }
  if (result.status !== 'infeasible') {
    return {
      status: 'undetermined',
      relaxations: [],
      totalSlack: null,
      summary: `The diagnosis did not finish (${result.message}); give it more time to find which requirements to relax.`,
      elapsedSec: elapsed(),
    };
  }

  // Relaxing every requirement is not enough: relax the structural rows too and name them.
  const everything = elasticModel(builder, { everyRow: true });
  const last = await backend.solve(everything.model, solveOpts);
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
      'The fixed parts of the schedule contradict each other (locked or preloaded cells, fixed bounds), so no relaxation of the requirements helps' +
      (broken.length ? `. Conflicting constraints: ${broken.join('; ')}` : '') +
      '.',
    elapsedSec: elapsed(),
  };
}
