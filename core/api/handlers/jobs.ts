// The contract's jobs.* methods: start long-running work in the worker pool, poll it, cancel it.
// createHandlers (handlers.ts) spreads these in: `...jobHandlers(ctx)`.
import { academicYearEnd, academicYearStart } from '../../domain/calendar';
import { JobNotFoundError, type JobService, type JobSnapshot } from '../../jobs/service';
import { requireAcademicYear } from '../../services/catalog';
import { listHolidays } from '../../services/holidays';
import { requireSettings } from '../../services/settings';
import type { HandlerContext } from '../context';
import type { Contract, JobStatus } from '../contract';
import { ApiError, type HandlersOf } from '../kit';

type JobMethods = Pick<Contract, 'jobs.startYearCalendar' | 'jobs.status' | 'jobs.cancel'>;

function statusOf(jobs: JobService, read: (jobs: JobService) => JobSnapshot): JobStatus {
  try {
    return read(jobs);
  } catch (err) {
    if (err instanceof JobNotFoundError) throw new ApiError('not_found', err.message);
    throw err;
  }
}

export function jobHandlers(ctx: HandlerContext): HandlersOf<JobMethods> {
  return {
    async 'jobs.startYearCalendar'({ academicYear }) {
      const program = ctx.program();
      await requireAcademicYear(program, academicYear);
      const settings = await requireSettings(program);
      const holidays = await listHolidays(program, academicYearStart(academicYear), academicYearEnd(academicYear));
      const jobId = ctx.jobs.start('calendar', { academicYear, blockLayout: settings.blockLayout, holidays });
      return { jobId };
    },
    'jobs.status': ({ jobId }) => statusOf(ctx.jobs, (jobs) => jobs.status(jobId)),
    'jobs.cancel': ({ jobId }) => statusOf(ctx.jobs, (jobs) => jobs.cancel(jobId)),
  };
}
