// Plain words and numbers for schedule generation: scopes, the job's live figures, how a run
// ended, why a cell was pinned. Pure functions, unit-tested without a browser.
import type {
  GenerationResult,
  GenerationScopeName,
  JobStatus,
  ModelFigures,
  ReasonKind,
} from '../../../core/api/contract';
import { plural } from '../lib/words';

export const SCOPES: readonly {
  id: GenerationScopeName;
  label: string;
  help: string;
  needsBlock: boolean;
  needsFromBlock?: boolean;
}[] = [
  {
    id: 'block+calls',
    label: 'Block: calls and half-days',
    help:
      'Call nights and inpatient weeks, then the shifts of shift-based rotations, then every half-day of the ' +
      'block on them.',
    needsBlock: true,
  },
  {
    id: 'block',
    label: 'Block: half-days',
    help:
      'The shifts of shift-based rotations and every half-day of the block, keeping the published calls and ' +
      'inpatient weeks.',
    needsBlock: true,
  },
  {
    id: 'calls',
    label: 'Block: calls and inpatient weeks',
    help: 'Faculty call nights and inpatient weeks of the block, balanced against the year so far.',
    needsBlock: true,
  },
  {
    id: 'annual',
    label: 'Annual rotation plan',
    help: 'Each resident’s rotation for every block of the academic year.',
    needsBlock: false,
  },
  {
    id: 'year',
    label: 'Whole year: rotation plan, then every block’s calls and half-days',
    help:
      'One draft: the new plan, then each block from the first block chosen to the year’s end, built on it. ' +
      'Earlier blocks are kept.',
    needsBlock: false,
    needsFromBlock: true,
  },
];

export function scopeLabel(scope: GenerationScopeName): string {
  return SCOPES.find((s) => s.id === scope)?.label ?? scope;
}

export const BACKENDS: readonly { id: 'highs' | 'glpk'; label: string; help: string }[] = [
  { id: 'highs', label: 'HiGHS (recommended)', help: 'Fast; Stop returns the best schedule so far within a second.' },
  { id: 'glpk', label: 'GLPK', help: 'Slower; cannot be interrupted, so Stop waits for the time limit.' },
];

/** The live figures of a running generation job, from jobs.status. */
export interface LiveFigures {
  phase: string;
  /** 0..1, or null when unknown (indeterminate bar). */
  fraction: number | null;
  incumbent: number | null;
  bound: number | null;
  gap: number | null;
  elapsedSec: number | null;
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

export function liveFigures(status: JobStatus | null): LiveFigures {
  if (!status) return { phase: 'Starting', fraction: null, incumbent: null, bound: null, gap: null, elapsedSec: null };
  const d = status.detail ?? {};
  return {
    phase: status.phase,
    fraction: status.state === 'running' ? num(status.progress) : 1,
    incumbent: num(d.objective),
    bound: num(d.bound),
    gap: num(d.gap),
    elapsedSec: num(d.elapsedSec),
  };
}

/** "2.31 %", "0 %" for proven, "–" when unknown. */
/** How a model's solve ended, in words (the solver's own status names stay out of the UI). */
export const MODEL_STATUS_WORDS: Record<ModelFigures['status'], string> = {
  optimal: 'Proven best',
  feasible: 'Good, not proven best',
  infeasible: 'Impossible as set up',
  unbounded: 'Not bounded (a model error)',
  no_solution: 'No schedule found in time',
  error: 'Solver error',
};

export function formatGap(gap: number | null): string {
  if (gap === null) return '–';
  if (gap === 0) return '0 %';
  const pct = gap * 100;
  return `${pct >= 10 ? pct.toFixed(0) : pct.toFixed(2)} %`;
}

export function formatNumber(value: number | null, digits = 0): string {
  if (value === null) return '–';
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** "0.4 s", "12 s", "2 min 05 s". */
export function formatSeconds(sec: number | null): string {
  if (sec === null) return '–';
  if (sec < 10) return `${sec.toFixed(1)} s`;
  if (sec < 60) return `${Math.round(sec)} s`;
  const m = Math.floor(sec / 60);
  return `${m} min ${String(Math.round(sec - m * 60)).padStart(2, '0')} s`;
}

export type Tone = 'success' | 'info' | 'warning' | 'error';

/** A one-line headline and its tone for a finished run. */
export function outcomeHeadline(result: GenerationResult): { text: string; tone: Tone } {
  switch (result.status) {
    case 'succeeded':
      return result.optimal
        ? { text: 'Schedule generated: proven the best, no hard-rule findings', tone: 'success' }
        : {
            text:
              `Schedule generated: not proven the best (could still improve by up to ` +
              `${formatGap(result.figures.gap)})`,
            tone: 'info',
          };
    case 'stopped':
      return result.draftId !== null
        ? {
            // The core's words, as the draft's name has them: "stopped by Dana Diaz", "best found in 60 s".
            text: `Stopped: best schedule so far kept (${result.bestFound ?? 'not proven the best'})`,
            tone: 'warning',
          }
        : { text: 'Stopped before any schedule was found', tone: 'warning' };
    case 'invalid':
      return {
        text: `The generated schedule breaks ${plural(result.figures.hardFindings, 'hard rule')}`,
        tone: 'error',
      };
    case 'infeasible':
      return { text: 'No schedule can meet every requirement', tone: 'error' };
    case 'failed':
      return { text: 'Generation failed', tone: 'error' };
  }
}

/** A generation job's result, once it has one. */
export function resultOf(status: JobStatus | null): GenerationResult | null {
  const r = status?.result as GenerationResult | null | undefined;
  return r && typeof r === 'object' && 'status' in r && 'figures' in r ? r : null;
}

/** How a run that is no longer running ended, as its result says (or its job state when it has none). */
export function endWords(status: JobStatus): { text: string; tone: Tone } {
  const r = resultOf(status);
  if (r) return outcomeHeadline(r);
  if (status.state === 'cancelled') return { text: 'Generation cancelled: nothing was written', tone: 'info' };
  return { text: 'Generation failed', tone: 'error' };
}

/** The top bar's few words for the run: running, or how it ended. */
export function statusWords(status: JobStatus | null, stopping: boolean): string {
  if (!status || status.state === 'running') {
    if (stopping) return 'Stopping…';
    if (!status) return 'Starting generation…';
    const elapsed = liveFigures(status).elapsedSec;
    return elapsed === null ? 'Generating…' : `Generating ${formatSeconds(elapsed)}`;
  }
  const r = resultOf(status);
  if (r) {
    if (r.status === 'infeasible') return 'No schedule possible';
    if (r.status === 'stopped') return r.draftId !== null ? 'Stopped: draft ready' : 'Stopped: no draft';
    if (r.status === 'failed') return 'Generation failed';
    if (r.status === 'invalid') return 'Draft breaks hard rules';
    return 'Draft ready';
  }
  return status.state === 'cancelled' ? 'Generation cancelled' : 'Generation failed';
}

export const REASON_LABELS: Record<ReasonKind, string> = {
  locked: 'Locked',
  fixed: 'Fixed',
  absence: 'Absence',
  pattern: 'Rotation pattern',
  standing_rule: 'Program rule',
  shift: 'Shift roster',
  weekend: 'Weekend',
  holiday: 'Holiday',
  requirement: 'Requirement',
  coverage: 'Coverage',
  capacity: 'Capacity',
  window: 'Window',
  order: 'Order',
  supervision: 'Supervision',
  target: 'Target',
  limit: 'Limit',
  acgme: 'ACGME',
  inpatient_week: 'Inpatient week',
  post_call: 'Post-call',
  fairness: 'Fairness',
  spacing: 'Spacing',
  preference: 'Preference',
  leave: 'Leave',
  continuity: 'Continuity',
  stability: 'Kept as published',
  choice: 'Solver’s choice',
};

/** Soft-goal weights (settings.solverWeights) in the coordinator's words. Unknown keys show as they are. */
export const WEIGHT_LABELS: Record<string, { label: string; help: string }> = {
  clinicTarget: { label: 'Meet clinic targets', help: 'Each half-day a rotation’s weekly clinic target is missed.' },
  clinicOverSoftCapacity: {
    label: 'Stay under the soft clinic capacity',
    help: 'Each resident above the soft clinic capacity in a slot.',
  },
  fairnessCalls: {
    label: 'Balance calls',
    help: 'Spread of Sunday, weekday and holiday calls across faculty, year to date.',
  },
  fairnessInpatientWeeks: {
    label: 'Balance inpatient weeks',
    help: 'Spread of inpatient (FMIT) weeks across faculty, year to date.',
  },
  consecutiveNightCalls: {
    label: 'Avoid calls on consecutive nights',
    help: 'Each pair of back-to-back call nights for one person.',
  },
  backToBackCallWeeks: {
    label: 'Avoid calls in back-to-back weeks',
    help: 'Each person with call in two weeks running.',
  },
  callNearInpatientWeek: {
    label: 'Keep call away from own inpatient week',
    help: 'Each call within a week of the person’s inpatient week.',
  },
  dayPreference: {
    label: 'Respect call-day preferences',
    help: 'Each call on a day the person prefers to avoid (e.g. the PD on Tuesdays).',
  },
  leaveOnEligibleRotation: {
    label: 'Put leave on leave-eligible rotations',
    help: 'Each leave request that lands on an inpatient or other non-eligible rotation.',
  },
  restBetweenWorkPeriods: {
    label: 'Keep rest between work periods',
    help:
      'Each half-day placed closer to a night shift, moonlighting or a callback than the rest rule’s hours (8 ' +
      'by default).',
  },
  inpatientSpacing: {
    label: 'Space out inpatient blocks',
    help: 'Each pair of inpatient blocks in a row for one resident.',
  },
  planChange: {
    label: 'Keep the current rotation plan',
    help: 'Each half-block whose rotation differs from the current plan when the plan is regenerated.',
  },
  publishedSlotChange: {
    label: 'Keep the published half-days',
    help: 'Each published half-day a regeneration changes or clears (what the churn guard counts at publish).',
  },
  publishedCallChange: {
    label: 'Keep the published calls',
    help: 'Each published call night or inpatient week a regeneration gives to someone else.',
  },
  partialBlockContinuity: {
    label: 'Continue rotations into partial blocks',
    help:
      'Each resident whose rotation in a partial block (such as a short block 0) differs from the block next ' +
      'to it.',
  },
};

export function weightLabel(key: string): { label: string; help: string } {
  return WEIGHT_LABELS[key] ?? { label: key, help: '' };
}

/** Parse a weight typed by the user: a number from 0 to 10 000, else an error message. */
export function parseWeight(text: string): { value: number } | { error: string } {
  const t = text.trim();
  if (t === '') return { error: 'enter a number' };
  const n = Number(t);
  if (!Number.isFinite(n)) return { error: 'not a number' };
  if (n < 0) return { error: 'must be 0 or more' };
  if (n > 10_000) return { error: 'at most 10 000' };
  return { value: n };
}

/** Time limit in seconds typed by the user (1 s … 1 hour). */
export function parseTimeLimit(text: string): { value: number } | { error: string } {
  const n = Number(text.trim());
  if (!text.trim() || !Number.isFinite(n)) return { error: 'enter seconds' };
  if (n < 1) return { error: 'at least 1 second' };
  if (n > 3600) return { error: 'at most 3600 seconds (one hour)' };
  return { value: n };
}
