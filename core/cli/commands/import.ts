// `import <file.json> <db>`: validate a program exchange file and write it into a new (or empty)
// program file; every problem is listed with its JSON path and nothing is written.
import { importProgram, InvalidProgramFileError, readProgramFileReport } from '../../services/exchange';
import { runCommand, type CliIo, type CommandBody } from '../command';
import { plural } from '../../domain/words';

const usage = `Usage: import <file.json> <db>
Imports a program exchange file (docs/program-format.md) into a new program file, or into an
existing one that is still empty. All or nothing: any problem means nothing is written.
Duplicate and overlapping absences of one person are imported as they are and listed.`;

export const importCommand: CommandBody = {
  name: 'import',
  usage,
  run: (argv: string[], io: CliIo) =>
    runCommand(argv, io, { usage, options: {}, positionals: ['file.json', 'db'] }, async (_values, [json, db]) => {
      try {
        const { file, unknownKeys } = readProgramFileReport(json);
        const { warnings } = await importProgram(file, db, 'cli:import');
        const p = file.program;
        io.out(
          `Imported ${p.people.length} people, ${p.rotations.length} rotations, ${p.assignments.length} ` +
            `assignments, ${p.calls.length} calls into ${db}`,
        );
        if (warnings.length) {
          io.out(
            `${plural(warnings.length, 'absence')} repeat or overlap another of the same person (imported as they ` +
              `are; merge them in Absences):`,
          );
          for (const w of warnings) io.out(`  ${w.path}: ${w.message}`);
        }
        // Keys the format does not know are not imported: say which, so nothing is lost unseen.
        if (unknownKeys.length > 0) {
          io.err(
            `warning: ${plural(unknownKeys.length, 'key')} of ${json} ${unknownKeys.length === 1 ? 'is' : 'are'} ` +
              `not part of the program format and ${unknownKeys.length === 1 ? 'was' : 'were'} not imported:`,
          );
          for (const key of unknownKeys.slice(0, 20)) io.err(`  ${key}`);
          if (unknownKeys.length > 20) io.err(`  … and ${unknownKeys.length - 20} more`);
        }
      } catch (err) {
        if (err instanceof InvalidProgramFileError) throw new Error(`${err.message}\nNothing was written.`);
        throw err;
      }
    }),
};
