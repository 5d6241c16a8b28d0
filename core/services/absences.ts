// Absences: create, update, delete (each one transaction with an audit entry), and the
// collision preview the Absences dialog shows while the user types: what the absence would
// cover in the published schedule (half-days, calls, inpatient weeks, rotations, other absences),
// by the one definition of availability (core/domain/availability), and the type's policy.
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { overlappingAbsences, type AbsenceOverlap } from '../domain/absence-overlaps';
import { PersonAvailability, policyLookup } from '../domain/availability';
import { academicYearLabel, academicYearOf, addDays, daysBetween } from '../domain/calendar';
import {
  BUILT_IN_ABSENCE_TYPES,
  type Absence,
  type AbsencePart,
  type AbsencePolicy,
  type AbsenceStatus,
  type AbsenceType,
  type Activity,
  type AssignmentSource,
  type HalfDay,
  type IsoDate,
  type RotationSetting,
} from '../domain/types';
import { readAcademicYears, readSettings } from '../db/program-data';
import * as R from '../db/rows';
import type { Database } from '../db/schema';
import { audit } from './audit';
import { listAbsences } from './catalog';
import { ServiceError } from './errors';
import type { Program } from './program';
import { plural } from '../domain/words';

export interface AbsenceFields {
  personId: string;
  type: AbsenceType;
  start: IsoDate;
  end: IsoDate;
  /** AM, PM or a time range each day; left out = whole days. */
  part?: AbsencePart;
  status: AbsenceStatus;
  note: string | null;
}

/** What the absence does to the schedule, in the policy's terms (core/domain/availability). */
export interface AbsenceBlocking {
  /** True when the person is unavailable (approved); a request is only avoided. */
  blocks: boolean;
  recoveryDays: number;
  /** The policy in words, e.g. "Vacation makes the person unavailable for every half-day and call it covers". */
  rule: string;
}

export interface CollidingSlot {
  date: IsoDate;
  half: HalfDay;
  activityCode: string;
  activityName: string;
  category: Activity['category'];
  source: AssignmentSource;
  locked: boolean;
}

export interface AbsenceCollisions {
  personId: string;
  personName: string;
  start: IsoDate;
  end: IsoDate;
  days: number;
  blocking: AbsenceBlocking;
  /** Recovery days after the absence (null when the policy gives none). */
  recovery: { start: IsoDate; end: IsoDate } | null;
  /** Half-days it covers (and recovery days) scheduled with work, not time off. */
  slots: (CollidingSlot & { inRecovery: boolean })[];
  /** Half-days in the range already marked as time off (leave, weekend, holiday…). */
  timeOffSlots: number;
  /** Calls it covers (a call the night before runs into its first morning). */
  calls: { date: IsoDate; callTypeCode: string; callTypeName: string; inRecovery: boolean }[];
  inpatientWeeks: { start: IsoDate; end: IsoDate }[];
  /** Rotations the person is on during the absence; inpatient ones are not leave-eligible. */
  rotations: {
    academicYear: number;
    blockNumber: number;
    part: 'full' | 'first' | 'second';
    code: string;
    name: string;
    setting: RotationSetting;
    leaveEligible: boolean;
  }[];
  /** The person's other absences overlapping the range (denied ones left out). */
  overlapping: Absence[];
  /** Plain-language summary lines, most serious first. */
  summary: string[];
}

/** What an absence of this type and status does, in words (the policy, what it relaxes). */
export function absenceBlocking(
  policies: readonly AbsencePolicy[],
  type: AbsenceType,
  status: AbsenceStatus,
): AbsenceBlocking {
  const policy = policyLookup(policies)(type);
  const recovery = policy.recoveryDays ? `, then ${plural(policy.recoveryDays, 'recovery day')}` : '';
  const relaxed = [
    policy.relax.halfDays ? 'half-day work stays allowed' : null,
    policy.relax.callsFrom ? `calls starting at ${policy.relax.callsFrom} or later stay allowed` : null,
  ].filter((x): x is string => x !== null);
  const covers = policy.relax.halfDays
    ? policy.relax.callsFrom
      ? 'covers calls that start before ' + policy.relax.callsFrom
      : 'covers every call'
    : policy.relax.callsFrom
      ? 'covers every half-day and calls that start before ' + policy.relax.callsFrom
      : 'covers every half-day and call';
  const rule = `${policy.name} ${covers}${recovery}${relaxed.length ? ` (${relaxed.join('; ')})` : ''}`;
  if (status === 'denied')
    return {
      blocks: false,
      recoveryDays: 0,
      rule: `Denied: it does not change the schedule. When approved, ${rule.charAt(0).toLowerCase()}${rule.slice(1)}`,
    };
  if (status === 'requested')
    return {
      blocks: false,
      recoveryDays: policy.recoveryDays,
      rule: `Requested: generation avoids work there and work there is flagged until it is approved or denied. ${rule}`,
    };
  return { blocks: true, recoveryDays: policy.recoveryDays, rule };
}

/** The program's absence types: every built-in one and those its settings define. */
export function knownAbsenceTypes(policies: readonly AbsencePolicy[]): string[] {
  return [...new Set([...BUILT_IN_ABSENCE_TYPES, ...policies.map((p) => p.type)])];
}

type Db = Kysely<Database> | Transaction<Database>;

async function personName(db: Db, personId: string): Promise<string> {
  const row = await db.selectFrom('people').select('name').where('id', '=', personId).executeTakeFirst();
  if (!row) throw new ServiceError('not_found', `No person with id "${personId}"`);
  return row.name;
}

/** Refuse dates outside every academic year of the program (a typo like 2062 instead of 2026). */
async function checkDates(db: Db, fields: Pick<AbsenceFields, 'start' | 'end'>): Promise<void> {
  if (fields.start > fields.end)
    throw new ServiceError('rejected', `The absence ends (${fields.end}) before it starts (${fields.start})`);
  const years = await readAcademicYears(db);
  const first = academicYearOf(fields.start);
  const last = academicYearOf(fields.end);
  if (!years.some((y) => y >= first && y <= last))
    throw new ServiceError(
      'rejected',
      `${fields.start} – ${fields.end} is outside the program's academic years ` +
        `(${years.map(academicYearLabel).join(', ') || 'none'})`,
    );
}

export async function previewAbsence(
  program: Program,
  fields: AbsenceFields & { id?: string | null },
): Promise<AbsenceCollisions> {
  const db = program.db;
  const name = await personName(db, fields.personId);
  await checkDates(db, fields);
  const settings = await readSettings(db);
  const policies = settings?.absencePolicies ?? [];
  checkType(policies, fields.type);
  const blocking = absenceBlocking(policies, fields.type, fields.status);
  const recovery =
    blocking.recoveryDays > 0
      ? { start: addDays(fields.end, 1), end: addDays(fields.end, blocking.recoveryDays) }
      : null;
  const until = recovery?.end ?? fields.end;
  // What it covers, by the one definition of availability (as if approved: what approving it does).
  const draft: Absence = { id: fields.id ?? 'preview', ...normalize(fields), status: 'approved' };
  const cover = new PersonAvailability([draft], policyLookup(policies));

  const [activities, assignments, calls, callTypes, weeks, rotationRows, absences, blocks] = await Promise.all([
    db.selectFrom('activities').selectAll().execute(),
    db
      .selectFrom('assignments')
      .selectAll()
      .where('person_id', '=', fields.personId)
      .where('date', '>=', fields.start)
      .where('date', '<=', until)
      .orderBy('date')
      .orderBy('half')
      .execute(),
    db
      .selectFrom('calls')
      .selectAll()
      .where('person_id', '=', fields.personId)
      .where('date', '>=', addDays(fields.start, -1))
      .where('date', '<=', until)
      .orderBy('date')
      .execute(),
    db.selectFrom('call_types').selectAll().execute(),
    db
      .selectFrom('inpatient_weeks')
      .selectAll()
      .where('person_id', '=', fields.personId)
      .where('start', '<=', fields.end)
      .where('end', '>=', fields.start)
      .orderBy('start')
      .execute(),
    db
      .selectFrom('rotation_assignments')
      .innerJoin('rotations', 'rotations.id', 'rotation_assignments.rotation_id')
      .select([
        'rotation_assignments.academic_year',
        'rotation_assignments.block_number',
        'rotation_assignments.part',
        'rotations.code',
        'rotations.name',
        'rotations.setting',
        'rotations.leave_eligible',
      ])
      .where('rotation_assignments.person_id', '=', fields.personId)
      .execute(),
    db
      .selectFrom('absences')
      .selectAll()
      .where('person_id', '=', fields.personId)
      .where('start', '<=', fields.end)
      .where('end', '>=', fields.start)
      .orderBy('start')
      .execute(),
    db.selectFrom('blocks').selectAll().execute(),
  ]);

  const byCode = new Map(activities.map((a) => [a.code, R.activityFromRow(a)]));
  const slots: AbsenceCollisions['slots'] = [];
  let timeOffSlots = 0;
  for (const a of assignments) {
    if (!cover.halfDay(a.date, a.half as HalfDay)) continue;
    const activity = byCode.get(a.activity_code);
    const inRecovery = a.date > fields.end;
    if (activity?.category === 'time_off') {
      if (!inRecovery) timeOffSlots++;
      continue;
    }
    slots.push({
      date: a.date,
      half: a.half as HalfDay,
      activityCode: a.activity_code,
      activityName: activity?.name ?? a.activity_code,
      category: activity?.category ?? 'clinical',
      source: a.source as AssignmentSource,
      locked: a.locked === 1,
      inRecovery,
    });
  }
  const callType = new Map(callTypes.map((c) => [c.code, c]));
  const callList = calls
    .filter((c) => {
      const t = callType.get(c.call_type_code);
      return !t || cover.call(c.date, t.start, t.end) !== null;
    })
    .map((c) => ({
      date: c.date,
      callTypeCode: c.call_type_code,
      callTypeName: callType.get(c.call_type_code)?.name ?? c.call_type_code,
      inRecovery: c.date > fields.end,
    }));

  // Rotation parts overlapping the absence, from the block layout.
  const blockOf = new Map(blocks.map((b) => [`${b.academic_year}:${b.number}`, b]));
  const rotations: AbsenceCollisions['rotations'] = [];
  for (const r of rotationRows) {
    const b = blockOf.get(`${r.academic_year}:${r.block_number}`);
    if (!b) continue;
    const from = r.part === 'second' ? b.second_half_start : b.start;
    const to = r.part === 'first' && b.second_half_start > b.start ? addDays(b.second_half_start, -1) : b.end;
    if (from > fields.end || to < fields.start) continue;
    rotations.push({
      academicYear: r.academic_year,
      blockNumber: r.block_number,
      part: r.part as 'full' | 'first' | 'second',
      code: r.code,
      name: r.name,
      setting: r.setting as RotationSetting,
      leaveEligible: r.leave_eligible === 1,
    });
  }
  rotations.sort(
    (a, b) => a.academicYear - b.academicYear || a.blockNumber - b.blockNumber || a.part.localeCompare(b.part),
  );

  const overlapping = absences.map(R.absenceFromRow).filter((a) => a.id !== fields.id && a.status !== 'denied');
  const inpatientWeeks = weeks
    .filter((w) => cover.inpatientWeek(w.start, w.end))
    .map((w) => ({ start: w.start, end: w.end }));

  const summary: string[] = [];
  const workSlots = slots.filter((s) => !s.inRecovery);
  const clinical = workSlots.filter((s) => s.category === 'clinical').length;
  summary.push(`${blocking.rule}.`);
  const notEligible = rotations.filter((r) => !r.leaveEligible);
  if (notEligible.length)
    summary.push(
      `On ${notEligible.map((r) => `${r.code} (${r.name}, block ${r.blockNumber})`).join(', ')}: not leave-eligible.`,
    );
  if (inpatientWeeks.length)
    summary.push(
      `Overlaps ${plural(inpatientWeeks.length, 'inpatient week')} ` +
        `(${inpatientWeeks.map((w) => `${w.start} – ${w.end}`).join(', ')}).`,
    );
  const rangeCalls = callList.filter((c) => !c.inRecovery);
  if (rangeCalls.length)
    summary.push(
      `${plural(rangeCalls.length, 'call')} in the range: ` +
        `${rangeCalls.map((c) => `${c.callTypeName} ${c.date}`).join(', ')}.`,
    );
  if (workSlots.length) {
    const lockedSlots = workSlots.filter((s) => s.locked).length;
    summary.push(
      `${plural(workSlots.length, 'scheduled half-day')} in the range` +
        `${clinical ? ` (${clinical} clinical)` : ''}${lockedSlots ? `, ${lockedSlots} locked` : ''}.`,
    );
  }
  const recoveryWork = slots.length - workSlots.length + callList.length - rangeCalls.length;
  if (recovery && recoveryWork)
    summary.push(
      `${plural(recoveryWork, 'assignment')} during the ${plural(blocking.recoveryDays, 'recovery day')} after it.`,
    );
  if (overlapping.length) summary.push(`Overlaps ${plural(overlapping.length, 'other absence')} of ${name}.`);
  if (!summary.length) summary.push('Nothing scheduled collides with it.');

  return {
    personId: fields.personId,
    personName: name,
    start: fields.start,
    end: fields.end,
    days: daysBetween(fields.start, fields.end) + 1,
    blocking,
    recovery,
    slots,
    timeOffSlots,
    calls: callList,
    inpatientWeeks,
    rotations,
    overlapping,
    summary,
  };
}

async function readAbsence(db: Db, id: string): Promise<Absence | null> {
  const row = await db.selectFrom('absences').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? R.absenceFromRow(row) : null;
}

/** The stored form: a note of only spaces is no note; a whole-day absence has no part. */
function normalize(fields: AbsenceFields): AbsenceFields {
  const note = fields.note?.trim() ?? '';
  const { part, ...rest } = fields;
  return {
    personId: rest.personId,
    type: rest.type,
    start: rest.start,
    end: rest.end,
    ...(part ? { part } : {}),
    status: rest.status,
    note: note === '' ? null : note,
  };
}

function checkType(policies: readonly AbsencePolicy[], type: string): void {
  const known = knownAbsenceTypes(policies);
  if (!known.includes(type))
    throw new ServiceError(
      'rejected',
      `Unknown absence type "${type}"; the program's types are ${known.join(', ')} (add a type in Settings → ` +
        `Absence types)`,
    );
}

/** Check and insert one absence inside the caller's transaction (one entered, or many imported). */
export async function addAbsence(trx: Transaction<Database>, fields: AbsenceFields, actor: string): Promise<Absence> {
  const values = normalize(fields);
  await personName(trx, values.personId);
  await checkDates(trx, values);
  checkType((await readSettings(trx))?.absencePolicies ?? [], values.type);
  const absence: Absence = { id: `abs-${randomUUID().slice(0, 8)}`, ...values };
  await trx.insertInto('absences').values(R.absenceToRow(absence)).execute();
  await audit(trx, {
    actor,
    action: 'absences.create',
    entity: 'absence',
    entityId: absence.id,
    before: null,
    after: absence,
  });
  return absence;
}

export async function createAbsence(program: Program, fields: AbsenceFields, actor: string): Promise<Absence> {
  return program.db.transaction().execute((trx) => addAbsence(trx, fields, actor));
}

export async function updateAbsence(
  program: Program,
  id: string,
  fields: AbsenceFields,
  actor: string,
): Promise<Absence> {
  const values = normalize(fields);
  return program.db.transaction().execute(async (trx) => {
    const before = await readAbsence(trx, id);
    if (!before) throw new ServiceError('not_found', `No absence with id "${id}"`);
    await personName(trx, values.personId);
    await checkDates(trx, values);
    checkType((await readSettings(trx))?.absencePolicies ?? [], values.type);
    const after: Absence = { id, ...values };
    const { id: _id, ...row } = R.absenceToRow(after);
    await trx.updateTable('absences').set(row).where('id', '=', id).execute();
    await audit(trx, { actor, action: 'absences.update', entity: 'absence', entityId: id, before, after });
    return after;
  });
}

export async function deleteAbsence(program: Program, id: string, actor: string): Promise<Absence> {
  return program.db.transaction().execute(async (trx) => {
    const before = await readAbsence(trx, id);
    if (!before) throw new ServiceError('not_found', `No absence with id "${id}"`);
    await trx.deleteFrom('absences').where('id', '=', id).execute();
    await audit(trx, { actor, action: 'absences.delete', entity: 'absence', entityId: id, before, after: null });
    return before;
  });
}

/** Overlapping or duplicate absences of one person (core/domain/absence-overlaps), with the name. */
export interface AbsenceOverlapGroup extends AbsenceOverlap {
  personName: string;
}

/** The groups of one person's overlapping absences touching an academic year. */
export async function absenceOverlaps(program: Program, academicYear: number): Promise<AbsenceOverlapGroup[]> {
  const [absences, people] = await Promise.all([
    listAbsences(program, academicYear),
    program.db.selectFrom('people').select(['id', 'name']).execute(),
  ]);
  const names = new Map(people.map((p) => [p.id, p.name]));
  return overlappingAbsences(absences).map((g) => ({ ...g, personName: names.get(g.personId) ?? g.personId }));
}

export interface MergeAbsences {
  /** Two or more absences of one person that overlap (one group). */
  ids: string[];
  /** The merged absence's type and status; default: the earliest absence's type, approved if any is. */
  type?: AbsenceType;
  status?: AbsenceStatus;
}

/**
 * Merges overlapping absences of one person into one (the earliest keeps its id, the others are
 * deleted): from the first day to the last, the part of the day they share (whole days when they
 * differ), the notes kept. One transaction, audited with what was merged.
 */
export async function mergeAbsences(program: Program, input: MergeAbsences, actor: string): Promise<Absence> {
  const ids = [...new Set(input.ids)];
  if (ids.length < 2)
    throw new ServiceError('invalid_input', 'Choose at least two absences to merge', [
      { path: 'ids', message: 'at least two absences' },
    ]);
  return program.db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom('absences').selectAll().where('id', 'in', ids).execute();
    const missing = ids.filter((id) => !rows.some((r) => r.id === id));
    if (missing.length)
      throw new ServiceError('not_found', `No absence with id ${missing.map((id) => `"${id}"`).join(', ')}`);
    const absences = rows.map(R.absenceFromRow);
    const people = new Set(absences.map((a) => a.personId));
    if (people.size > 1) throw new ServiceError('rejected', 'Only absences of one person can be merged');
    const groups = overlappingAbsences(absences);
    if (groups.length !== 1 || groups[0].absences.length !== absences.length)
      throw new ServiceError(
        'rejected',
        'Only absences that overlap each other can be merged (a denied one never overlaps)',
      );
    const ordered = groups[0].absences;
    const first = ordered[0];
    const type = input.type ?? first.type;
    checkType((await readSettings(trx))?.absencePolicies ?? [], type);
    const parts = new Set(ordered.map((a) => JSON.stringify(a.part ?? null)));
    const part = parts.size === 1 ? first.part : undefined;
    const notes = [...new Set(ordered.map((a) => a.note).filter((n): n is string => !!n))].join('; ').slice(0, 500);
    const merged: Absence = {
      id: first.id,
      personId: first.personId,
      type,
      start: groups[0].start,
      end: groups[0].end,
      ...(part === undefined ? {} : { part }),
      status: input.status ?? (ordered.some((a) => a.status === 'approved') ? 'approved' : 'requested'),
      note: notes || null,
    };
    const { id: _id, ...row } = R.absenceToRow(merged);
    await trx.updateTable('absences').set(row).where('id', '=', first.id).execute();
    await trx
      .deleteFrom('absences')
      .where(
        'id',
        'in',
        ordered.slice(1).map((a) => a.id),
      )
      .execute();
    await audit(trx, {
      actor,
      action: 'absences.merge',
      entity: 'absence',
      entityId: first.id,
      before: ordered,
      after: merged,
    });
    return merged;
  });
}
