// Stored generation runs (migration 0004; 0006 adds the year scope and its from_block; 0018 call
// ranges, the run's options and its unsolved blocks): the figures of every finished run, and the model's
// explanations of each cell of the draft it wrote, so "why is this cell X" can be answered later.
// Those of a run that wrote a draft are stored in parts with the draft (0021), while it is saved.
import type { Generated, Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../db/schema';
import type { Finding, HalfDay, IsoDate, RotationAssignment } from '../domain/types';
import type { Diagnosis } from '../solver/diagnose/diagnose';
import type { Reason } from '../solver/models/builder';
import type { CellExplanation } from '../solver/models/explain';
import type { ModelFigures, UnsolvedBlock } from '../solver/models/generate';
import { audit } from './audit';
import type { DraftAttachment } from './drafts';
import type { DraftDatabase, DraftTrx } from './drafts/tables';
import { nextTurn } from './drafts/turns';
import { ServiceError } from './errors';

export type GenerationScopeName = 'annual' | 'block' | 'calls' | 'block+calls' | 'year';
export const GENERATION_SCOPE_NAMES: readonly GenerationScopeName[] = [
  'annual',
  'block',
  'calls',
  'block+calls',
  'year',
];
export type GenerationBackendName = 'highs' | 'glpk';
export const GENERATION_BACKENDS: readonly GenerationBackendName[] = ['highs', 'glpk'];

/**
 * How a run ended. 'succeeded': a schedule with no hard-rule finding; 'stopped': stopped early
 * (by the user or the time limit) — the best schedule so far, if any, is in the draft;
 * 'invalid': the compliance engine found hard-rule findings (the draft is kept, marked);
 * 'infeasible': no schedule meets every requirement (see the diagnosis); 'failed': anything else.
 */
export type GenerationRunStatus = 'succeeded' | 'stopped' | 'invalid' | 'infeasible' | 'failed';

/** What a run was asked to do beyond its scope (only the options set). */
export interface GenerationRunOptions {
  regenerateInpatientWeeks?: boolean;
  releaseLockedCalls?: boolean;
  keepCurrentPlan?: boolean;
}

/** The run's figures, summed over its models (a 'block+calls' run solves two). */
export interface GenerationFigures {
  variables: number;
  integers: number;
  rows: number;
  nonzeros: number;
  /** Seconds of solving until the run had its first complete feasible schedule. */
  timeToFirstFeasibleSec: number | null;
  /** Seconds of solving until every model was proven optimal; null when not proven. */
  timeToOptimalSec: number | null;
  /** Largest relative gap left (0 = optimal); null when nothing was solved. */
  gap: number | null;
  /** Sum of the models' objectives (weighted soft-goal penalties); null when nothing was solved. */
  objective: number | null;
  /** Findings of the compliance engine on the generated schedule (all severities) and the hard ones. */
  findings: number;
  hardFindings: number;
  /** Wall-clock seconds from start to the stored result. */
  elapsedSec: number;
  models: ModelFigures[];
}

export interface GenerationRunSummary {
  id: number;
  draftId: number | null;
  scope: GenerationScopeName;
  academicYear: number;
  blockNumber: number | null;
  /** Year scope: the first block whose calls and half-days were generated; call ranges: the first block. */
  fromBlock: number | null;
  /** Call ranges: the last block. */
  toBlock: number | null;
  options: GenerationRunOptions;
  /** Blocks a year run or a call range could not generate, each with its diagnosis. */
  unsolvedBlocks: UnsolvedBlock[];
  backend: GenerationBackendName;
  timeLimitSec: number;
  status: GenerationRunStatus;
  /** Every model proven optimal. A stopped run or one at its time limit is not. */
  optimal: boolean;
  stoppedBy: 'user' | 'time_limit' | null;
  message: string;
  actor: string;
  startedAt: string;
  finishedAt: string;
  figures: GenerationFigures;
  diagnosis: Diagnosis | null;
  hardFindings: Finding[];
  /**
   * Annual runs recorded before drafts held the plan (schema version < 5): the proposed plan. Newer runs put it in
   * their draft.
   */
  plan: RotationAssignment[] | null;
}

export interface GenerationRunRecord extends Omit<GenerationRunSummary, 'id'> {
  explanations: CellExplanation[];
}

interface GenerationRunsTable {
  id: Generated<number>;
  draft_id: number | null;
  scope: string;
  academic_year: number;
  block_number: number | null;
  from_block: number | null;
  to_block: number | null;
  options: string;
  unsolved_blocks: string;
  backend: string;
  time_limit_sec: number;
  status: string;
  optimal: 0 | 1;
  stopped_by: string | null;
  message: string;
  actor: string;
  started_at: string;
  finished_at: string;
  figures: string;
  diagnosis: string | null;
  hard_findings: string;
  findings_count: number;
  explanations: string;
  plan: string | null;
}

interface ExplanationPartsTable {
  draft_id: number;
  part: number;
  /** A JSON array: the run's explanations from part × EXPLANATIONS_PER_PART on. */
  explanations: string;
}

interface RunsDatabase extends Database {
  generation_runs: GenerationRunsTable;
  generation_explanation_parts: ExplanationPartsTable;
}

/** The program's query builder with the runs table (it exists from schema version 4; from_block from 6). */
function runsDb(db: Kysely<Database>): Kysely<RunsDatabase> {
  return db as unknown as Kysely<RunsDatabase>;
}

/** Explanations per stored part: a few hundred kB of JSON, a few ms of the main thread to write or read. */
export const EXPLANATIONS_PER_PART = 2_000;

/**
 * A run's explanations as parts stored with its draft while the draft is saved (each its own short
 * transaction); the run record then stores none itself (insertGenerationRun with `inParts`).
 */
export function explanationParts(
  explanations: readonly CellExplanation[],
  perPart = EXPLANATIONS_PER_PART,
): DraftAttachment {
  return {
    parts: Math.ceil(explanations.length / perPart),
    async write(trx: DraftTrx, draftId: number, part: number) {
      const slice = explanations.slice(part * perPart, (part + 1) * perPart);
      await (trx as unknown as Transaction<RunsDatabase>)
        .insertInto('generation_explanation_parts')
        .values({ draft_id: draftId, part, explanations: JSON.stringify(slice) })
        .execute();
    },
  };
}

/** Store a finished run with its audit entry, in one transaction; returns its id. */
export async function recordGenerationRun(db: Kysely<Database>, run: GenerationRunRecord): Promise<number> {
  return db.transaction().execute((trx) => insertGenerationRun(trx, run));
}

/** Store a finished run with its audit entry inside `trx` (the transaction that writes its draft). */
export async function insertGenerationRun(
  transaction: Transaction<Database>,
  run: GenerationRunRecord,
  /** The explanations were stored in parts with the run's draft (explanationParts): none in the run's row. */
  inParts = false,
): Promise<number> {
  const trx = transaction as unknown as Transaction<RunsDatabase>;
  const { id } = await trx
    .insertInto('generation_runs')
    .values({
      draft_id: run.draftId,
      scope: run.scope,
      academic_year: run.academicYear,
      block_number: run.blockNumber,
      from_block: run.fromBlock,
      to_block: run.toBlock,
      options: JSON.stringify(run.options),
      unsolved_blocks: JSON.stringify(run.unsolvedBlocks),
      backend: run.backend,
      time_limit_sec: run.timeLimitSec,
      status: run.status,
      optimal: run.optimal ? 1 : 0,
      stopped_by: run.stoppedBy,
      message: run.message,
      actor: run.actor,
      started_at: run.startedAt,
      finished_at: run.finishedAt,
      figures: JSON.stringify(run.figures),
      diagnosis: run.diagnosis ? JSON.stringify(run.diagnosis) : null,
      hard_findings: JSON.stringify(run.hardFindings),
      findings_count: run.figures.findings,
      explanations: inParts ? '[]' : JSON.stringify(run.explanations),
      plan: run.plan ? JSON.stringify(run.plan) : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await audit(trx as unknown as Transaction<Database>, {
    actor: run.actor,
    action: 'generation.run',
    entity: 'generation_run',
    entityId: String(id),
    before: undefined,
    after: {
      scope: run.scope,
      academicYear: run.academicYear,
      blockNumber: run.blockNumber,
      ...(run.fromBlock !== null ? { fromBlock: run.fromBlock } : {}),
      ...(run.toBlock !== null ? { toBlock: run.toBlock } : {}),
      ...(Object.keys(run.options).length ? { options: run.options } : {}),
      ...(run.unsolvedBlocks.length ? { unsolvedBlocks: run.unsolvedBlocks.map((u) => u.blockNumber) } : {}),
      backend: run.backend,
      status: run.status,
      optimal: run.optimal,
      draftId: run.draftId,
      message: run.message,
    },
  });
  return id;
}

const SUMMARY_COLUMNS = [
  'id',
  'draft_id',
  'scope',
  'academic_year',
  'block_number',
  'from_block',
  'to_block',
  'options',
  'unsolved_blocks',
  'backend',
  'time_limit_sec',
  'status',
  'optimal',
  'stopped_by',
  'message',
  'actor',
  'started_at',
  'finished_at',
  'figures',
  'diagnosis',
  'hard_findings',
  'plan',
] as const;

type SummaryRow = Omit<Selectable<GenerationRunsTable>, 'findings_count' | 'explanations'>;

function toSummary(r: SummaryRow): GenerationRunSummary {
  return {
    id: r.id,
    draftId: r.draft_id,
    scope: r.scope as GenerationScopeName,
    academicYear: r.academic_year,
    blockNumber: r.block_number,
    fromBlock: r.from_block,
    toBlock: r.to_block,
    options: JSON.parse(r.options) as GenerationRunOptions,
    unsolvedBlocks: JSON.parse(r.unsolved_blocks) as UnsolvedBlock[],
    backend: r.backend as GenerationBackendName,
    timeLimitSec: r.time_limit_sec,
    status: r.status as GenerationRunStatus,
    optimal: r.optimal === 1,
    stoppedBy: r.stopped_by as GenerationRunSummary['stoppedBy'],
    message: r.message,
    actor: r.actor,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    figures: JSON.parse(r.figures) as GenerationFigures,
    diagnosis: r.diagnosis ? (JSON.parse(r.diagnosis) as Diagnosis) : null,
    hardFindings: JSON.parse(r.hard_findings) as Finding[],
    plan: r.plan ? (JSON.parse(r.plan) as RotationAssignment[]) : null,
  };
}

/** Latest runs first, optionally those that wrote one draft. */
export async function listGenerationRuns(
  db: Kysely<Database>,
  filter: { draftId?: number; limit: number },
): Promise<GenerationRunSummary[]> {
  let q = runsDb(db).selectFrom('generation_runs').select(SUMMARY_COLUMNS).orderBy('id', 'desc').limit(filter.limit);
  if (filter.draftId !== undefined) q = q.where('draft_id', '=', filter.draftId);
  return (await q.execute()).map(toSummary);
}

export async function getGenerationRun(db: Kysely<Database>, runId: number): Promise<GenerationRunSummary> {
  const row = await runsDb(db)
    .selectFrom('generation_runs')
    .select(SUMMARY_COLUMNS)
    .where('id', '=', runId)
    .executeTakeFirst();
  if (!row) throw new ServiceError('not_found', `No generation run with id ${runId}`);
  return toSummary(row);
}

/** What to explain: a half-day cell, a call night, an inpatient week (any date in it) or a plan entry. */
export type ExplainTarget =
  | { kind: 'slot'; personId: string; date: IsoDate; half: HalfDay }
  | { kind: 'call'; date: IsoDate; callTypeCode: string }
  | { kind: 'inpatient'; date: IsoDate }
  | { kind: 'plan'; personId: string; blockNumber: number; part: 'full' | 'first' | 'second' };

export interface CellExplanationView {
  runId: number;
  draftId: number | null;
  generatedAt: string;
  key: string;
  personId: string | null;
  /** What generation put there: an activity code, a rotation code, or (calls, weeks) a person id. */
  generated: string;
  /** Rules and goals that pinned it, strongest first. */
  reasons: Reason[];
  /**
   * What the draft holds there now, when it can be told from the draft's own entries
   * (slots: the activity code, or null when cleared; calls and weeks: the people). Undefined when
   * the draft has no entry there (left out because locked in the published schedule, or reverted).
   */
  draftValue?: string | null;
  /** The draft was edited there after generation. */
  editedSince: boolean;
}

function keyOf(target: Exclude<ExplainTarget, { kind: 'inpatient' }>): string {
  switch (target.kind) {
    case 'slot':
      return `slot:${target.personId}:${target.date}:${target.half}`;
    case 'call':
      return `call:${target.date}:${target.callTypeCode}`;
    case 'plan':
      return `plan:${target.personId}:${target.blockNumber}:${target.part}`;
  }
}

function describeTarget(target: ExplainTarget): string {
  switch (target.kind) {
    case 'slot':
      return `${target.personId} on ${target.date} ${target.half}`;
    case 'call':
      return `${target.callTypeCode} call on ${target.date}`;
    case 'inpatient':
      return `the inpatient week around ${target.date}`;
    case 'plan':
      return `${target.personId} in block ${target.blockNumber} (${target.part})`;
  }
}

/** Whole days from a to b, for ISO dates. */
function dayDiff(a: IsoDate, b: IsoDate): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** The explanations of the run that wrote a draft (the latest, if several did), or of a run by id. */
async function explanationsOf(db: Kysely<Database>, ref: { draftId: number } | { runId: number }) {
  let q = runsDb(db)
    .selectFrom('generation_runs')
    .select(['id', 'draft_id', 'finished_at', 'explanations', 'academic_year']);
  q =
    'draftId' in ref
      ? q.where('draft_id', '=', ref.draftId).orderBy('id', 'desc').limit(1)
      : q.where('id', '=', ref.runId);
  const row = await q.executeTakeFirst();
  if (!row)
    throw new ServiceError(
      'not_found',
      'draftId' in ref
        ? `Draft ${ref.draftId} was not written by schedule generation, so it has no explanations`
        : `No generation run with id ${ref.runId}`,
    );
  // Those in the run's row (runs stored before 0021, runs without a draft), then the draft's parts,
  // each read and parsed on its own turn of the event loop (a year's are tens of MB).
  const explanations = JSON.parse(row.explanations) as CellExplanation[];
  if (row.draft_id !== null)
    for (let part = 0; ; part++) {
      await nextTurn();
      const stored = await runsDb(db)
        .selectFrom('generation_explanation_parts')
        .select('explanations')
        .where('draft_id', '=', row.draft_id)
        .where('part', '=', part)
        .executeTakeFirst();
      if (!stored) break;
      for (const e of JSON.parse(stored.explanations) as CellExplanation[]) explanations.push(e);
    }
  return {
    runId: row.id,
    draftId: row.draft_id,
    generatedAt: row.finished_at,
    academicYear: row.academic_year,
    explanations,
  };
}

/** Why generation put what it put in one cell of a draft (or of a run, for annual plans). */
export async function explainCell(
  db: Kysely<Database>,
  ref: { draftId: number } | { runId: number },
  target: ExplainTarget,
): Promise<CellExplanationView> {
  const run = await explanationsOf(db, ref);
  let found: CellExplanation[];
  if (target.kind === 'inpatient') {
    found = run.explanations.filter((e) => {
      if (!e.key.startsWith('inpatient:')) return false;
      const days = dayDiff(e.key.slice('inpatient:'.length), target.date);
      return days >= 0 && days < 7;
    });
  } else {
    const key = keyOf(target);
    found = run.explanations.filter((e) => e.key === key);
  }
  if (found.length === 0)
    throw new ServiceError('not_found', `Generation run ${run.runId} did not decide ${describeTarget(target)}`);
  const e = found[0];
  const view: CellExplanationView = {
    runId: run.runId,
    draftId: run.draftId,
    generatedAt: run.generatedAt,
    key: e.key,
    personId: e.personId,
    generated: e.value,
    reasons: e.reasons,
    editedSince: false,
  };
  if (run.draftId !== null)
    Object.assign(view, await draftValueAt(runsDb(db), run.draftId, e, target, run.academicYear));
  return view;
}

/** The draft's own entry at an explained cell, and whether it differs from what was generated. */
async function draftValueAt(
  db: Kysely<RunsDatabase>,
  draftId: number,
  e: CellExplanation,
  target: ExplainTarget,
  academicYear: number,
): Promise<Pick<CellExplanationView, 'draftValue' | 'editedSince'>> {
  const d = db as unknown as Kysely<DraftDatabase>;
  if (target.kind === 'slot') {
    const row = await d
      .selectFrom('draft_assignment_changes')
      .select('activity_code')
      .where('draft_id', '=', draftId)
      .where('person_id', '=', target.personId)
      .where('date', '=', target.date)
      .where('half', '=', target.half)
      .executeTakeFirst();
    if (!row) return { editedSince: false };
    return { draftValue: row.activity_code, editedSince: row.activity_code !== e.value };
  }
  if (target.kind === 'call') {
    const rows = await d
      .selectFrom('draft_call_changes')
      .select(['person_id', 'assigned'])
      .where('draft_id', '=', draftId)
      .where('date', '=', target.date)
      .where('call_type_code', '=', target.callTypeCode)
      .execute();
    if (rows.length === 0) return { editedSince: false };
    const people = rows
      .filter((r) => r.assigned === 1)
      .map((r) => r.person_id)
      .sort();
    return { draftValue: people.join(', '), editedSince: !(people.length === 1 && people[0] === e.value) };
  }
  if (target.kind === 'inpatient') {
    const start = e.key.slice('inpatient:'.length);
    const rows = await d
      .selectFrom('draft_inpatient_week_changes')
      .select(['person_id', 'assigned'])
      .where('draft_id', '=', draftId)
      .where('start', '=', start)
      .execute();
    if (rows.length === 0) return { editedSince: false };
    const people = rows
      .filter((r) => r.assigned === 1)
      .map((r) => r.person_id)
      .sort();
    return { draftValue: people.join(', '), editedSince: !(people.length === 1 && people[0] === e.value) };
  }
  if (target.kind === 'plan') {
    // The plan entry's rotation code in the draft (null = the draft removes the entry).
    const row = await d
      .selectFrom('draft_rotation_changes as c')
      .leftJoin('rotations as r', 'r.id', 'c.rotation_id')
      .select(['c.rotation_id', 'r.code'])
      .where('c.draft_id', '=', draftId)
      .where('c.person_id', '=', target.personId)
      .where('c.academic_year', '=', academicYear)
      .where('c.block_number', '=', target.blockNumber)
      .where('c.part', '=', target.part)
      .executeTakeFirst();
    if (!row) return { editedSince: false };
    const code = row.rotation_id === null ? null : (row.code ?? row.rotation_id);
    return { draftValue: code, editedSince: code !== e.value };
  }
  return { editedSince: false };
}
