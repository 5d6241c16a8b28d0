// Validation of a program exchange file: the zod schema first (shape, types, formats), then the
// cross-references no schema can express (unknown ids and codes, duplicates, dates outside the
// program's academic years). Every problem is reported with its JSON path.
import type { z } from 'zod';
import { blockLayoutIssues } from '../domain/block-layout';
import { serviceIssues } from '../domain/services';
import { type PlanIssue, planIssues } from '../domain/plan-entries';
import type { ProgramData } from '../domain/program';
import { upgradeProgramFile } from '../domain/program-upgrade';
import { absencesOverlap, overlappingAbsences, sameAbsence } from '../domain/absence-overlaps';
import { partLabel } from '../domain/availability';
import { programFileSchema } from '../domain/schemas';
import { shiftRotationIssues } from '../domain/shifts';
import { unknownKeys } from '../domain/unknown-keys';
import { ruleSettingsIssues } from '../rules/registry';
import { BUILT_IN_ABSENCE_TYPES } from '../domain/types';

export interface ExchangeIssue {
  /** JSON path, e.g. `program.assignments[12].activityCode`. */
  path: string;
  message: string;
}

/** The exchange file with its program as domain data (the schema's output fits ProgramData). */
export interface ProgramFile extends Omit<z.output<typeof programFileSchema>, 'program'> {
  program: ProgramData;
}

/**
 * Valid: the file, what it holds that is allowed but wants a look (duplicate absences), and the
 * keys it holds that the format does not know (they are not imported).
 */
export type ExchangeValidation =
  | { ok: true; file: ProgramFile; warnings: ExchangeIssue[]; unknownKeys: string[] }
  | { ok: false; issues: ExchangeIssue[] };

export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${String(part)}` : String(part);
  return out || '(root)';
}

/** Validates an exchange file, upgrading one written by an earlier version of the format first. */
export function validateProgramFile(value: unknown): ExchangeValidation {
  const upgraded = upgradeProgramFile(value).value;
  const parsed = programFileSchema.safeParse(upgraded);
  if (!parsed.success)
    return { ok: false, issues: parsed.error.issues.map((i) => ({ path: jsonPath(i.path), message: i.message })) };
  // The schema's record of pattern days is keyed "1" … "7" exactly, which PatternWeek leaves open.
  const file: ProgramFile = { ...parsed.data, program: parsed.data.program as ProgramData };
  const issues = [
    ...crossReferenceIssues(file.program),
    // Settings the rules engine could not run (unknown rule type, duplicate id, a parameter of the wrong kind).
    ...ruleSettingsIssues(file.program.settings).map((i) => ({
      path: `program.settings.${i.path}`,
      message: i.message,
    })),
  ];
  return issues.length
    ? { ok: false, issues }
    : { ok: true, file, warnings: importWarnings(file.program), unknownKeys: unknownKeys(programFileSchema, upgraded) };
}

/**
 * What a valid program holds that a coordinator should look at: absences of one person entered
 * twice (duplicates) or overlapping, each at the later entry's path, naming the one it repeats.
 * They are imported as they are (the Absences view offers to merge them).
 */
export function importWarnings(p: ProgramData): ExchangeIssue[] {
  const index = new Map(p.absences.map((a, i) => [a, i]));
  const names = new Map(p.people.map((x) => [x.id, x.name]));
  const out: { i: number; issue: ExchangeIssue }[] = [];
  for (const group of overlappingAbsences(p.absences)) {
    // A group is connected, not pairwise overlapping (a long leave joins two vacations that do
    // not touch): each later entry names the first entry in the file that it itself overlaps.
    const [, ...rest] = [...group.absences].sort((a, b) => index.get(a)! - index.get(b)!);
    for (const a of rest) {
      const other = [...group.absences]
        .sort((x, y) => index.get(x)! - index.get(y)!)
        .find((b) => b !== a && absencesOverlap(a, b))!;
      const otherAt = `program.absences[${index.get(other)}]`;
      const what =
        `${names.get(a.personId) ?? a.personId} (${a.personId}): ${a.type} ${a.start} – ` +
        `${a.end}${a.part === undefined ? '' : ` ${partLabel(a.part)}`}`;
      const part = other.part === undefined ? '' : ` ${partLabel(other.part)}`;
      out.push({
        i: index.get(a)!,
        issue: {
          path: `program.absences[${index.get(a)}]`,
          message: sameAbsence(a, other)
            ? `${what} is a duplicate of ${otherAt}`
            : `${what} overlaps ${otherAt} (${other.type} ${other.start} – ${other.end}${part})`,
        },
      });
    }
  }
  return out.sort((a, b) => a.i - b.i).map((x) => x.issue);
}

/** Problems between entities of a schema-valid program, each at `program.<path>`. */
export function crossReferenceIssues(p: ProgramData): ExchangeIssue[] {
  const issues: ExchangeIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path: `program.${path}`, message });

  /** Reports every repeat of a key after its first occurrence. */
  function unique<T>(list: T[], name: string, key: (item: T) => string, field: string, what: string) {
    const first = new Map<string, number>();
    list.forEach((item, i) => {
      const k = key(item);
      const seen = first.get(k);
      if (seen === undefined) first.set(k, i);
      else add(`${name}[${i}]${field}`, `duplicate ${what} (already at ${name}[${seen}])`);
    });
    return new Set(first.keys());
  }

  const years = unique(p.academicYears.map(String), 'academicYears', (y) => y, '', `academic year`);
  for (const issue of serviceIssues(p.settings)) add(`settings.${issue.path}`, issue.message);
  const people = unique(p.people, 'people', (x) => x.id, '.id', 'person id');
  const activities = unique(p.activities, 'activities', (x) => x.code, '.code', 'activity code');
  unique(p.rotations, 'rotations', (x) => x.id, '.id', 'rotation id');
  unique(p.rotations, 'rotations', (x) => x.code, '.code', 'rotation code');
  const callTypes = unique(p.callTypes, 'callTypes', (x) => x.code, '.code', 'call type code');
  unique(p.holidays, 'holidays', (x) => x.date, '.date', 'holiday date');
  unique(p.absences, 'absences', (x) => x.id, '.id', 'absence id');
  unique(p.moonlighting, 'moonlighting', (x) => x.id, '.id', 'moonlighting id');
  unique(p.callbacks, 'callbacks', (x) => x.id, '.id', 'callback id');
  unique(
    p.assignments,
    'assignments',
    (x) => `${x.personId}|${x.date}|${x.half}`,
    '',
    'slot: this person already has an assignment in this half-day',
  );
  unique(
    p.calls,
    'calls',
    (x) => `${x.date}|${x.callTypeCode}|${x.personId}`,
    '',
    'call: same person, date and call type',
  );
  unique(
    p.rotationAssignments,
    'rotationAssignments',
    (x) => `${x.personId}|${x.academicYear}|${x.blockNumber}|${x.part}`,
    '',
    'rotation assignment: same person, block and part',
  );
  unique(
    p.inpatientWeeks,
    'inpatientWeeks',
    (x) => `${x.personId}|${x.start}`,
    '',
    'inpatient week: same person and start',
  );

  const personKind = new Map(p.people.map((x) => [x.id, x.kind]));
  const activityByCode = new Map(p.activities.map((a) => [a.code, a]));
  const yearOf = (date: string) => {
    const start = Number(date.slice(0, 4));
    return date.slice(5) >= '07-01' ? start : start - 1;
  };
  const inYears = (date: string) => years.has(String(yearOf(date)));
  const yearList = [...years].join(', ') || 'none';
  const checkPerson = (path: string, id: string) => {
    if (!people.has(id)) add(path, `unknown person id "${id}"`);
  };
  const checkActivity = (path: string, code: string) => {
    if (!activities.has(code)) add(path, `unknown activity code "${code}"`);
  };
  const checkDate = (path: string, date: string) => {
    if (!inYears(date)) add(path, `${date} is outside the program's academic years (${yearList})`);
  };

  p.people.forEach((person, i) => {
    for (const year of Object.keys(person.pgyByYear))
      if (!years.has(year))
        add(`people[${i}].pgyByYear.${year}`, `academic year ${year} is not one of the program's (${yearList})`);
    person.credentials.forEach((c, j) => checkActivity(`people[${i}].credentials[${j}].activityCode`, c.activityCode));
  });
  p.rotations.forEach((r, i) => {
    r.pattern.forEach((week, w) => {
      for (const [day, cells] of Object.entries(week))
        for (const half of ['AM', 'PM'] as const) {
          const code = cells[half].activityCode;
          if (code !== null) checkActivity(`rotations[${i}].pattern[${w}].${day}.${half}.activityCode`, code);
        }
    });
    for (const code of Object.keys(r.weeklyTargets)) checkActivity(`rotations[${i}].weeklyTargets.${code}`, code);
    if (r.shifts)
      for (const issue of shiftRotationIssues(r.shifts, activityByCode))
        add(`rotations[${i}].${issue.path}`, issue.message);
  });
  p.holidays.forEach((h, i) => checkDate(`holidays[${i}].date`, h.date));
  const absenceTypes = new Set<string>([...BUILT_IN_ABSENCE_TYPES, ...p.settings.absencePolicies.map((x) => x.type)]);
  p.absences.forEach((a, i) => {
    checkPerson(`absences[${i}].personId`, a.personId);
    if (!absenceTypes.has(a.type))
      add(`absences[${i}].type`, `unknown absence type "${a.type}" (define it in settings.absencePolicies)`);
    checkDate(`absences[${i}].start`, a.start);
    checkDate(`absences[${i}].end`, a.end);
  });

  const layoutIssues = blockLayoutIssues(p.settings.blockLayout, [...years].map(Number));
  for (const issue of layoutIssues) add(`settings.blockLayout.${issue.path}`, issue.message);
  p.rotationAssignments.forEach((ra, i) => {
    const at = `rotationAssignments[${i}]`;
    checkPerson(`${at}.personId`, ra.personId);
    if (people.has(ra.personId) && personKind.get(ra.personId) !== 'resident')
      add(`${at}.personId`, `"${ra.personId}" is not a resident; only residents have rotations`);
  });
  // The annual plan by the draft layer's own definition of a valid entry (core/domain/plan-entries),
  // each issue naming the resident and block, with what to change in the file.
  if (layoutIssues.length === 0)
    for (const issue of planIssues({ ...p, academicYears: [...years].map(Number) }))
      add(`rotationAssignments[${issue.index}].${issue.field}`, `${issue.message}${planFix(issue, p)}`);
  p.assignments.forEach((a, i) => {
    checkPerson(`assignments[${i}].personId`, a.personId);
    checkActivity(`assignments[${i}].activityCode`, a.activityCode);
    checkDate(`assignments[${i}].date`, a.date);
  });
  p.calls.forEach((c, i) => {
    checkPerson(`calls[${i}].personId`, c.personId);
    if (!callTypes.has(c.callTypeCode)) add(`calls[${i}].callTypeCode`, `unknown call type "${c.callTypeCode}"`);
    checkDate(`calls[${i}].date`, c.date);
  });
  p.inpatientWeeks.forEach((w, i) => {
    checkPerson(`inpatientWeeks[${i}].personId`, w.personId);
    checkDate(`inpatientWeeks[${i}].start`, w.start);
    checkDate(`inpatientWeeks[${i}].end`, w.end);
  });
  p.moonlighting.forEach((m, i) => {
    checkPerson(`moonlighting[${i}].personId`, m.personId);
    checkDate(`moonlighting[${i}].start`, m.start.slice(0, 10));
  });
  p.callbacks.forEach((c, i) => {
    checkPerson(`callbacks[${i}].personId`, c.personId);
    checkDate(`callbacks[${i}].start`, c.start.slice(0, 10));
  });
  return issues;
}

/**
 * What to change in the file for a plan issue. Files written before the importer held plans to
 * the draft layer's definition may plan a whole-block rotation in a half: they say how to mend it.
 */
function planFix(issue: PlanIssue, p: ProgramData): string {
  const whole = 'plan that block whole (one entry with "part": "full" instead of its halves)';
  switch (issue.kind) {
    case 'part':
      return `. Change the file: ${whole}`;
    case 'misfit': {
      const at = issue.rotationIndex!;
      const halfBlock = `set "halfBlock": true in rotations[${at}]`;
      return `. Change the file: ${whole}, or, if ${p.rotations[at].code} really lasts half a block, ${halfBlock}`;
    }
    case 'mix': {
      const both = `rotationAssignments[${issue.other}] and rotationAssignments[${issue.index}]`;
      return `. Change the file: keep either the whole-block entry or the half-block entries of that block (${both})`;
    }
    default:
      return '';
  }
}
