// Worker: an export (personal calendars, printouts, the CSV) made in memory, progress per file.
// It writes nothing: the job's last step, in the main process, writes every file or none, so a
// cancelled export (the thread is terminated) leaves no file behind. Text is encoded here and the
// bytes move to the main thread uncopied: the main thread only hands them to the file system.
import { buildExport } from '../core/exports/build';
import { unpackProgram } from '../core/solver/models/packed-request';
import { defineTask, moving } from './runtime';

const utf8 = new TextEncoder();

export default defineTask('export', async (input, ctx) => {
  const built = await buildExport(unpackProgram(input.data), input.request, (done, total, current) =>
    ctx.progress({
      fraction: total > 0 ? done / total : null,
      phase: `Made ${current}`,
      detail: { done, total, current },
    }),
  );
  const files = built.files.map((f) => ({
    path: f.path,
    content: typeof f.content === 'string' ? utf8.encode(f.content) : f.content,
  }));
  return moving(
    { ...built, files },
    files.map((f) => f.content),
  );
});
