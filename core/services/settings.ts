// Program-level reads and writes: the summary the app opens on, and the program settings.
import { sql, type Kysely, type Transaction } from 'kysely';
import { DateTime } from 'luxon';
import {
  academicYearEnd,
  academicYearLabel,
  academicYearOf,
  academicYearStart,
  blocksForYear,
} from '../domain/calendar';
import { blockLayoutIssues } from '../domain/block-layout';
import { defaultSettings } from '../domain/defaults';
import { planEntryIssue } from '../domain/plan-entries';
import { BUILT_IN_ABSENCE_TYPES, type AcademicYearId, type BlockPart, type ProgramSettings } from '../domain/types';
import { readAcademicYears, readSettings, writeBlocks, writeSettings } from '../db/program-data';
import type { Database } from '../db/schema';
import { ruleSettingsIssues } from '../rules/registry';
import { ruleNames } from '../rules/descriptions';
import { serviceIssues } from '../domain/services';
import { audit } from './audit';
import { ServiceError } from './errors';
import type { Program } from './program';
import { plural } from '../domain/words';

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
  /** Each rule's name by id, from the rule catalog (core/rules/descriptions ruleName): what every view shows. */
  ruleNames: Record<string, string>;
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

/**
 * The program's settings. A solver weight the program never set (one the app gained after the
 * program was made, e.g. publishedSlotChange) reads as its default, as the models read it
 * (program-view's weightOf): the Generate dialog's weights show it, and saving them keeps it.
 */
export async function requireSettings(program: Program): Promise<ProgramSettings> {
  const settings = await readSettings(program.db);
  if (!settings)
    throw new ServiceError(
      'not_found',
      `The program in ${program.path} has no settings yet (it was never initialised)`,
    );
  return { ...settings, solverWeights: { ...defaultSettings().solverWeights, ...settings.solverWeights } };
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

async function count(
  program: Program,
  table: 'activities' | 'rotations' | 'absences' | 'assignments' | 'calls',
): Promise<number> {
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
    ruleNames: ruleNames(settings.rules),
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

/** What the schema alone cannot check: rule parameters by rule type, thresholds in order. */
function settingsIssues(settings: ProgramSettings): { path: string; message: string }[] {
  const issues = [...ruleSettingsIssues(settings), ...serviceIssues(settings)];
  const { churn } = settings;
  if (churn.warnPersonPct > churn.rejectPersonPct)
    issues.push({ path: 'churn.warnPersonPct', message: `warn at or below the refusal (${churn.rejectPersonPct} %)` });
  return issues;
}

/**
 * Absence types the settings must keep: a program-defined type some absence still uses (removing
 * it would leave absences of no known type), and types the days-away rule counts.
 */
async function absenceTypeIssues(
  db: Kysely<Database> | Transaction<Database>,
  settings: ProgramSettings,
): Promise<{ path: string; message: string }[]> {
  const known = new Set<string>([...BUILT_IN_ABSENCE_TYPES, ...settings.absencePolicies.map((p) => p.type)]);
  const used = await db
    .selectFrom('absences')
    .select(['type', sql<number>`count(*)`.as('n')])
    .groupBy('type')
    .execute();
  const issues = used
    .filter((u) => !known.has(u.type))
    .map((u) => ({
      path: 'absencePolicies',
      message: `the absence type "${u.type}" is used by ${plural(u.n, 'absence')}; change them before removing it`,
    }));
  settings.rules.forEach((r, i) => {
    if (r.type !== 'days_away' || !Array.isArray(r.params.absenceTypes)) return;
    for (const t of r.params.absenceTypes)
      if (typeof t === 'string' && !known.has(t))
        issues.push({ path: `rules[${i}].params.absenceTypes`, message: `unknown absence type "${t}"` });
  });
  return issues;
}

/**
 * Changes the settings named in `changes` (the others stay as they are), in one audited
 * transaction; a new block layout re-derives every year's blocks. The compliance cache notices
 * the audit entry, so the next check of any schedule uses the new rules.
 */
export async function updateSettings(
  program: Program,
  changes: Partial<ProgramSettings>,
  actor: string,
): Promise<ProgramSettings> {
  return program.db.transaction().execute(async (trx) => {
    const before = await readSettings(trx);
    if (!before)
      throw new ServiceError(
        'not_found',
        `The program in ${program.path} has no settings yet (it was never initialised)`,
      );
    const settings: ProgramSettings = { ...before, ...changes };
    const issues = [...settingsIssues(settings), ...(await absenceTypeIssues(trx, settings))];
    if (issues.length > 0)
      throw new ServiceError(
        'invalid_input',
        `The settings were not saved: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
        issues,
      );
    if (JSON.stringify(before.blockLayout) !== JSON.stringify(settings.blockLayout)) {
      const years = await readAcademicYears(trx);
      const layoutIssues = blockLayoutIssues(settings.blockLayout, years);
      if (layoutIssues.length > 0)
        throw new ServiceError(
          'rejected',
          `The block calendar is not valid: ${layoutIssues.map((i) => i.message).join('; ')}`,
        );
      // The annual plan refers to blocks by number and part: refuse a calendar that leaves a
      // planned entry without its block or half.
      const plan = await trx
        .selectFrom('rotation_assignments')
        .select(['academic_year', 'block_number', 'part'])
        .distinct()
        .execute();
      const problems = new Set<string>();
      for (const entry of plan) {
        const issue = planEntryIssue(
          { academicYear: entry.academic_year, blockNumber: entry.block_number, part: entry.part as BlockPart },
          blocksForYear(entry.academic_year, settings.blockLayout),
        );
        if (issue) problems.add(issue.message);
      }
      if (problems.size > 0)
        throw new ServiceError(
          'rejected',
          `The new block calendar does not fit the rotation plan: ` +
            `${[...problems].slice(0, 5).join('; ')}${problems.size > 5 ? `; and ${problems.size - 5} more` : ''}. ` +
            `Change the plan first, or keep the calendar`,
        );
      await writeBlocks(trx, years, settings);
    }
    await writeSettings(trx, settings);
    await audit(trx, {
      actor,
      action: 'program.updateSettings',
      entity: 'program_settings',
      entityId: '1',
      before,
      after: settings,
    });
    return settings;
  });
}
