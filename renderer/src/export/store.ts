// The Export view's state in one store, so a running batch and its result survive moving to
// another view and back: the form, the run in progress (with cancel), and the last outcome.
import { createUserStore } from '../state/store';
import { api, toApiError } from '../api';
import type { ExportFormat } from './formats';
import { INITIAL_FORM, type ExportForm, type ExportPlan } from './plan';
import { runPlan, type ExportOutcome, type RunProgress } from './run';

interface Running {
  plan: ExportPlan;
  progress: RunProgress;
  cancelling: boolean;
}

interface ExportState {
  form: ExportForm;
  update(patch: Partial<ExportForm>): void;
  /** The path typed for a format; null goes back to the default. */
  setOutput(format: ExportFormat, value: string | null): void;
  running: Running | null;
  outcome: ExportOutcome | null;
  start(plan: ExportPlan): Promise<void>;
  /** Stop after the call in flight (its files are complete). */
  cancel(): void;
  dismissOutcome(): void;
}

export const useExport = createUserStore<ExportState>((set, get) => ({
  form: INITIAL_FORM,
  update: (patch) => set((s) => ({ form: { ...s.form, ...patch } })),
  setOutput: (format, value) =>
    set((s) => {
      const outputs = { ...s.form.outputs };
      if (value === null) delete outputs[format];
      else outputs[format] = value;
      return { form: { ...s.form, outputs } };
    }),
  running: null,
  outcome: null,
  async start(plan) {
    if (get().running) return;
    set({ running: { plan, progress: { done: 0, total: plan.files, current: '' }, cancelling: false }, outcome: null });
    // A sign-out forgets the run: it stops after the call in flight, and its outcome is nobody's to see.
    const mine = () => get().running?.plan === plan;
    try {
      const outcome = await runPlan(plan, api(), {
        onProgress: (progress) => set((s) => (s.running ? { running: { ...s.running, progress } } : {})),
        cancelled: () => !mine() || !!get().running?.cancelling,
      });
      if (mine()) set({ outcome });
    } catch (err) {
      // Only a missing connection gets here: runPlan turns API failures into the outcome.
      if (mine())
        set({
          outcome: {
            status: 'failed',
            format: plan.format,
            location: plan.location,
            locationKind: plan.locationKind,
            draftLabel: null,
            range: null,
            files: [],
            summary: 'Nothing was exported',
            error: toApiError(err),
            missing: plan.people,
            seconds: 0,
          },
        });
    } finally {
      if (mine()) set({ running: null });
    }
  },
  cancel: () => set((s) => (s.running ? { running: { ...s.running, cancelling: true } } : {})),
  dismissOutcome: () => set({ outcome: null }),
}));
