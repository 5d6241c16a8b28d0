// Program-level reads and writes: the summary the app opens on, and the program settings.
import { sql } from 'kysely';
import { DateTime } from 'luxon';
import { academicYearEnd, academicYearLabel, academicYearOf, academicYearStart, blocksForYear } from '../domain/calendar';
import type { AcademicYearId, ProgramSettings } from '../domain/types';
import { readAcademicYears, readSettings, writeBlocks, writeSettings } from '../db/program-data';
import { audit } from './audit';
import { ServiceError } from './errors';
import type { Program } from './program';

export interface AcademicYearSummary {
  id: AcademicYearId;
  label: string;
  start: string;
  end: string;
}

export interface ProgramSummary {
  path: string;
  settings: ProgramSettings;
  academicYears: AcademicYearSummary[];
  currentAcademicYear: AcademicYearId;
  counts: {
    residents: number;
    faculty: number;
    others: number;
    activities: number;
    rotations: number;
    absences: number;
    assignments: number;
    calls: number;
  };
  schemaVersion: number;
}

export async function requireSettings(program: Program): Promise<ProgramSettings> {
  const settings = await readSettings(program.db);
  if (!settings) throw new ServiceError('not_found', `The program in ${program.path} has no settings yet (it was never initialised)`);
  return settings;
}

export function yearSummary(id: AcademicYearId): AcademicYearSummary {
  return { id, label: academicYearLabel(id), start: academicYearStart(id), end: academicYearEnd(id) };
}

/** The academic year containing `today`, else the latest one the program has. */
export function currentAcademicYear(years: AcademicYearId[], today = DateTime.now().toISODate()!): AcademicYearId {
  const containing = academicYearOf(today);
  if (years.length === 0 || years.includes(containing)) return containing;
  return years[years.length - 1];
}

async function count(program: Program, table: 'activities' | 'rotations' | 'absences' | 'assignments' | 'calls'): Promise<number> {
  const row = await program.db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return row.n;
}

export async function programSummary(program: Program, today?: string): Promise<ProgramSummary> {
  const settings = await requireSettings(program);
  const years = await readAcademicYears(program.db);
  const kinds = await program.db
    .selectFrom('people')
    .select(['kind', sql<number>`count(*)`.as('n')])
    .groupBy('kind')
    .execute();
  const byKind = (kind: string) => kinds.find((k) => k.kind === kind)?.n ?? 0;
  const [activities, rotations, absences, assignments, calls] = await Promise.all([
    count(program, 'activities'),
    count(program, 'rotations'),
    count(program, 'absences'),
    count(program, 'assignments'),
    count(program, 'calls'),
  ]);
  return {
    path: program.path,
    settings,
    academicYears: years.map(yearSummary),
    currentAcademicYear: currentAcademicYear(years, today),
    counts: {
      residents: byKind('resident'),
      faculty: byKind('faculty'),
      others: byKind('student') + byKind('intern'),
      activities,
      rotations,
      absences,
      assignments,
      calls,
    },
    schemaVersion: program.schemaVersion,
  };
}

/** Replaces the settings; a new block layout re-derives every year's blocks. */
export async function updateSettings(program: Program, settings: ProgramSettings, actor: string): Promise<ProgramSettings> {
  return program.db.transaction().execute(async (trx) => {
    const before = await readSettings(trx);
    if (!before) throw new ServiceError('not_found', `The program in ${program.path} has no settings yet (it was never initialised)`);
    if (JSON.stringify(before.blockLayout) !== JSON.stringify(settings.blockLayout)) {
      const years = await readAcademicYears(trx);
      // The annual plan refers to blocks by number: refuse a layout that drops planned blocks.
      for (const year of years) {
        const numbers = new Set(blocksForYear(year, settings.blockLayout).map((b) => b.number));
        const orphans = await trx
          .selectFrom('rotation_assignments')
          .select('block_number')
          .distinct()
          .where('academic_year', '=', year)
          .execute();
        const missing = orphans.map((o) => o.block_number).filter((n) => !numbers.has(n));
        if (missing.length > 0)
          throw new ServiceError(
            'rejected',
            `The new block layout has no block ${missing.join(', ')} in ${academicYearLabel(year)}, but the rotation plan uses ${missing.length === 1 ? 'it' : 'them'}`,
          );
      }
      await writeBlocks(trx, years, settings);
    }
    await writeSettings(trx, settings);
    await audit(trx, { actor, action: 'program.updateSettings', entity: 'program_settings', entityId: '1', before, after: settings });
    return settings;
  });
}
