// What every API handler receives. `program()` is a getter because File > Open switches the
// open program database while the app runs.
import type { Account } from '../domain/accounts';
import type { JobService } from '../jobs/service';
import type { AuditChainReport } from '../services/audit-chain';
import type { BackupScheduler } from './backup-scheduler';
import type { PasswordCost } from '../services/passwords';
import type { Program } from '../services/program';
import type { StartedProgram } from './contract';

/**
 * What only the host around core can do (Electron main, the browser test host): core never
 * imports electron, so the host passes these in through createCore.
 */
export interface HostCapabilities {
  /** Show a path in the OS file manager: a folder is opened, a file is selected in its folder. */
  revealPath(target: string, kind: 'folder' | 'file'): Promise<void>;
  /** Folder exports go to unless the user picks another (Electron: Documents/Residency Scheduler). */
  exportFolder: string;
  /**
   * Ask the user with the OS dialog for a folder or a file to save to, or an existing file to
   * open; null when they cancel.
   * Absent where there is no dialog (system.pickPath is then refused and the path is typed).
   */
  pickPath?(request: PathPickRequest): Promise<string | null>;
}

export interface PathPickRequest {
  kind: 'folder' | 'file' | 'open';
  /** The dialog's title, e.g. "Save the calendars in…". */
  title: string;
  /** Where the dialog opens (a full path), or null for the OS default. */
  defaultPath: string | null;
  /** For a file: its extension without the dot ("pdf"), offered as the file type. */
  extension: string | null;
  /** For a file to open: the extensions shown (["xlsx", "csv"]); empty = every file. */
  extensions: string[];
}

/** The caller's session, as the session.* handlers change it (createCore provides one per window). */
export interface SessionControl {
  /** The signed-in account of this call, or null. */
  account(): Account | null;
  signIn(account: Account): void;
  signOut(): void;
}

/** The start page's ways to make the workstation's program when none is open (createCore). */
export interface StartControl {
  /** A copy of the bundled demo program. */
  fromDemo(): Promise<StartedProgram>;
  /** A program file in the exchange format (.json), imported whole. */
  fromFile(file: string): Promise<StartedProgram>;
}

export interface HandlerContext {
  /** The open program; throws (refused, in the start page's words) while none is open. */
  program(): Program;
  /** Whether a program is open (createCore; tools that call handlers directly always have one). */
  hasProgram?(): boolean;
  /** Absent in tests and tools that call handlers directly: program.createFromDemo/importFile are refused. */
  start?: StartControl;
  /**
   * The worker pool's jobs; interactive work (a draft's check, a workbook, an export: INTERACTIVE_TASKS)
   * runs on a thread of its own, never behind a solve. Handlers that check drafts or read workbooks
   * take it as optional: tools that call them directly without one run that work in the calling thread.
   */
  jobs: JobService;
  /** Who is acting, for the audit log: the signed-in account's name (createCore reads it per call). */
  actor: string;
  /** Absent in tests and tools that call handlers directly: session.* methods are then refused. */
  session?: SessionControl;
  /** The audit chain check kept with the open program (createCore checks it at every open). */
  auditChain?: { last(): AuditChainReport | null; verify(): Promise<AuditChainReport> };
  /** Backups of the open program, and restoring one in its place (createCore). */
  backups?: {
    scheduler: BackupScheduler;
    restore(file: string, actor: string): Promise<{ restoredFrom: string; keptAs: string }>;
  };
  /** Absent in tests and tools without a window: system.revealPath is then refused. */
  host?: HostCapabilities;
  /** Where the bundled print fonts are (resources/fonts); printouts fall back to Helvetica without it. */
  resourcesDir?: string;
  /** The scrypt cost of new password hashes (createCore's option); default the app's PASSWORD_COST. */
  passwordCost?: PasswordCost;
}
