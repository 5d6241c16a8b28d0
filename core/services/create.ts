// Creating program files: a new file is built beside its final path and renamed into place, so
// a failure (or a crash) never leaves a half-written program behind.
import fs from 'node:fs';
import nodePath from 'node:path';
import { DateTime } from 'luxon';
import { academicYearOf } from '../domain/calendar';
import { defaultSettings } from '../domain/defaults';
import type { ProgramData } from '../domain/program';
import type { AcademicYearId } from '../domain/types';
import { standardActivities, standardCallTypes } from '../demo/catalog';
import { holidaysForYear } from '../demo/holidays';
import { removeDatabaseFiles } from '../db/open';
import { addAccounts, type AccountFields } from './accounts';
import { ServiceError } from './errors';
import { PASSWORD_COST, type PasswordCost } from './passwords';
import { openProgram, writeProgramData } from './program';

export interface CreateOptions {
  /** Replace an existing file (atomically) instead of refusing. */
  replace?: boolean;
  actor?: string;
  /**
   * Accounts the new program starts with (the demo's); without them its first run creates the
   * administrator. `cost`: their hashes' scrypt cost, default the app's PASSWORD_COST.
   */
  accounts?: { seeds: readonly AccountFields[]; password: string; cost?: PasswordCost };
}

export async function createProgramFile(
  dbPath: string,
  data: ProgramData,
  options: CreateOptions = {},
): Promise<string> {
  const target = nodePath.resolve(dbPath);
  if (!options.replace && fs.existsSync(target))
    throw new ServiceError('conflict', `${JSON.stringify(target)} already exists; choose a new file name`);
  if (!fs.existsSync(nodePath.dirname(target)))
    throw new ServiceError(
      'not_found',
      `Cannot create ${JSON.stringify(target)}: the folder ${JSON.stringify(nodePath.dirname(target))} does not exist`,
    );
  const temp = `${target}.new-${process.pid}`;
  removeDatabaseFiles(temp);
  try {
    const program = await openProgram(temp, { create: true });
    try {
      await writeProgramData(program, data, options.actor ?? 'system');
      if (options.accounts)
        await addAccounts(
          program,
          options.accounts.seeds,
          options.accounts.password,
          options.actor ?? 'system',
          options.accounts.cost ?? PASSWORD_COST,
        );
    } finally {
      // Closing checkpoints the WAL, so the renamed file is complete on its own.
      await program.close();
    }
    // Stale WAL files beside an old target would be replayed into the new file.
    for (const suffix of ['-wal', '-shm']) fs.rmSync(target + suffix, { force: true });
    fs.renameSync(temp, target);
    return target;
  } catch (err) {
    removeDatabaseFiles(temp);
    throw err;
  }
}

/** A new program: default settings, one academic year with its federal holidays, the standard catalog. */
export function emptyProgramData(options: { programName?: string; academicYear?: AcademicYearId } = {}): ProgramData {
  const year = options.academicYear ?? academicYearOf(DateTime.now().toISODate()!);
  return {
    settings: defaultSettings(options.programName),
    academicYears: [year],
    people: [],
    activities: standardActivities(),
    rotations: [],
    callTypes: standardCallTypes(),
    holidays: holidaysForYear(year),
    absences: [],
    rotationAssignments: [],
    assignments: [],
    calls: [],
    inpatientWeeks: [],
    moonlighting: [],
    callbacks: [],
  };
}
