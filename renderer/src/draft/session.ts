// The user's editing session: which draft the Schedule view edits (the `draft` key of its URL),
// undo/redo per draft, and the background rules check after edits. Edits run one at a time so
// the undo stacks always match the order the program applied them in.
import { useEffect, useRef } from 'react';
import { createUserStore, onSignOut } from '../state/store';
import type { DraftEditResult, DraftSummary } from '../../../core/api/contract';
import { api } from '../api';
import { formatShortDate, todayIso } from '../lib/dates';
import { useNotify } from '../state/notify';
import { useRoute } from '../state/route';
import { combineUndo, emptyHistory, nextRedo, nextUndo, recordEdit, redone, undone, type History } from './history';

interface SessionState {
  histories: Record<number, History>;
  /** Edits sent and not answered yet. */
  pending: number;
  /** Drafts whose rules check is running. */
  validating: Record<number, boolean>;
}

export const useDraftSession = createUserStore<SessionState>(() => ({
  histories: {},
  pending: 0,
  validating: {},
}));

/** How long after the last edit the rules check runs (it takes about a second on a real program). */
export const VALIDATE_DELAY_MS = 1200;

let queue: Promise<unknown> = Promise.resolve();
function serial<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work, work);
  queue = run.catch(() => undefined);
  return run;
}

/** The draft the Schedule view is editing, from its URL (null = the published schedule). */
export function draftIdFromQuery(value: string | undefined): number | null {
  const n = Number(value);
  return value && Number.isInteger(n) && n > 0 ? n : null;
}

export function useEditingDraftId(): number | null {
  return useRoute((s) => (s.view === 'schedule' ? draftIdFromQuery(s.query.draft) : null));
}

export function historyOf(draftId: number | null): History {
  return (draftId !== null && useDraftSession.getState().histories[draftId]) || emptyHistory();
}

function setHistory(draftId: number, h: History) {
  useDraftSession.setState((s) => ({ histories: { ...s.histories, [draftId]: h } }));
}

/** Work in this draft (null = back to the published schedule). */
export function openDraft(draftId: number | null) {
  useRoute.getState().setQuery({ draft: draftId === null ? null : String(draftId) });
}

export function manualDraftName(now = new Date()): string {
  const time = `${String(now.getHours()).padStart(2, '0')}:${String(now.getMinutes()).padStart(2, '0')}`;
  return `Manual edits ${formatShortDate(todayIso())} ${time}`;
}

/** The draft being edited, or a new "Manual edits …" draft when the user edits the published schedule. */
async function ensureDraft(): Promise<number> {
  const current = draftIdFromQuery(useRoute.getState().query.draft);
  if (current !== null) return current;
  const draft: DraftSummary = await api()['drafts.create']({ name: manualDraftName(), note: null });
  openDraft(draft.id);
  useNotify
    .getState()
    .notify(
      `Your changes go into a new draft, “${draft.name}”. The published schedule is unchanged until you publish.`,
      'info',
    );
  return draft.id;
}

const timers = new Map<number, ReturnType<typeof setTimeout>>();
// A check of the last user's draft would run, and fail, in the next user's session.
onSignOut(() => {
  for (const timer of timers.values()) clearTimeout(timer);
  timers.clear();
});

/** Check the draft against the rules a moment after the last edit; the views re-read after. */
export function validateSoon(draftId: number, delay = VALIDATE_DELAY_MS) {
  clearTimeout(timers.get(draftId));
  useDraftSession.setState((s) => ({ validating: { ...s.validating, [draftId]: true } }));
  timers.set(
    draftId,
    setTimeout(() => {
      timers.delete(draftId);
      void validateNow(draftId);
    }, delay),
  );
}

export async function validateNow(draftId: number): Promise<void> {
  clearTimeout(timers.get(draftId));
  useDraftSession.setState((s) => ({ validating: { ...s.validating, [draftId]: true } }));
  try {
    await serial(() => api()['drafts.validate']({ draftId }));
  } catch (err) {
    useNotify.getState().fail(err, 'Could not check the draft against the rules');
  } finally {
    useDraftSession.setState((s) => ({ validating: { ...s.validating, [draftId]: false } }));
  }
}

/**
 * Opening a draft whose last rules check is out of date checks it again, once: a reload or a closed window
 * can cut off the check an edit started, and its findings would otherwise read "not checked" until the
 * next edit. `checkIsCurrent` is null until the draft's check has been read.
 */
export function useCheckWhenOpened(draftId: number, checkIsCurrent: boolean | null) {
  const examined = useRef<number | null>(null);
  useEffect(() => {
    if (checkIsCurrent === null || examined.current === draftId) return;
    examined.current = draftId;
    const { validating, pending } = useDraftSession.getState();
    // An edit in flight, or a check already planned, brings the findings up to date by itself.
    if (!checkIsCurrent && !validating[draftId] && pending === 0) void validateNow(draftId);
  }, [draftId, checkIsCurrent]);
}

async function tracked<T>(work: () => Promise<T>): Promise<T> {
  useDraftSession.setState((s) => ({ pending: s.pending + 1 }));
  try {
    return await work();
  } finally {
    useDraftSession.setState((s) => ({ pending: s.pending - 1 }));
  }
}

/** An edit made of several API calls failed part-way: what did apply is still undoable. */
export class PartialEditError extends Error {
  constructor(
    readonly applied: DraftEditResult | null,
    override readonly cause: unknown,
  ) {
    super('part of the edit failed');
  }
}

/** Run several edit calls as one undoable edit (e.g. clearing several call nights). */
export async function editSequence(
  draftId: number,
  steps: ((draftId: number) => Promise<DraftEditResult>)[],
): Promise<DraftEditResult> {
  const results: DraftEditResult[] = [];
  const combined = (): DraftEditResult => ({
    draftId,
    revision: results[results.length - 1].revision,
    applied: results.reduce((n, r) => n + r.applied, 0),
    skipped: results.reduce((n, r) => n + r.skipped, 0),
    undo: combineUndo(results.map((r) => r.undo)),
  });
  for (const step of steps) {
    try {
      results.push(await step(draftId));
    } catch (err) {
      throw new PartialEditError(results.length ? combined() : null, err);
    }
  }
  if (!results.length) throw new Error('nothing to change');
  return combined();
}

/**
 * Run one edit in the current draft (creating it on the first edit), remember how to undo it,
 * and refresh every view (grid, markers, counts). Failures are shown in plain words.
 */
export function runEdit(
  label: string,
  edit: (draftId: number) => Promise<DraftEditResult>,
): Promise<DraftEditResult | null> {
  return serial(() =>
    tracked(async () => {
      try {
        const draftId = await ensureDraft();
        const result = await edit(draftId);
        setHistory(draftId, recordEdit(historyOf(draftId), label, result.undo));
        validateSoon(draftId);
        return result;
      } catch (err) {
        // Whatever part of a multi-step edit did apply stays undoable.
        if (err instanceof PartialEditError && err.applied) {
          const id = err.applied.draftId;
          setHistory(id, recordEdit(historyOf(id), `${label} (partly)`, err.applied.undo));
          validateSoon(id);
        }
        useNotify
          .getState()
          .fail(
            err instanceof PartialEditError ? err.cause : err,
            `Could not ${label.charAt(0).toLowerCase()}${label.slice(1)}`,
          );
        return null;
      }
    }),
  );
}

async function step(draftId: number, direction: 'undo' | 'redo'): Promise<boolean> {
  return serial(() =>
    tracked(async () => {
      const h = historyOf(draftId);
      const entry = direction === 'undo' ? nextUndo(h) : nextRedo(h);
      if (!entry) return false;
      try {
        const result = await api()['drafts.applyPatch']({ draftId, patch: entry.patch });
        setHistory(draftId, direction === 'undo' ? undone(h, result.undo) : redone(h, result.undo));
        validateSoon(draftId);
        useNotify.getState().notify(`${direction === 'undo' ? 'Undone' : 'Redone'}: ${entry.label}`, 'info');
        return true;
      } catch (err) {
        useNotify.getState().fail(err, `Could not ${direction} “${entry.label}”`);
        return false;
      }
    }),
  );
}

export const undoEdit = (draftId: number) => step(draftId, 'undo');
export const redoEdit = (draftId: number) => step(draftId, 'redo');

/** Forget a draft's undo history (it was published or discarded). */
export function forgetDraft(draftId: number) {
  useRoute.getState().forgetEditingDraft(draftId);
  useDraftSession.setState((s) => {
    const histories = { ...s.histories };
    delete histories[draftId];
    return { histories };
  });
}
