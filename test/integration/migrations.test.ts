// One test per migration (0001 … the latest): a program file at the version before, holding a
// generated program and a hand-written row in every other table of that version (drafts, runs,
// accounts, swaps, reviews …), is upgraded by that one migration, then checked: every row is kept
// (the tables a migration rewrites on purpose are named, and have their own tests), the schema
// changed exactly as the migration says (tables, columns, indexes, triggers), and the
// constraints it adds refuse what they must. test/integration/schema-snapshot.test.ts holds the
// schema after all of them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Sqlite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, MIGRATION_NAMES } from '../../core/db/migrations';
import { encodePart } from '../../core/db/publication-records';
import { openDatabase } from '../../core/db/open';
import { generateProgram } from '../../core/demo/generate';
import type { ProgramData } from '../../core/domain/program';
import { programAtLatest, programAtSchema } from './old-schema';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migrations-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const data: ProgramData = generateProgram({
  seed: 5,
  academicYear: 2026,
  residentsPerPgy: [2, 2, 2],
  facultyCount: 8,
});
const resident = data.people.find((p) => p.kind === 'resident')!.id;
const [faculty1, faculty2] = data.people.filter((p) => p.kind === 'faculty').map((p) => p.id);
const callType = data.callTypes[0].code;
const activity = data.activities[0].code;
const rotation = data.rotations[0].id;
const AT = '2026-08-01T14:30:00.000Z';

/**
 * A realistic row for each table outside the program content (which the generated program fills),
 * parents first, with every column any version has: a version's file gets the columns it has.
 */
const OTHER_ROWS: [table: string, row: Record<string, unknown>][] = [
  [
    'moonlighting',
    { id: 'm-1', person_id: resident, start: '2026-08-08T18:00', end: '2026-08-09T06:00', internal: 1, approved: 1 },
  ],
  [
    'callbacks',
    {
      id: 'cb-1',
      person_id: resident,
      start: '2026-08-03T23:00',
      end: '2026-08-04T01:00',
      note: 'Called in for a delivery',
    },
  ],
  [
    'audit_log',
    {
      at: AT,
      actor: 'coordinator',
      action: 'absence.create',
      entity: 'absence',
      entity_id: 'a-1',
      before: null,
      after: '{"status":"approved"}',
    },
  ],
  [
    'audit_log',
    {
      at: AT,
      actor: 'coordinator',
      action: 'draft.create',
      entity: 'draft',
      entity_id: '1',
      before: null,
      after: '{"name":"Block 3 calls"}',
    },
  ],
  [
    'drafts',
    {
      id: 1,
      name: 'Block 3 calls',
      source: 'generation',
      note: null,
      status: 'open',
      created_by: 'coordinator',
      created_at: AT,
      updated_at: AT,
      revision: 2,
      base_publication_id: null,
      validated_at: null,
      validated_revision: null,
      validation: null,
      publication_id: null,
      incomplete: null,
    },
  ],
  [
    'drafts',
    {
      id: 2,
      name: 'Swap of 3 Aug',
      source: 'swap',
      note: 'approved by the PD',
      status: 'published',
      created_by: 'coordinator',
      created_at: AT,
      updated_at: AT,
      revision: 1,
      base_publication_id: null,
      validated_at: AT,
      validated_revision: 1,
      validation: '{"findings":[]}',
      publication_id: 1,
      incomplete: null,
    },
  ],
  [
    'draft_assignment_changes',
    {
      draft_id: 1,
      person_id: resident,
      date: '2026-08-04',
      half: 'AM',
      activity_code: activity,
      source: 'manual',
      locked: 1,
    },
  ],
  [
    'draft_call_changes',
    { draft_id: 1, date: '2026-08-03', call_type_code: callType, person_id: resident, assigned: 1, source: 'solver' },
  ],
  [
    'draft_inpatient_week_changes',
    { draft_id: 1, person_id: faculty1, start: '2026-08-03', end: '2026-08-09', assigned: 1 },
  ],
  [
    'draft_rotation_changes',
    { draft_id: 1, person_id: resident, academic_year: 2026, block_number: 3, part: 'full', rotation_id: rotation },
  ],
  [
    'publications',
    {
      id: 1,
      draft_id: 2,
      published_at: AT,
      published_by: 'coordinator',
      summary: '{"changes":1}',
      rolled_back_at: null,
      rolled_back_by: null,
      rollback_reason: null,
    },
  ],
  [
    'publication_rows',
    { publication_id: 1, seq: 1, table_name: 'calls', before: null, after: '{"date":"2026-08-03"}' },
  ],
  [
    'publication_records',
    {
      publication_id: 1,
      seq: 1,
      table_name: 'calls',
      row_count: 1,
      rows: await encodePart([{ before: null, after: { date: '2026-08-03' } }]),
    },
  ],
  [
    'finding_acknowledgements',
    {
      finding_id: 'duty_80h:r1:2026-08-03',
      draft_id: 1,
      reason_code: 'accepted',
      reason: 'Covered by the program director',
      actor: 'coordinator',
      at: AT,
      finding: '{"severity":"high"}',
    },
  ],
  [
    'generation_runs',
    {
      id: 1,
      draft_id: 1,
      scope: 'calls',
      academic_year: 2026,
      block_number: 3,
      from_block: null,
      to_block: null,
      backend: 'highs',
      time_limit_sec: 60,
      status: 'succeeded',
      optimal: 1,
      stopped_by: null,
      message: 'Generated block 3 calls',
      actor: 'coordinator',
      started_at: AT,
      finished_at: AT,
      figures: '{"objective":12}',
      diagnosis: null,
      hard_findings: '[]',
      findings_count: 0,
      explanations: '{}',
      plan: null,
      options: '{}',
      unsolved_blocks: '[]',
    },
  ],
  ['generation_explanation_parts', { draft_id: 1, part: 0, explanations: '[{"key":"call:2026-08-03:OC"}]' }],
  [
    'accounts',
    {
      id: 1,
      username: 'coordinator',
      display_name: 'Pat Coordinator',
      role: 'coordinator',
      person_id: null,
      password_hash: 'scrypt$16384$8$1$c2FsdA$aGFzaA',
      failed_sign_ins: 1,
      locked_until: null,
      disabled: 0,
      must_change_password: 0,
      created_at: AT,
      last_sign_in_at: AT,
    },
  ],
  [
    'contingency_runs',
    {
      id: 1,
      kind: 'sweep',
      actor: 'coordinator',
      started_at: AT,
      finished_at: AT,
      schedule_version: 2,
      complete: 1,
      params: '{"depth":1}',
      result: '{"uncovered":[]}',
      weeks: '[]',
    },
  ],
  [
    'swaps',
    {
      id: 1,
      kind: 'absorb',
      item_kind: 'call',
      requester_id: faculty1,
      item: `{"date":"2026-08-03","callTypeCode":"${callType}"}`,
      counterpart_id: faculty2,
      counter_item: null,
      status: 'pending',
      reason: 'Conference',
      needs_program_director: 0,
      plan: '[]',
      score: '{"total":3}',
      findings: '[]',
      requested_by: 'coordinator',
      requested_at: AT,
      updated_at: AT,
    },
  ],
  ['swap_approvals', { swap_id: 1, role: 'coordinator', approved_by: 'coordinator', approved_at: AT, note: null }],
  [
    'review_exports',
    {
      hash: 'a'.repeat(64),
      draft_id: 1,
      draft_revision: 2,
      exported_at: AT,
      exported_by: 'coordinator',
      entries: Buffer.from('entries'),
    },
  ],
  [
    'review_responses',
    {
      id: 1,
      hash: 'b'.repeat(64),
      review_hash: 'a'.repeat(64),
      draft_id: 1,
      draft_revision: 2,
      decision: 'request_changes',
      reviewer: 'Dr. Program Director',
      reason: 'Week 2 is heavy',
      responded_at: AT,
      signer_key: 'key',
      imported_at: AT,
      imported_by: 'coordinator',
    },
  ],
  [
    'review_comments',
    {
      id: 1,
      response_id: 1,
      draft_id: 1,
      anchor: '{"date":"2026-08-04"}',
      text: 'Check week 2',
      author: 'Dr. Program Director',
      at: AT,
      resolved_at: null,
      resolved_by: null,
    },
  ],
];

const columnsOf = (db: Sqlite.Database, table: string) =>
  (db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name);

function addOtherRows(db: Sqlite.Database): void {
  for (const [table, row] of OTHER_ROWS) {
    const columns = columnsOf(db, table).filter((c) => c in row);
    if (!columns.length) continue;
    db.prepare(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`)}) VALUES (${columns.map(() => '?')})`).run(
      ...columns.map((c) => row[c]),
    );
  }
}

type SchemaObject = { type: string; name: string; sql: string };
function schemaOf(db: Sqlite.Database): Map<string, SchemaObject> {
  const rows = db
    .prepare(
      "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' AND name NOT " +
        "LIKE 'kysely_%'",
    )
    .all() as SchemaObject[];
  return new Map(rows.map((r) => [`${r.type} ${r.name}`, r]));
}

/** What a migration changed: objects added and removed, tables whose definition changed and their new columns. */
function schemaChange(before: Map<string, SchemaObject>, columnsBefore: Map<string, string[]>, db: Sqlite.Database) {
  const after = schemaOf(db);
  const added = [...after.keys()].filter((k) => !before.has(k)).sort();
  const removed = [...before.keys()].filter((k) => !after.has(k)).sort();
  const changed: Record<string, string[]> = {};
  for (const [key, object] of after) {
    const old = before.get(key);
    if (!old || old.sql === object.sql || object.type !== 'table') continue;
    const oldColumns = new Set(columnsBefore.get(object.name));
    changed[object.name] = columnsOf(db, object.name).filter((c) => !oldColumns.has(c));
  }
  return { added, removed, changed };
}

/** Every row of every table, as sorted JSON, projected on the columns the table had before. */
function rowsOf(db: Sqlite.Database, columns: Map<string, string[]>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [table, cols] of columns) {
    if (!columnsOf(db, table).length) continue;
    const rows = db.prepare(`SELECT ${cols.map((c) => `"${c}"`)} FROM "${table}"`).all() as Record<string, unknown>[];
    out.set(table, rows.map((r) => JSON.stringify(r, (_k, v) => (Buffer.isBuffer(v) ? v.toString('hex') : v))).sort());
  }
  return out;
}

function tableColumns(db: Sqlite.Database): Map<string, string[]> {
  const tables = db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'kysely_%'",
    )
    .all() as { name: string }[];
  return new Map(tables.map((t) => [t.name, columnsOf(db, t.name)]));
}

/** Runs `statement` and expects SQLite to refuse it; nothing is written. */
const refuses = (db: Sqlite.Database, statement: string, why: RegExp = /constraint failed/) =>
  expect(() => db.prepare(statement).run()).toThrow(why);
/** Runs `statement` inside a savepoint that is rolled back: it must be accepted. */
function accepts(db: Sqlite.Database, statement: string): void {
  db.exec('SAVEPOINT probe');
  try {
    db.prepare(statement).run();
  } finally {
    db.exec('ROLLBACK TO probe; RELEASE probe');
  }
}

interface MigrationCase {
  /** Schema objects the migration adds ("table x", "index y", "trigger z"). */
  adds: string[];
  /** Schema objects the migration drops ("table x"), what replaced them named in `adds`. */
  removes?: string[];
  /** Tables whose definition changes (altered or rebuilt), with the columns they gain. */
  changes?: Record<string, string[]>;
  /** Tables whose existing rows the migration rewrites on purpose, with where that is tested. */
  rewrites?: Record<string, string>;
  /** Tables that gain rows (their earlier rows are all kept). */
  addsRows?: string[];
  /** The constraints it adds, and what it wrote. */
  check?: (db: Sqlite.Database) => void;
}

const SETTINGS_UPGRADE = 'the settings JSON takes the new form (program-upgrade tests, absence-migration)';

const CASES: Record<string, MigrationCase> = {
  '0001_initial': {
    adds: [
      'table meta',
      'table program_settings',
      'table academic_years',
      'table blocks',
      'table holidays',
      'table people',
      'table person_pgy',
      'table activities',
      'table credentials',
      'table certifications',
      'index certifications_by_person',
      'table rotations',
      'table rotation_assignments',
      'index rotation_assignments_by_block',
      'table absences',
      'index absences_by_person',
      'index absences_by_date',
      'table assignments',
      'index assignments_by_date',
      'table call_types',
      'table calls',
      'table inpatient_weeks',
      'index inpatient_weeks_by_date',
      'table moonlighting',
      'index moonlighting_by_person',
      'table audit_log',
      'trigger audit_log_no_update',
      'trigger audit_log_no_delete',
    ],
    addsRows: ['meta'],
    check: (db) => {
      expect(db.prepare("SELECT value FROM meta WHERE key = 'application'").pluck().get()).toBe('residency-scheduler');
      refuses(db, "INSERT INTO people (id, name, kind, faculty_role, active) VALUES ('x', 'X', 'faculty', NULL, 1)");
      refuses(db, "INSERT INTO blocks VALUES (2026, 1, '2026-07-10', '2026-07-01', '2026-07-05')", /FOREIGN KEY|CHECK/);
      db.prepare("INSERT INTO audit_log (at, actor, action, entity, entity_id) VALUES ('t', 'a', 'x', 'e', '1')").run();
      refuses(db, "UPDATE audit_log SET actor = 'someone else'", /append-only/);
      refuses(db, 'DELETE FROM audit_log', /append-only/);
    },
  },
  '0002_history_indexes': {
    adds: ['index calls_by_person', 'index calls_by_date', 'index audit_log_by_entity'],
  },
  '0003_drafts': {
    adds: [
      'table drafts',
      'index drafts_by_status',
      'table draft_assignment_changes',
      'index draft_assignment_changes_by_date',
      'table draft_call_changes',
      'table draft_inpatient_week_changes',
      'table publications',
      'table publication_rows',
      'table finding_acknowledgements',
      'index finding_acknowledgements_by_finding',
    ],
    check: (db) => {
      refuses(
        db,
        `INSERT INTO drafts (name, source, status, created_by, created_at, updated_at) VALUES ('d', 'email', ` +
          `'open', 'a', 't', 't')`,
      );
      refuses(db, `INSERT INTO draft_call_changes VALUES (1, '2026-08-05', '${callType}', '${resident}', 1, NULL)`);
    },
  },
  '0004_generation_runs': {
    adds: ['table generation_runs', 'index generation_runs_by_draft'],
    check: (db) =>
      refuses(
        db,
        `INSERT INTO generation_runs (scope, academic_year, backend, time_limit_sec, status, optimal, message, ` +
          `actor, started_at, finished_at, figures, hard_findings, findings_count, explanations) VALUES ('year', ` +
          `2026, 'highs', 60, 'succeeded', 1, 'm', 'a', 't', 't', '{}', '[]', 0, '{}')`,
      ),
  },
  '0005_draft_rotation_plan': {
    adds: ['table draft_rotation_changes'],
    // Rebuilt to let publications record rotation_assignments rows.
    changes: { publication_rows: [] },
    check: (db) => {
      accepts(db, `INSERT INTO publication_rows VALUES (1, 2, 'rotation_assignments', NULL, '{}')`);
      refuses(db, `INSERT INTO publication_rows VALUES (1, 3, 'people', NULL, '{}')`);
    },
  },
  '0006_generation_year_scope': {
    changes: { generation_runs: ['from_block'] },
    adds: [],
    check: (db) => {
      const run =
        `(scope, from_block, academic_year, backend, time_limit_sec, status, optimal, message, actor, ` +
        `started_at, finished_at, figures, hard_findings, findings_count, explanations)`;
      accepts(
        db,
        `INSERT INTO generation_runs ${run} VALUES ('year', 2, 2026, 'highs', 60, 'succeeded', 1, 'm', 'a', 't', ` +
          `'t', '{}', '[]', 0, '{}')`,
      );
      refuses(
        db,
        `INSERT INTO generation_runs ${run} VALUES ('block', 2, 2026, 'highs', 60, 'succeeded', 1, 'm', 'a', 't', ` +
          `'t', '{}', '[]', 0, '{}')`,
      );
    },
  },
  '0007_block_halves': {
    adds: [],
    rewrites: {
      blocks: 'short blocks lose their halves (block-halves-migration.test.ts)',
      rotation_assignments: 'half-block entries of blocks without halves become whole (block-halves-migration.test.ts)',
      draft_rotation_changes: 'the same in drafts (block-halves-migration.test.ts)',
    },
    check: (db) =>
      expect(
        db
          .prepare(
            `SELECT count(*) FROM blocks WHERE julianday("end") - julianday(start) + 1 < 21 AND second_half_start ` +
              `<> start`,
          )
          .pluck()
          .get(),
      ).toBe(0),
  },
  '0008_duty': {
    adds: ['table callbacks', 'index callbacks_by_person'],
    changes: { activities: ['patient_care'], moonlighting: ['approved'] },
    rewrites: { program_settings: 'the moonlighting rules join the settings (program-upgrade tests)' },
    check: (db) => {
      expect(
        db.prepare(`SELECT count(*) FROM activities WHERE patient_care <> (category = 'clinical')`).pluck().get(),
      ).toBe(0);
      expect(db.prepare('SELECT count(*) FROM moonlighting WHERE approved <> 1').pluck().get()).toBe(0);
      refuses(db, `INSERT INTO callbacks VALUES ('c1', '${resident}', '2026-08-03T22:00', '2026-08-03T21:00', NULL)`);
    },
  },
  '0009_accounts': {
    adds: ['table accounts'],
    check: (db) => {
      const account = (username: string, role: string, person: string | null, hash = 'scrypt$x') =>
        `INSERT INTO accounts (username, display_name, role, person_id, password_hash, created_at) VALUES ` +
        `('${username}', 'N', '${role}', ${person ? `'${person}'` : 'NULL'}, '${hash}', 't')`;
      accepts(db, account('pd', 'program_director', null));
      refuses(db, account('res', 'resident', null));
      refuses(db, account('plain', 'coordinator', null, 'password'));
      db.prepare(account('pat', 'coordinator', null)).run();
      refuses(db, account('PAT', 'coordinator', null), /UNIQUE/);
    },
  },
  '0010_services': {
    adds: [],
    rewrites: { program_settings: 'team rules become services (program-upgrade tests)' },
    check: (db) => {
      const settings = JSON.parse(db.prepare('SELECT json FROM program_settings').pluck().get() as string);
      expect(Array.isArray(settings.services)).toBe(true);
    },
  },
  '0011_contingency_runs': {
    adds: ['table contingency_runs', 'index contingency_runs_by_kind'],
    check: (db) =>
      refuses(
        db,
        `INSERT INTO contingency_runs (kind, actor, started_at, finished_at, schedule_version, complete, params, ` +
          `result) VALUES ('n3', 'a', 't', 't', 1, 1, '{}', '{}')`,
      ),
  },
  '0012_shift_rotations': {
    adds: [],
    changes: { rotations: ['shifts'] },
    rewrites: { program_settings: 'the shift rules join the settings (shift-rotations-migration.test.ts)' },
    check: (db) => {
      expect(db.prepare('SELECT count(*) FROM rotations WHERE shifts IS NOT NULL').pluck().get()).toBe(0);
      refuses(db, `UPDATE rotations SET shifts = '[1]' WHERE id = '${rotation}'`);
    },
  },
  '0013_swaps': {
    adds: ['table swaps', 'index swaps_by_status', 'table swap_approvals'],
    check: (db) =>
      refuses(
        db,
        `INSERT INTO swaps (kind, item_kind, requester_id, item, counterpart_id, status, reason, ` +
          `needs_program_director, plan, score, findings, requested_by, requested_at, updated_at) VALUES ('absorb', ` +
          `'call', '${faculty1}', '{}', '${faculty1}', 'pending', 'r', 0, '[]', '{}', '[]', 'a', 't', 't')`,
      ),
  },
  '0014_draft_incomplete': {
    adds: [],
    changes: { drafts: ['incomplete'] },
    check: (db) => {
      expect(db.prepare('SELECT count(*) FROM drafts WHERE incomplete IS NOT NULL').pluck().get()).toBe(0);
      refuses(db, `UPDATE drafts SET incomplete = 'calls only' WHERE id = 1`);
    },
  },
  '0015_absence_types_and_parts': {
    adds: [],
    changes: { absences: ['part', 'start_time', 'end_time'] },
    rewrites: { program_settings: SETTINGS_UPGRADE },
    check: (db) => {
      expect(db.prepare(`SELECT count(*) FROM absences WHERE part <> 'day'`).pluck().get()).toBe(0);
      const absence = (id: string, type: string, part: string, times: string) =>
        `INSERT INTO absences (id, person_id, type, start, "end", part, start_time, end_time, status) VALUES ` +
        `('${id}', '${resident}', '${type}', '2026-09-01', '2026-09-01', '${part}', ${times}, 'approved')`;
      accepts(db, absence('t1', 'jury_duty', 'time', `'09:00', '11:00'`));
      refuses(db, absence('t2', 'vacation', 'time', 'NULL, NULL'));
      refuses(db, absence('t3', 'vacation', 'time', `'11:00', '09:00'`));
    },
  },
  '0016_audit_chain': {
    adds: [
      'table audit_chain',
      'table audit_head',
      'trigger audit_log_seal',
      'trigger audit_chain_no_update',
      'trigger audit_chain_no_delete',
    ],
    check: (db) => {
      // Entries written before are sealed, in order; the chain is append-only.
      expect(db.prepare('SELECT count(*) FROM audit_chain').pluck().get()).toBe(
        db.prepare('SELECT count(*) FROM audit_log').pluck().get(),
      );
      refuses(db, "UPDATE audit_chain SET mac = 'forged'", /append-only/);
      refuses(db, 'DELETE FROM audit_chain', /append-only/);
    },
  },
  '0017_reviews': {
    adds: [
      'table review_exports',
      'index review_exports_by_draft',
      'table review_responses',
      'index review_responses_by_draft',
      'table review_comments',
      'index review_comments_by_draft',
    ],
    addsRows: ['meta'],
    check: (db) => {
      expect(db.prepare(`SELECT value FROM meta WHERE key = 'review_private_key'`).pluck().get()).toMatch(
        /PRIVATE KEY/,
      );
      refuses(db, `INSERT INTO review_exports VALUES ('short', 1, 1, 't', 'a', x'00')`);
    },
  },
  '0018_generation_ranges': {
    adds: [],
    changes: { generation_runs: ['to_block', 'options', 'unsolved_blocks'] },
    check: (db) => {
      expect(db.prepare(`SELECT options || unsolved_blocks FROM generation_runs WHERE id = 1`).pluck().get()).toBe(
        '{}[]',
      );
      const run =
        `(scope, block_number, from_block, to_block, academic_year, backend, time_limit_sec, status, ` +
        `optimal, message, actor, started_at, finished_at, figures, hard_findings, findings_count, explanations)`;
      accepts(
        db,
        `INSERT INTO generation_runs ${run} VALUES ('calls', NULL, 2, 4, 2026, 'highs', 60, 'succeeded', 1, 'm', ` +
          `'a', 't', 't', '{}', '[]', 0, '{}')`,
      );
      refuses(
        db,
        `INSERT INTO generation_runs ${run} VALUES ('calls', NULL, 4, 2, 2026, 'highs', 60, 'succeeded', 1, 'm', ` +
          `'a', 't', 't', '{}', '[]', 0, '{}')`,
      );
    },
  },
  '0019_call_type_clock_change': {
    adds: [],
    changes: { call_types: ['clock_change'] },
    check: (db) => {
      expect(db.prepare(`SELECT DISTINCT clock_change FROM call_types`).pluck().all()).toEqual(['scheduled_hours']);
      refuses(db, `UPDATE call_types SET clock_change = 'longer'`);
    },
  },
  '0020_draft_saving': {
    adds: [],
    changes: { drafts: ['saving'] },
    check: (db) => {
      // Every draft of the older file is complete.
      expect(db.prepare(`SELECT DISTINCT saving FROM drafts`).pluck().all()).toEqual([0]);
      refuses(db, `UPDATE drafts SET saving = 2`);
    },
  },
  '0021_generation_explanation_parts': {
    adds: ['table generation_explanation_parts'],
    check: (db) => {
      accepts(db, `INSERT INTO generation_explanation_parts VALUES (1, 1, '[]')`);
      // A part is a slice of the run's explanations: a JSON array, once per draft and part.
      refuses(db, `INSERT INTO generation_explanation_parts VALUES (1, 2, '{}')`);
      refuses(db, `INSERT INTO generation_explanation_parts VALUES (1, 3, '[')`);
      refuses(db, `INSERT INTO generation_explanation_parts VALUES (1, -1, '[]')`);
      refuses(db, `INSERT INTO generation_explanation_parts VALUES (999, 0, '[]')`);
      // Removed with their draft.
      db.exec('SAVEPOINT probe');
      try {
        const id = db
          .prepare(
            `INSERT INTO drafts (name, source, status, created_by, created_at, updated_at) VALUES ('d', ` +
              `'generation', 'open', 'a', 't', 't')`,
          )
          .run().lastInsertRowid;
        db.prepare(`INSERT INTO generation_explanation_parts VALUES (?, 0, '[]')`).run(id);
        expect(() => db.prepare(`INSERT INTO generation_explanation_parts VALUES (?, 0, '[]')`).run(id)).toThrow(
          /UNIQUE/,
        );
        db.prepare(`DELETE FROM drafts WHERE id = ?`).run(id);
        expect(db.prepare(`SELECT count(*) FROM generation_explanation_parts WHERE draft_id = ?`).pluck().get(id)).toBe(
          0,
        );
      } finally {
        db.exec('ROLLBACK TO probe; RELEASE probe');
      }
    },
  },
  '0022_draft_saving_lease': {
    adds: [],
    changes: { drafts: ['saving_until'] },
    check: (db) => {
      // No draft of the older file holds a lease: none is being saved.
      expect(db.prepare(`SELECT DISTINCT saving_until FROM drafts`).pluck().all()).toEqual([null]);
    },
  },
  '0023_person_dates': {
    adds: [],
    changes: { people: ['start_date', 'end_date'] },
    check: (db) => {
      // Nobody had dates: everyone is in the program on every day, as before.
      expect(db.prepare(`SELECT DISTINCT start_date || '|' || end_date FROM people`).pluck().all()).toEqual([null]);
      const id = db.prepare(`SELECT id FROM people LIMIT 1`).pluck().get();
      accepts(db, `UPDATE people SET start_date = '2026-08-12', end_date = '2027-01-08' WHERE id = '${id}'`);
      accepts(db, `UPDATE people SET start_date = NULL, end_date = '2027-01-08' WHERE id = '${id}'`);
      // A last day before the first, or text that is no date, is refused.
      refuses(db, `UPDATE people SET start_date = '2027-01-09', end_date = '2027-01-08' WHERE id = '${id}'`);
      refuses(db, `UPDATE people SET start_date = '2026-02-30' WHERE id = '${id}'`);
    },
  },
  '0024_publication_records': {
    adds: ['table publication_records'],
    // Its rows become parts of publication_records (publication-records-migration.test.ts: converted exactly).
    removes: ['table publication_rows'],
    check: (db) => {
      expect(db.prepare(`SELECT publication_id, seq, table_name, row_count FROM publication_records`).all()).toEqual([
        { publication_id: 1, seq: 1, table_name: 'calls', row_count: 1 },
      ]);
      accepts(db, `INSERT INTO publication_records VALUES (1, 2, 'rotation_assignments', 1, x'00')`);
      refuses(db, `INSERT INTO publication_records VALUES (1, 3, 'people', 1, x'00')`);
      refuses(db, `INSERT INTO publication_records VALUES (1, 4, 'calls', 0, x'00')`);
      refuses(db, `INSERT INTO publication_records VALUES (1, -1, 'calls', 1, x'00')`);
    },
  },
};

describe('every migration, one at a time', () => {
  // The generated program at the latest schema, written once: each older version copies from it.
  let latest: string;
  beforeAll(async () => {
    latest = await programAtLatest(path.join(dir, 'latest.sqlite'), data);
  });

  it('has a case here for each migration (a new migration needs one)', () => {
    expect(Object.keys(CASES)).toEqual(MIGRATION_NAMES);
  });

  for (const [index, name] of MIGRATION_NAMES.entries()) {
    const version = index + 1;
    it(`${name}: rows kept, schema changed as it says, its constraints hold`, async () => {
      const expected = CASES[name];
      const file = path.join(dir, `v${version - 1}-to-v${version}.sqlite`);
      let schemaBefore = new Map<string, SchemaObject>();
      let columnsBefore = new Map<string, string[]>();
      let rowsBefore = new Map<string, string[]>();
      if (version > 1) {
        const old = await programAtSchema(file, version - 1, latest);
        addOtherRows(old.sqlite);
        schemaBefore = schemaOf(old.sqlite);
        columnsBefore = tableColumns(old.sqlite);
        rowsBefore = rowsOf(old.sqlite, columnsBefore);
        await old.db.destroy();
      }

      const upgraded = await openDatabase(file, { create: version === 1, schemaVersion: version });
      try {
        expect(upgraded.schemaVersion).toBe(version);
        const db = upgraded.sqlite;
        const change = schemaChange(schemaBefore, columnsBefore, db);
        expect(change.removed).toEqual([...(expected.removes ?? [])].sort());
        expect(change.added).toEqual([...expected.adds].sort());
        expect(change.changed).toEqual(expected.changes ?? {});

        const rowsAfter = rowsOf(db, columnsBefore);
        for (const [table, before] of rowsBefore) {
          if (expected.rewrites?.[table] || expected.removes?.includes(`table ${table}`)) continue;
          const after = rowsAfter.get(table);
          if (expected.addsRows?.includes(table)) expect(after, table).toEqual(expect.arrayContaining(before));
          else expect(after, table).toEqual(before);
        }
        if (version > 1) {
          // The fixture is realistic: every table the older version had holds rows.
          const empty = [...rowsBefore].filter(([, rows]) => rows.length === 0).map(([table]) => table);
          expect(empty, 'tables without rows').toEqual([]);
        }
        expected.check?.(db);
      } finally {
        await upgraded.db.destroy();
      }
    });
  }

  it('ends at the latest schema version', () => {
    expect(MIGRATION_NAMES).toHaveLength(LATEST_SCHEMA_VERSION);
  });
});
