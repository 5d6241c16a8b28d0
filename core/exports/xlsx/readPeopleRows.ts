// Reading a coordinator's list of people (an .xlsx sheet or a .csv file): one person per row under
// a header row naming its columns (name, kind, PGY, faculty role, e-mail, active, first and last day
// in the program), in any order and
// with the usual words for them. Every problem is said by sheet and cell with a suggestion. Pure:
// the caller adds the people (core/services/people-import.ts) through the same check as by hand.
import type ExcelJS from 'exceljs';
import { z } from 'zod';
import { personName } from '../../domain/schemas';
import { programDatesIssue } from '../../domain/program-dates';
import { FACULTY_ROLE_NAMES, FACULTY_ROLES, type FacultyRole, type IsoDate, type PersonKind } from '../../domain/types';
import { dateOfCell } from './layout';
import { colName, findHeaderRow, headerKey, noHeaderRow, worksheetOf } from './listSheet';
import { cellText } from './cellText';
import { closest, type SheetPlace, type SheetProblem } from './readBlockSheets';

export interface ReadPerson {
  name: string;
  kind: PersonKind;
  facultyRole: FacultyRole | null;
  pgy: number | null;
  email: string | null;
  active: boolean;
  /** First and last day in the program (core/domain/program-dates); null: open. */
  startDate: IsoDate | null;
  endDate: IsoDate | null;
  at: SheetPlace;
}

export interface PeopleReading {
  sheet: string;
  rows: ReadPerson[];
  problems: SheetProblem[];
}

type Column = 'name' | 'kind' | 'pgy' | 'role' | 'email' | 'active' | 'start' | 'end';

/** The words a header may use for each column (compared without case, spaces or punctuation). */
const HEADERS: Record<Column, string[]> = {
  name: ['name', 'fullname', 'person', 'resident'],
  kind: ['kind', 'type', 'category', 'persontype'],
  pgy: ['pgy', 'pgylevel', 'level', 'year', 'trainingyear', 'class'],
  role: ['role', 'facultyrole', 'position', 'title'],
  email: ['email', 'mail', 'emailaddress'],
  active: ['active', 'status'],
  start: ['startdate', 'start', 'firstday', 'firstdayinprogram', 'joined', 'arrival', 'arrived'],
  end: ['enddate', 'end', 'lastday', 'lastdayinprogram', 'leaves', 'left', 'departure', 'separation'],
};

const KINDS: Record<string, PersonKind> = {
  resident: 'resident',
  residents: 'resident',
  res: 'resident',
  faculty: 'faculty',
  attending: 'faculty',
  staff: 'faculty',
  student: 'student',
  medstudent: 'student',
  medicalstudent: 'student',
  ms: 'student',
  intern: 'intern',
  rotator: 'intern',
  rotatingintern: 'intern',
};
const ROLE_WORDS: Record<FacultyRole, string[]> = {
  pd: ['pd', 'programdirector', 'director'],
  apd: ['apd', 'associatepd', 'associateprogramdirector', 'assistantprogramdirector'],
  oic: ['oic', 'officerincharge'],
  chief: ['chief', 'departmentchief', 'chiefofservice'],
  sports_med: ['sportsmed', 'sportsmedicine', 'sm'],
  core: ['core', 'corefaculty'],
  adjunct: ['adjunct', 'adjunctfaculty'],
};
/** The roles as the People view names them (each is one of ROLE_WORDS once its spaces go). */
const ROLE_NAMES = Object.values(FACULTY_ROLE_NAMES);
const ROLES = new Map<string, FacultyRole>(
  FACULTY_ROLES.flatMap((role) => ROLE_WORDS[role].map((w) => [w, role] as const)),
);
const ACTIVE: Record<string, boolean> = { yes: true, y: true, true: true, active: true, '1': true, x: true };
const INACTIVE: Record<string, boolean> = { no: true, n: true, false: true, inactive: true, '0': true, left: true };
const email = z.string().email();

export async function readPeopleRows(bytes: Uint8Array, kind: 'xlsx' | 'csv'): Promise<PeopleReading> {
  const sheets = await worksheetOf(bytes, kind);
  const header = findHeaderRow(
    sheets,
    HEADERS,
    (cols) => cols.has('name') && (cols.has('kind') || cols.has('pgy') || cols.has('role')),
  );
  if (header) return readRows(header.sheet, header.row, header.cols);
  return noHeaderRow(
    kind,
    sheets,
    'no header row naming the columns: give a row with Name, Kind (or PGY / Role) and, as needed, E-mail, Active',
  );
}

function readRows(sheet: ExcelJS.Worksheet, headerRow: number, cols: Map<Column, number>): PeopleReading {
  const reading: PeopleReading = { sheet: sheet.name, rows: [], problems: [] };
  const seen = new Map<string, string>();
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const text = (col: Column) => (cols.has(col) ? cellText(row.getCell(cols.get(col)!).value) : null);
    const at = (col: Column) => ({ sheet: sheet.name, cell: `${colName(cols.get(col) ?? 1)}${r}` });
    const problem = (col: Column, message: string) => reading.problems.push({ ...at(col), message });
    if ((Object.keys(HEADERS) as Column[]).every((c) => text(c) === null)) continue;

    const nameText = text('name');
    const name = personName.safeParse(nameText ?? '');
    if (!name.success) {
      problem(
        'name',
        nameText ? `"${nameText}" is not a usable name (${name.error.issues[0].message})` : 'the name is missing',
      );
      continue;
    }
    const twin = seen.get(name.data.toLowerCase());
    if (twin) {
      problem('name', `"${name.data}" is already on this sheet at ${twin}`);
      continue;
    }
    seen.set(name.data.toLowerCase(), at('name').cell);

    const pgyText = text('pgy');
    let pgy: number | null = null;
    if (pgyText) {
      const digits = /^(?:pgy|r)?\s*-?\s*(\d{1,2})$/i.exec(pgyText.trim());
      pgy = digits ? Number(digits[1]) : Number.NaN;
      if (!(pgy >= 1 && pgy <= 8)) {
        problem('pgy', `"${pgyText}" is not a PGY level; write 1 to 8 (or PGY-2)`);
        continue;
      }
    }
    const roleText = text('role');
    const role = roleText ? (ROLES.get(headerKey(roleText)) ?? null) : null;
    if (roleText && !role) {
      const guess = closest(roleText, ROLE_NAMES);
      problem(
        'role',
        `"${roleText}" is not a faculty role${guess ? `; did you mean "${guess}"?` : ` (${ROLE_NAMES.join(', ')})`}`,
      );
      continue;
    }
    const kindText = text('kind');
    const kind: PersonKind | undefined = kindText
      ? KINDS[headerKey(kindText)]
      : pgy
        ? 'resident'
        : role
          ? 'faculty'
          : undefined;
    if (!kind) {
      const guess = kindText ? closest(kindText, ['Resident', 'Faculty', 'Student', 'Intern']) : null;
      problem(
        cols.has('kind') ? 'kind' : 'name',
        kindText
          ? `"${kindText}" is not resident, faculty, student or intern${guess ? `; did you mean "${guess}"?` : ''}`
          : 'say whether this is a resident (with a PGY level), faculty (with a role), a student or an intern',
      );
      continue;
    }
    if (kind === 'resident' && pgy === null) {
      problem(cols.has('pgy') ? 'pgy' : 'name', `${name.data} is a resident: give the PGY level (1 to 8)`);
      continue;
    }
    if (kind !== 'resident' && pgy !== null) {
      problem('pgy', `only residents have a PGY level (${name.data} is ${kind})`);
      continue;
    }
    if (kind === 'faculty' && !role) {
      problem(cols.has('role') ? 'role' : 'name', `${name.data} is faculty: give the role (e.g. Core faculty)`);
      continue;
    }
    if (kind !== 'faculty' && role) {
      problem('role', `only faculty have a role (${name.data} is ${kind})`);
      continue;
    }
    const emailText = text('email');
    if (emailText && !email.safeParse(emailText).success) {
      problem('email', `"${emailText}" is not an e-mail address`);
      continue;
    }
    const activeText = text('active')?.toLowerCase() ?? null;
    if (activeText && !ACTIVE[activeText] && !INACTIVE[activeText]) {
      problem('active', `"${text('active')}" is not yes/no`);
      continue;
    }
    const day = (col: 'start' | 'end'): IsoDate | null | undefined => {
      if (!text(col)) return null;
      const date = dateOfCell(row.getCell(cols.get(col)!).value);
      if (date) return date;
      problem(col, `"${text(col)}" is not a date; write it as YYYY-MM-DD (or a date cell)`);
      return undefined;
    };
    const startDate = day('start');
    const endDate = day('end');
    if (startDate === undefined || endDate === undefined) continue;
    const dates = programDatesIssue({ startDate, endDate });
    if (dates) {
      problem('end', dates.message);
      continue;
    }
    reading.rows.push({
      name: name.data,
      kind,
      facultyRole: role,
      pgy,
      email: emailText,
      active: !activeText || ACTIVE[activeText] === true,
      startDate,
      endDate,
      at: at('name'),
    });
  }
  return reading;
}
