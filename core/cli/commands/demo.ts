// `demo <db>`: write a generated, realistic demo program (seeded, so repeatable).
import { DateTime } from 'luxon';
import { academicYearOf } from '../../domain/calendar';
import { demoAccounts, DEMO_PASSWORD } from '../../demo/accounts';
import { cliDemoProgram } from '../../demo/generate';
import { createProgramFile } from '../../services/create';
import { integerOption, runCommand, type CliIo, type CommandBody } from '../command';

const usage = `Usage: demo <db> [--residents N] [--seed S] [--year YYYY] [--first-block-days D] [--force]
Writes a generated demo program (17 residents 6/6/5 and 12 faculty unless --residents is given)
with one account per role (admin, coordinator, pd, chief, faculty, resident; password
"${DEMO_PASSWORD}").
  --residents N   residents in all, split over PGY 1–3 (faculty scale with them)
  --seed S        random seed (default 1); the same seed gives the same program
  --year YYYY     academic year (default: the one containing today)
  --first-block-days D
                  block calendar from July 1 without the short block 0: block 1 lasts D days,
                  then 28-day blocks, 13 in all (28: thirteen equal blocks; default: the reference
                  calendar, block 0 up to the first Thursday, then 28-day blocks)
  --force         replace an existing file`;

export const demoCommand: CommandBody = {
  name: 'demo',
  usage,
  run: (argv: string[], io: CliIo) =>
    runCommand(
      argv,
      io,
      {
        usage,
        options: {
          residents: { type: 'string' },
          seed: { type: 'string' },
          year: { type: 'string' },
          'first-block-days': { type: 'string' },
          force: { type: 'boolean' },
        },
        positionals: ['db'],
      },
      async (values, [db]) => {
        const started = performance.now();
        const residents = integerOption(values.residents, 'residents', 3, 2000);
        const data = cliDemoProgram({
          seed: integerOption(values.seed, 'seed', 0, 2 ** 32 - 1) ?? 1,
          academicYear: integerOption(values.year, 'year', 1990, 2200) ?? academicYearOf(DateTime.now().toISODate()!),
          residents,
          firstBlockDays: integerOption(values['first-block-days'], 'first-block-days', 7, 56),
        });
        const total = data.people.filter((p) => p.kind === 'resident').length;
        const academicYear = data.academicYears[0];
        const accounts = { seeds: demoAccounts(data, academicYear), password: DEMO_PASSWORD };
        const path = await createProgramFile(db, data, { replace: values.force === true, actor: 'cli:demo', accounts });
        const seconds = ((performance.now() - started) / 1000).toFixed(2);
        io.out(
          `Wrote ${path}: ${total} residents, ${data.people.filter((p) => p.kind === 'faculty').length} faculty, ` +
            `${data.assignments.length} assignments, ${data.calls.length} calls (${seconds} s)`,
        );
      },
    ),
};
