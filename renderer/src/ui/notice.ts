// An app-level notice (the file is read-only, the audit log, the backups): gathered by the shell
// into one area of the top bar, so no number of them can take the height the schedule grid needs.
import type { ReactNode } from 'react';

export interface Notice {
  /** Stable per kind of notice: what a dismissal is remembered under. */
  id: string;
  severity: 'error' | 'warning' | 'info';
  /** A few words for the top bar ("Backups overdue"). */
  title: string;
  /** The whole notice, shown when the area is opened. */
  message: ReactNode;
  action?: ReactNode;
  testId: string;
  data?: Record<string, string>;
  /**
   * What a dismissal is for: the notice comes back when this changes (the condition got worse or is
   * a new one). null: it cannot be dismissed (it must be seen every day).
   */
  dismissLevel: string | null;
}
