// Worker: an export (personal calendars, printouts, the CSV) made in memory, progress per file.
// It writes nothing: the job's last step, in the main process, writes every file or none, so a
// cancelled export (the thread is terminated) leaves no file behind.
import { buildExport } from '../core/exports/build';
import { unpackProgram } from '../core/solver/models/packed-request';
import { defineTask } from './runtime';

export default defineTask('export', (input, ctx) =>
  buildExport(unpackProgram(input.data), input.request, (done, total, current) =>
    ctx.progress({
      fraction: total > 0 ? done / total : null,
      phase: `Made ${current}`,
      detail: { done, total, current },
    }),
  ),
);
