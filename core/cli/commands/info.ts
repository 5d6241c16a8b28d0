// `info <db>`: a JSON summary of a program file (what it holds, its schema version).
import { programSummary } from '../../services/settings';
import { runCommand, type CliIo, type CommandBody } from '../command';
import { withSignedIn } from '../session';

const usage = `Usage: info <db>
Prints a JSON summary of the program: name, time zone, academic years, counts, schema version.`;

export const infoCommand: CommandBody = {
  name: 'info',
  usage,
  run: (argv: string[], io: CliIo) =>
    runCommand(argv, io, { usage, options: {}, positionals: ['db'] }, async (_values, [db]) => {
      await withSignedIn(db, io, ['program.info'], async ({ program }) => {
        const { settings, ...summary } = await programSummary(program);
        io.out(
          JSON.stringify(
            {
              ...summary,
              programName: settings.programName,
              timeZone: settings.timeZone,
              blockLayout: settings.blockLayout,
            },
            null,
            2,
          ),
        );
      });
    }),
};
