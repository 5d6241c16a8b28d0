// Initial schema: calendar, people, activities, rotations, the three schedule layers and the
// append-only audit log. Raw SQL because CHECK constraints and triggers read best as SQL.
import { sql, type Kysely } from 'kysely';

const bool = (column: string) => `${column} INTEGER NOT NULL CHECK (${column} IN (0, 1))`;
const isoDate = (column: string, nullable = false) =>
  `${column} TEXT ${nullable ? '' : 'NOT NULL'} CHECK (${column} IS NULL OR ${column} GLOB ` +
  `'[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')`;
const clock = (column: string) => `${column} TEXT CHECK (${column} IS NULL OR ${column} GLOB '[0-2][0-9]:[0-5][0-9]')`;
const source = `source TEXT NOT NULL CHECK (source IN ('preload', 'manual', 'solver', 'template'))`;

export const statements = [
  `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
  // Marks the file as ours (besides PRAGMA application_id, which a copy tool might drop).
  `INSERT INTO meta (key, value) VALUES ('application', 'residency-scheduler'),
    ('created_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`,
  `CREATE TABLE program_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    json TEXT NOT NULL CHECK (json_valid(json))
  )`,
  `CREATE TABLE academic_years (id INTEGER PRIMARY KEY CHECK (id BETWEEN 1990 AND 2200))`,
  `CREATE TABLE blocks (
    academic_year INTEGER NOT NULL REFERENCES academic_years(id) ON DELETE CASCADE,
    number INTEGER NOT NULL CHECK (number >= 0),
    ${isoDate('start')},
    ${isoDate('"end"')},
    ${isoDate('second_half_start')},
    PRIMARY KEY (academic_year, number),
    CHECK (start <= "end")
  )`,
  `CREATE TABLE holidays (
    ${isoDate('date')} PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(name) > 0),
    day_type TEXT NOT NULL CHECK (day_type IN ('federal_holiday', 'training_holiday', 'minimal_manning', 'closure'))
  )`,
  `CREATE TABLE people (
    id TEXT PRIMARY KEY CHECK (length(id) > 0),
    name TEXT NOT NULL CHECK (length(name) > 0),
    kind TEXT NOT NULL CHECK (kind IN ('resident', 'faculty', 'student', 'intern')),
    faculty_role TEXT CHECK (faculty_role IN ('pd', 'apd', 'oic', 'chief', 'sports_med', 'core', 'adjunct')),
    email TEXT,
    ${bool('active')},
    CHECK ((kind = 'faculty') = (faculty_role IS NOT NULL))
  )`,
  `CREATE TABLE person_pgy (
    person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    academic_year INTEGER NOT NULL REFERENCES academic_years(id),
    level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 8),
    PRIMARY KEY (person_id, academic_year)
  )`,
  `CREATE TABLE activities (
    code TEXT PRIMARY KEY CHECK (length(code) BETWEEN 1 AND 8),
    name TEXT NOT NULL,
    category TEXT NOT NULL CHECK (category IN ('clinical', 'educational', 'administrative', 'time_off')),
    ${bool('needs_supervision')},
    ${bool('provides_supervision')},
    ${bool('protected')},
    ${bool('counts_toward_duty_hours')},
    ${bool('counts_toward_clinic_capacity')},
    extra_supervision_units INTEGER NOT NULL DEFAULT 0 CHECK (extra_supervision_units >= 0),
    ${clock('am_start')}, ${clock('am_end')}, ${clock('pm_start')}, ${clock('pm_end')},
    color TEXT NOT NULL CHECK (color GLOB '#[0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F]'),
    location TEXT,
    CHECK ((am_start IS NULL) = (am_end IS NULL)),
    CHECK ((pm_start IS NULL) = (pm_end IS NULL))
  )`,
  `CREATE TABLE credentials (
    person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    activity_code TEXT NOT NULL REFERENCES activities(code),
    status TEXT NOT NULL CHECK (status IN ('active', 'provisional', 'suspended', 'expired')),
    ${isoDate('expires', true)},
    PRIMARY KEY (person_id, activity_code)
  )`,
  `CREATE TABLE certifications (
    id INTEGER PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('BLS', 'ACLS', 'PALS', 'ALSO', 'NRP')),
    ${isoDate('issued')},
    ${isoDate('expires')},
    CHECK (issued <= expires)
  )`,
  `CREATE INDEX certifications_by_person ON certifications(person_id)`,
  `CREATE TABLE rotations (
    id TEXT PRIMARY KEY CHECK (length(id) > 0),
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    setting TEXT NOT NULL CHECK (setting IN ('inpatient', 'outpatient', 'offsite')),
    ${bool('leave_eligible')},
    capacity INTEGER NOT NULL CHECK (capacity >= 0),
    ${bool('works_weekends')},
    ${bool('half_block')},
    pattern TEXT NOT NULL CHECK (json_valid(pattern) AND json_type(pattern) = 'array'),
    weekly_targets TEXT NOT NULL CHECK (json_valid(weekly_targets) AND json_type(weekly_targets) = 'object'),
    exempt_from TEXT NOT NULL CHECK (json_valid(exempt_from) AND json_type(exempt_from) = 'array'),
    color TEXT NOT NULL
  )`,
  `CREATE TABLE rotation_assignments (
    person_id TEXT NOT NULL REFERENCES people(id),
    academic_year INTEGER NOT NULL REFERENCES academic_years(id),
    block_number INTEGER NOT NULL CHECK (block_number >= 0),
    part TEXT NOT NULL CHECK (part IN ('full', 'first', 'second')),
    rotation_id TEXT NOT NULL REFERENCES rotations(id),
    PRIMARY KEY (person_id, academic_year, block_number, part)
  )`,
  `CREATE INDEX rotation_assignments_by_block ON rotation_assignments(academic_year, block_number)`,
  `CREATE TABLE absences (
    id TEXT PRIMARY KEY CHECK (length(id) > 0),
    person_id TEXT NOT NULL REFERENCES people(id),
    type TEXT NOT NULL CHECK (type IN ('vacation', 'conference', 'deployment', 'tdy', 'family_emergency',
      'bereavement', 'emergency_leave', 'convalescent', 'parental', 'medical', 'sick')),
    ${isoDate('start')},
    ${isoDate('"end"')},
    status TEXT NOT NULL CHECK (status IN ('requested', 'approved', 'denied')),
    note TEXT,
    CHECK (start <= "end")
  )`,
  `CREATE INDEX absences_by_person ON absences(person_id, start)`,
  `CREATE INDEX absences_by_date ON absences(start, "end")`,
  `CREATE TABLE assignments (
    person_id TEXT NOT NULL REFERENCES people(id),
    ${isoDate('date')},
    half TEXT NOT NULL CHECK (half IN ('AM', 'PM')),
    activity_code TEXT NOT NULL REFERENCES activities(code),
    ${source},
    ${bool('locked')},
    UNIQUE (person_id, date, half)
  )`,
  `CREATE INDEX assignments_by_date ON assignments(date)`,
  `CREATE TABLE call_types (
    code TEXT PRIMARY KEY CHECK (length(code) BETWEEN 1 AND 8),
    name TEXT NOT NULL,
    ${clock('start')} NOT NULL,
    ${clock('"end"')} NOT NULL,
    ${bool('in_house')},
    for_kind TEXT NOT NULL CHECK (for_kind IN ('faculty', 'resident')),
    ${bool('counts_toward_duty_hours')}
  )`,
  `CREATE TABLE calls (
    ${isoDate('date')},
    call_type_code TEXT NOT NULL REFERENCES call_types(code),
    person_id TEXT NOT NULL REFERENCES people(id),
    ${source},
    UNIQUE (date, call_type_code, person_id)
  )`,
  `CREATE TABLE inpatient_weeks (
    person_id TEXT NOT NULL REFERENCES people(id),
    ${isoDate('start')},
    ${isoDate('"end"')},
    PRIMARY KEY (person_id, start),
    CHECK (start <= "end")
  )`,
  `CREATE INDEX inpatient_weeks_by_date ON inpatient_weeks(start)`,
  `CREATE TABLE moonlighting (
    id TEXT PRIMARY KEY CHECK (length(id) > 0),
    person_id TEXT NOT NULL REFERENCES people(id),
    start TEXT NOT NULL,
    "end" TEXT NOT NULL,
    ${bool('internal')},
    CHECK (start <= "end")
  )`,
  `CREATE INDEX moonlighting_by_person ON moonlighting(person_id, start)`,
  `CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    before TEXT CHECK (before IS NULL OR json_valid(before)),
    after TEXT CHECK (after IS NULL OR json_valid(after))
  )`,
  // The audit log is append-only: history that can be edited is not history.
  `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: entries cannot be changed'); END`,
  `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: entries cannot be deleted'); END`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
