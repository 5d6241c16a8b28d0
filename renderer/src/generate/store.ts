// Schedule generation in the renderer: the Generate dialog's state, the one running generation
// job (polled through jobs.status while it runs, so the top bar's status follows it from any view), its
// result, and the cell being explained. Lives outside any view so switching views never loses it.
import { createUserStore, onSignOut } from '../state/store';
import type { ExplainTarget, GenerationResult, GenerationScopeName, JobStatus } from '../../../core/api/contract';
import { api } from '../api';
import { endWords, resultOf } from './format';
import { createJobPoller } from '../lib/jobPoller';
import { refreshAll } from '../state/data';
import { useNotify } from '../state/notify';
import { useRoute } from '../state/route';

export interface GenerationRequest {
  scope: GenerationScopeName;
  academicYear: number;
  blockNumber: number | null;
  /** Year scope: the first block whose calls and half-days are generated. */
  fromBlock: number | null;
  timeLimitSec: number;
  backend: 'highs' | 'glpk';
  /** Annual and year scopes: false plans the rotations afresh instead of keeping the current plan. */
  keepCurrentPlan?: boolean;
}

export interface DialogDefaults {
  academicYear: number;
  blockNumber: number | null;
}

export interface ActiveGeneration {
  jobId: string;
  request: GenerationRequest;
  status: JobStatus | null;
  /** A graceful stop was asked for (the panel says "Stopping…"). */
  stopping: boolean;
  /** Its details (the panel under the top bar's status) are open: only when the user asks. */
  panelOpen: boolean;
}

interface GenerationState {
  dialog: DialogDefaults | null;
  weightsOpen: boolean;
  active: ActiveGeneration | null;
  /** The finished run whose details are shown. */
  details: GenerationResult | null;
  /** The explain panel: a generated draft and the cell asked about (null = the user picks one). */
  explain: { draftId: number; target: ExplainTarget | null; academicYear: number | null } | null;
  /** Drafts known to be written by generation (their explanations exist), by id. */
  generatedDrafts: Record<number, boolean>;
}

export const useGeneration = createUserStore<GenerationState>(() => ({
  dialog: null,
  weightsOpen: false,
  active: null,
  details: null,
  explain: null,
  generatedDrafts: {},
}));

export function openGenerateDialog(defaults: DialogDefaults) {
  useGeneration.setState({ dialog: defaults });
}
export function closeGenerateDialog() {
  useGeneration.setState({ dialog: null });
}
export function setWeightsOpen(open: boolean) {
  useGeneration.setState({ weightsOpen: open });
}

function ended(status: JobStatus) {
  const active = useGeneration.getState().active;
  if (active) useGeneration.setState({ active: { ...active, status } });
  const result = resultOf(status);
  // Told wherever the user is; the result is one click away in the top bar.
  const end = endWords(status);
  useNotify.getState().notify(`${end.text}. The result is in the top bar.`, end.tone);
  if (result?.draftId != null)
    useGeneration.setState((s) => ({ generatedDrafts: { ...s.generatedDrafts, [result.draftId!]: true } }));
  // The job wrote a draft and a run record in the background (no command announced them).
  if (status.state !== 'cancelled') refreshAll();
}

const poller = createJobPoller({
  intervalMs: 300,
  isCurrent: (jobId) => useGeneration.getState().active?.jobId === jobId,
  onRunning: (status) => {
    const active = useGeneration.getState().active;
    if (active) useGeneration.setState({ active: { ...active, status } });
  },
  onEnd: ended,
  onLost: (err) => {
    useNotify.getState().fail(err, 'Lost track of the generation');
    useGeneration.setState({ active: null });
  },
});
onSignOut(() => poller.stop());

export async function startGeneration(request: GenerationRequest): Promise<void> {
  if (useGeneration.getState().active?.status?.state === 'running') throw new Error('A generation is already running');
  const { jobId } = await api()['generate.start'](request);
  useGeneration.setState({
    active: { jobId, request, status: null, stopping: false, panelOpen: false },
    dialog: null,
    details: null,
  });
  poller.follow(jobId);
}

/** Graceful stop: the job ends shortly with the best schedule so far in a draft. */
export async function stopGeneration(): Promise<void> {
  const active = useGeneration.getState().active;
  if (!active) return;
  useGeneration.setState({ active: { ...active, stopping: true } });
  try {
    await api()['generate.stop']({ jobId: active.jobId });
  } catch (err) {
    useNotify.getState().fail(err, 'Could not stop the generation');
  }
}

/** Hard cancel: the solver is terminated and nothing is written. */
export async function cancelGeneration(): Promise<void> {
  const active = useGeneration.getState().active;
  if (!active) return;
  try {
    const status = await api()['jobs.cancel']({ jobId: active.jobId });
    const now = useGeneration.getState().active;
    if (now?.jobId === active.jobId) useGeneration.setState({ active: { ...now, status } });
    // The job may still be finishing its save; keep following it until it ends.
    if (status.state === 'running') poller.lookAgain(active.jobId);
  } catch (err) {
    useNotify.getState().fail(err, 'Could not cancel the generation');
  }
}

export function dismissGeneration() {
  poller.stop();
  useGeneration.setState({ active: null });
}

export function setPanelOpen(panelOpen: boolean) {
  const active = useGeneration.getState().active;
  if (active) useGeneration.setState({ active: { ...active, panelOpen } });
}

export function showDetails(result: GenerationResult | null) {
  useGeneration.setState({ details: result });
}

/** Open the generated draft in the Drafts view: its changes against the published schedule, its flags, publish. */
export function openGeneratedDraft(result: GenerationResult) {
  if (result.draftId === null) return;
  useRoute.getState().open('drafts', { draft: String(result.draftId) });
}

/** Show the generated draft in the Schedule grid at its block (the `draft` key opens a draft there). */
export function showGeneratedDraftInGrid(result: GenerationResult) {
  if (result.draftId === null) return;
  useRoute.getState().open('schedule', {
    ay: String(result.academicYear),
    block:
      result.blockNumber !== null
        ? String(result.blockNumber)
        : result.fromBlock !== null
          ? String(result.fromBlock)
          : null,
    draft: String(result.draftId),
  });
}

export function explainCell(draftId: number, target: ExplainTarget | null, academicYear: number | null = null) {
  useGeneration.setState({ explain: { draftId, target, academicYear } });
}
export function closeExplain() {
  useGeneration.setState({ explain: null });
}

/** Whether a draft was written by generation (asked once per draft, then remembered). */
export async function isGeneratedDraft(draftId: number): Promise<boolean> {
  const known = useGeneration.getState().generatedDrafts[draftId];
  if (known !== undefined) return known;
  const runs = await api()['generate.runs']({ draftId, limit: 1 });
  const generated = runs.length > 0;
  useGeneration.setState((s) => ({ generatedDrafts: { ...s.generatedDrafts, [draftId]: generated } }));
  return generated;
}
