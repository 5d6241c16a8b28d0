// What every API handler receives. `program()` is a getter because File > Open switches the
// open program database while the app runs.
import type { JobService } from '../jobs/service';
import type { Program } from '../services/program';

export interface HandlerContext {
  program(): Program;
  jobs: JobService;
  /** Who is acting, for the audit log (the OS user on the workstation). */
  actor: string;
}
