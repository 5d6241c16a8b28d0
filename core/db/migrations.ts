// Versioned schema migrations, kept in code (a static provider: the app is bundled, so there is
// no migrations folder to read at run time). Schema version N = the first N migrations applied.
// To change the schema: add core/db/migrations/000N_name.ts and one line below; never edit an
// applied migration.
import type { Kysely } from 'kysely';
import type { Migration, MigrationProvider } from 'kysely/migration';
import * as m0001 from './migrations/0001_initial';
import * as m0002 from './migrations/0002_history_indexes';
import * as m0003 from './migrations/0003_drafts';
import * as m0004 from './migrations/0004_generation_runs';
import * as m0005 from './migrations/0005_draft_rotation_plan';
import * as m0006 from './migrations/0006_generation_year_scope';
import * as m0007 from './migrations/0007_block_halves';
import * as m0008 from './migrations/0008_duty';
import * as m0009 from './migrations/0009_accounts';
import * as m0010 from './migrations/0010_services';
import * as m0011 from './migrations/0011_contingency_runs';
import * as m0012 from './migrations/0012_shift_rotations';
import * as m0013 from './migrations/0013_swaps';
import * as m0014 from './migrations/0014_draft_incomplete';
import * as m0015 from './migrations/0015_absence_types_and_parts';
import * as m0016 from './migrations/0016_audit_chain';
import * as m0017 from './migrations/0017_reviews';
import * as m0018 from './migrations/0018_generation_ranges';
import * as m0019 from './migrations/0019_call_type_clock_change';
import * as m0020 from './migrations/0020_draft_saving';
import * as m0021 from './migrations/0021_generation_explanation_parts';
import * as m0022 from './migrations/0022_draft_saving_lease';
import * as m0023 from './migrations/0023_person_dates';
import * as m0024 from './migrations/0024_publication_records';

type MigrationModule = { up(db: Kysely<unknown>): Promise<void> };

const MIGRATIONS: [name: string, module: MigrationModule][] = [
  ['0001_initial', m0001],
  ['0002_history_indexes', m0002],
  ['0003_drafts', m0003],
  ['0004_generation_runs', m0004],
  ['0005_draft_rotation_plan', m0005],
  ['0006_generation_year_scope', m0006],
  ['0007_block_halves', m0007],
  ['0008_duty', m0008],
  ['0009_accounts', m0009],
  ['0010_services', m0010],
  ['0011_contingency_runs', m0011],
  ['0012_shift_rotations', m0012],
  ['0013_swaps', m0013],
  ['0014_draft_incomplete', m0014],
  ['0015_absence_types_and_parts', m0015],
  ['0016_audit_chain', m0016],
  ['0017_reviews', m0017],
  ['0018_generation_ranges', m0018],
  ['0019_call_type_clock_change', m0019],
  ['0020_draft_saving', m0020],
  ['0021_generation_explanation_parts', m0021],
  ['0022_draft_saving_lease', m0022],
  ['0023_person_dates', m0023],
  ['0024_publication_records', m0024],
];

export const MIGRATION_NAMES: readonly string[] = MIGRATIONS.map(([name]) => name);
/** Schema version of a database with every migration applied. */
export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;

/** Provider for kysely's Migrator, optionally stopping at `version` (used to build old databases in tests). */
export function migrationProvider(version = LATEST_SCHEMA_VERSION): MigrationProvider {
  if (!Number.isInteger(version) || version < 1 || version > LATEST_SCHEMA_VERSION)
    throw new RangeError(`Schema version must be 1 … ${LATEST_SCHEMA_VERSION}, got ${version}`);
  const migrations: Record<string, Migration> = {};
  for (const [name, module] of MIGRATIONS.slice(0, version)) migrations[name] = { up: (db) => module.up(db) };
  return { getMigrations: async () => migrations };
}

/** Schema version given the names of applied migrations (from kysely's migration table). */
export function versionOf(appliedNames: readonly string[]): number {
  let version = 0;
  for (const name of MIGRATION_NAMES) {
    if (!appliedNames.includes(name)) break;
    version++;
  }
  return version;
}
