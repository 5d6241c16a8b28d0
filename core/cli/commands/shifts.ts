// `shifts <db> <rotation code> (--file shifts.json | --clear)`: make a rotation shift-based from
// a JSON file (its shifts with code, name, start, end and per-weekday cover, and its limits — the
// rotations.setShifts input), or back to its weekly pattern. Prints the rotation's shifts as JSON.
import fs from 'node:fs';
import { shiftRotationDefinitionSchema } from '../../domain/schemas';
import { listRotations } from '../../services/catalog';
import { openProgram } from '../../services/program';
import { setRotationShifts } from '../../services/rotations';
import { CliUsageError, runCommand, type CliIo, type CommandBody } from '../command';
import { signInTo } from '../session';

const usage = `Usage: shifts <db> <rotation code> (--file <shifts.json> | --clear)
Makes a rotation shift-based: its residents' shifts are then rostered when a block is generated.
The file gives the shifts and limits, e.g.
  { "shifts": [ { "code": "EDD", "name": "ED day", "start": "07:00", "end": "19:00",
                  "cover": { "1": 1, "2": 1, "3": 1, "4": 1, "5": 1, "6": 1, "7": 1 } },
                { "code": "EDN", "name": "ED night", "start": "19:00", "end": "07:00",
                  "cover": { "1": 1, "2": 1, "3": 1, "4": 1, "5": 1, "6": 1, "7": 1 } } ],
    "minRestHours": 10, "maxConsecutiveShifts": 5, "minHoursPerWeek": 36,
    "maxHoursPerWeek": 60, "minWeekendsOff": 1 }
Each shift becomes an activity with those times (AM/PM split at noon). --clear works the rotation
from its weekly pattern again.`;

export const shiftsCommand: CommandBody = {
  name: 'shifts',
  usage,
  run: (argv: string[], io: CliIo) =>
    runCommand(
      argv,
      io,
      {
        usage,
        options: { file: { type: 'string' }, clear: { type: 'boolean' } },
        positionals: ['db', 'rotation code'],
      },
      async (values, [db, code]) => {
        if (!!values.file === !!values.clear) throw new CliUsageError('give either --file or --clear');
        let definition = null;
        if (typeof values.file === 'string') {
          let json: unknown;
          try {
            json = JSON.parse(fs.readFileSync(values.file, 'utf8'));
          } catch (err) {
            throw new Error(`Cannot read ${values.file}: ${(err as Error).message}`);
          }
          const parsed = shiftRotationDefinitionSchema.safeParse(json);
          if (!parsed.success)
            throw new Error(
              `${values.file} is not a shift definition: ` +
                `${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
            );
          definition = parsed.data;
        }
        const program = await openProgram(db);
        try {
          const { actor } = await signInTo(program, io, ['rotations.setShifts']);
          const rotation = (await listRotations(program)).find((r) => r.code === code);
          if (!rotation) throw new Error(`No rotation with code "${code}" in ${db}`);
          const result = await setRotationShifts(program, rotation.id, definition, actor);
          io.out(
            JSON.stringify(
              { rotation: result.rotation.code, shifts: result.rotation.shifts, activities: result.activities },
              null,
              2,
            ),
          );
        } finally {
          await program.close();
        }
      },
    ),
};
