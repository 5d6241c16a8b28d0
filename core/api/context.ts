// What every API handler receives. `program()` is a getter because File > Open switches the
// open program database while the app runs.
import type { JobService } from '../jobs/service';
import type { Program } from '../services/program';

/**
 * What only the host around core can do (Electron main, the browser test host): core never
 * imports electron, so the host passes these in through createCore.
 */
export interface HostCapabilities {
  /** Show a path in the OS file manager: a folder is opened, a file is selected in its folder. */
  revealPath(target: string, kind: 'folder' | 'file'): Promise<void>;
  /** Folder exports go to unless the user picks another (Electron: Documents/Residency Scheduler). */
  exportFolder: string;
}

export interface HandlerContext {
  program(): Program;
  jobs: JobService;
  /** Who is acting, for the audit log (the OS user on the workstation). */
  actor: string;
  /** Absent in tests and tools without a window: system.revealPath is then refused. */
  host?: HostCapabilities;
  /** Where the bundled print fonts are (resources/fonts); printouts fall back to Helvetica without it. */
  resourcesDir?: string;
}
