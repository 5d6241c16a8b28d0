// `init <db>`: a new, empty program with the default settings, the standard activities and
// call types, and the current academic year with its federal holidays.
import { createProgramFile, emptyProgramData } from '../../services/create';
import { integerOption, runCommand, type CliIo, type CommandBody } from '../command';

const usage = `Usage: init <db> [--name NAME] [--year YYYY]
Creates a new program file with default settings, the standard activities and call types.
  --name NAME   program name (default "Family Medicine Residency")
  --year YYYY   academic year to start with (default: the one containing today)`;

export const initCommand: CommandBody = {
  name: 'init',
  usage,
  run: (argv: string[], io: CliIo) =>
    runCommand(
      argv,
      io,
      { usage, options: { name: { type: 'string' }, year: { type: 'string' } }, positionals: ['db'] },
      async (values, [db]) => {
        const data = emptyProgramData({
          programName: typeof values.name === 'string' ? values.name : undefined,
          academicYear: integerOption(values.year, 'year', 1990, 2200),
        });
        const path = await createProgramFile(db, data, { actor: 'cli:init' });
        io.out(`Created ${path} (${data.settings.programName}, academic year ${data.academicYears[0]})`);
      },
    ),
};
