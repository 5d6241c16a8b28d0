// One snackbar for the whole app: successes and API failures are announced here.
import { createUserStore } from './store';
import type { ApiErrorData } from '../../../core/api/contract';
import { toApiError } from '../api';

export type NoticeSeverity = 'success' | 'info' | 'warning' | 'error';
export interface Notice {
  id: number;
  message: string;
  severity: NoticeSeverity;
  /** Extra lines, e.g. the issues of an invalid_input error. */
  details: string[];
}

interface NotifyState {
  current: Notice | null;
  notify(message: string, severity?: NoticeSeverity, details?: string[]): void;
  /** Show an error from window.api (or anything thrown) and return its data. */
  fail(err: unknown, context?: string): ApiErrorData;
  dismiss(): void;
}

let nextId = 1;

export const useNotify = createUserStore<NotifyState>((set) => ({
  current: null,
  notify(message, severity = 'info', details = []) {
    set({ current: { id: nextId++, message, severity, details } });
  },
  fail(err, context) {
    const data = toApiError(err);
    const details = (data.issues ?? []).map((i) => `${i.path}: ${i.message}`);
    const message = context ? `${context}: ${data.message}` : data.message;
    set({ current: { id: nextId++, message, severity: 'error', details } });
    return data;
  },
  dismiss() {
    set({ current: null });
  },
}));
