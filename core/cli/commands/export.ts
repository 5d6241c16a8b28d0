// `export <db> <file.json>`: the whole program as a program exchange file.
import { resolve } from 'node:path';
import { exportProgramToFile } from '../../services/exchange';
import { runCommand, type CliIo, type CommandBody } from '../command';
import { withSignedIn } from '../session';

const usage = `Usage: export <db> <file.json>
Writes the whole program as a program exchange file (docs/program-format.md).`;

export const exportCommand: CommandBody = {
  name: 'export',
  usage,
  run: (argv: string[], io: CliIo) =>
    runCommand(argv, io, { usage, options: {}, positionals: ['db', 'file.json'] }, async (_values, [db, json]) => {
      await withSignedIn(db, io, ['program.exportFile'], async ({ program }) => {
        const { file, path } = await exportProgramToFile(program, resolve(json));
        io.out(
          `Exported ${file.program.people.length} people and ${file.program.assignments.length} assignments to ${path}`,
        );
      });
    }),
};
