// Absences: create, update, delete (each one transaction with an audit entry), and the
// collision preview the Absences dialog shows while the user types: what the absence would
// overlap in the published schedule (half-days, calls, inpatient weeks, rotations, other
// absences) and whether the program's policy makes it block scheduling.
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { academicYearLabel, academicYearOf, addDays, daysBetween } from '../domain/calendar';
import type { Absence, AbsencePolicy, AbsenceStatus, AbsenceType, Activity, AssignmentSource, HalfDay, IsoDate, RotationSetting } from '../domain/types';
import { readAcademicYears, readSettings } from '../db/program-data';
import * as R from '../db/rows';
import type { Database } from '../db/schema';
import { audit } from './audit';
import { ServiceError } from './errors';
import type { Program } from './program';

export interface AbsenceFields {
  personId: string;
  type: AbsenceType;
  start: IsoDate;
  end: IsoDate;
  status: AbsenceStatus;
  note: string | null;
}

/** Whether an absence of this type and length blocks scheduling, in the policy's terms. */
export interface AbsenceBlocking {
  blocks: boolean;
  recoveryDays: number;
  /** The policy in words, e.g. "Sick leave blocks when longer than 3 days (this one is 2)". */
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
  /** Recovery days after a blocking absence (null when the policy gives none). */
  recovery: { start: IsoDate; end: IsoDate } | null;
  /** Half-days in the range (and recovery days) scheduled with work, not time off. */
  slots: (CollidingSlot & { inRecovery: boolean })[];
  /** Half-days in the range already marked as time off (leave, weekend, holiday…). */
  timeOffSlots: number;
  calls: { date: IsoDate; callTypeCode: string; callTypeName: string; inRecovery: boolean }[];
  inpatientWeeks: { start: IsoDate; end: IsoDate }[];
  /** Rotations the person is on during the absence; inpatient ones are not leave-eligible. */
  rotations: { academicYear: number; blockNumber: number; part: 'full' | 'first' | 'second'; code: string; name: string; setting: RotationSetting; leaveEligible: boolean }[];
  /** The person's other absences overlapping the range (denied ones left out). */
  overlapping: Absence[];
  /** Plain-language summary lines, most serious first. */
  summary: string[];
}

const TYPE_WORDS: Record<AbsenceType, string> = {
  vacation: 'Vacation',
  conference: 'Conference',
  deployment: 'Deployment',
  tdy: 'TDY',
  family_emergency: 'Family emergency',
  bereavement: 'Bereavement',
  emergency_leave: 'Emergency leave',
  convalescent: 'Convalescent leave',
  parental: 'Parental leave',
  medical: 'Medical leave',
  sick: 'Sick leave',
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The policy's verdict for one absence (DOMAIN.md: absences that block the solver). */
export function absenceBlocking(policies: readonly AbsencePolicy[], type: AbsenceType, start: IsoDate, end: IsoDate): AbsenceBlocking {
  const days = daysBetween(start, end) + 1;
  const policy = policies.find((p) => p.type === type);
  const name = TYPE_WORDS[type];
  if (!policy || policy.blocks === 'never') return { blocks: false, recoveryDays: 0, rule: `${name} does not block scheduling` };
  if (policy.blocks === 'always') {
    const recovery = policy.recoveryDays ? `, then ${plural(policy.recoveryDays, 'recovery day')}` : '';
    return { blocks: true, recoveryDays: policy.recoveryDays, rule: `${name} always blocks scheduling${recovery}` };
  }
  const blocks = days > policy.blocks.overDays;
  return {
    blocks,
    recoveryDays: blocks ? policy.recoveryDays : 0,
    rule: `${name} blocks scheduling when longer than ${plural(policy.blocks.overDays, 'day')} (this one is ${plural(days, 'day')})`,
  };
}

type Db = Kysely<Database> | Transaction<Database>;

async function personName(db: Db, personId: string): Promise<string> {
  const row = await db.selectFrom('people').select('name').where('id', '=', personId).executeTakeFirst();
  if (!row) throw new ServiceError('not_found', `No person with id "${personId}"`);
  return row.name;
}

/** Refuse dates outside every academic year of the program (a typo like 2062 instead of 2026). */
async function checkDates(db: Db, fields: Pick<AbsenceFields, 'start' | 'end'>): Promise<void> {
  if (fields.start > fields.end) throw new ServiceError('rejected', `The absence ends (${fields.end}) before it starts (${fields.start})`);
  const years = await readAcademicYears(db);
  const first = academicYearOf(fields.start);
  const last = academicYearOf(fields.end);
  if (!years.some((y) => y >= first && y <= last))
    throw new ServiceError(
      'rejected',
      `${fields.start} – ${fields.end} is outside the program's academic years (${years.map(academicYearLabel).join(', ') || 'none'})`,
    );
}

export async function previewAbsence(program: Program, fields: AbsenceFields & { id?: string | null }): Promise<AbsenceCollisions> {
  const db = program.db;
  const name = await personName(db, fields.personId);
  await checkDates(db, fields);
  const settings = await readSettings(db);
  const blocking = absenceBlocking(settings?.absencePolicies ?? [], fields.type, fields.start, fields.end);
  const recovery = blocking.recoveryDays > 0 ? { start: addDays(fields.end, 1), end: addDays(fields.end, blocking.recoveryDays) } : null;
  const until = recovery?.end ?? fields.end;

  const [activities, assignments, calls, callTypes, weeks, rotationRows, absences, blocks] = await Promise.all([
    db.selectFrom('activities').selectAll().execute(),
    db.selectFrom('assignments').selectAll().where('person_id', '=', fields.personId).where('date', '>=', fields.start).where('date', '<=', until).orderBy('date').orderBy('half').execute(),
    db.selectFrom('calls').selectAll().where('person_id', '=', fields.personId).where('date', '>=', fields.start).where('date', '<=', until).orderBy('date').execute(),
    db.selectFrom('call_types').select(['code', 'name']).execute(),
    db.selectFrom('inpatient_weeks').selectAll().where('person_id', '=', fields.personId).where('start', '<=', fields.end).where('end', '>=', fields.start).orderBy('start').execute(),
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
    db.selectFrom('absences').selectAll().where('person_id', '=', fields.personId).where('start', '<=', fields.end).where('end', '>=', fields.start).orderBy('start').execute(),
    db.selectFrom('blocks').selectAll().execute(),
  ]);

  const byCode = new Map(activities.map((a) => [a.code, R.activityFromRow(a)]));
  const slots: AbsenceCollisions['slots'] = [];
  let timeOffSlots = 0;
  for (const a of assignments) {
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
  const callName = new Map(callTypes.map((c) => [c.code, c.name]));
  const callList = calls.map((c) => ({ date: c.date, callTypeCode: c.call_type_code, callTypeName: callName.get(c.call_type_code) ?? c.call_type_code, inRecovery: c.date > fields.end }));

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
  rotations.sort((a, b) => a.academicYear - b.academicYear || a.blockNumber - b.blockNumber || a.part.localeCompare(b.part));

  const overlapping = absences.map(R.absenceFromRow).filter((a) => a.id !== fields.id && a.status !== 'denied');
  const inpatientWeeks = weeks.map((w) => ({ start: w.start, end: w.end }));

  const summary: string[] = [];
  const workSlots = slots.filter((s) => !s.inRecovery);
  const clinical = workSlots.filter((s) => s.category === 'clinical').length;
  if (blocking.blocks) summary.push(`${blocking.rule}.`);
  const notEligible = rotations.filter((r) => !r.leaveEligible);
  if (notEligible.length)
    summary.push(`On ${notEligible.map((r) => `${r.code} (${r.name}, block ${r.blockNumber})`).join(', ')}: not leave-eligible.`);
  if (inpatientWeeks.length) summary.push(`Overlaps ${plural(inpatientWeeks.length, 'inpatient week')} (${inpatientWeeks.map((w) => `${w.start} – ${w.end}`).join(', ')}).`);
  const rangeCalls = callList.filter((c) => !c.inRecovery);
  if (rangeCalls.length) summary.push(`${plural(rangeCalls.length, 'call')} in the range: ${rangeCalls.map((c) => `${c.callTypeName} ${c.date}`).join(', ')}.`);
  if (workSlots.length)
    summary.push(`${plural(workSlots.length, 'scheduled half-day')} in the range${clinical ? ` (${clinical} clinical)` : ''}${workSlots.some((s) => s.locked) ? `, ${workSlots.filter((s) => s.locked).length} locked` : ''}.`);
  const recoveryWork = slots.length - workSlots.length + callList.length - rangeCalls.length;
  if (recovery && recoveryWork) summary.push(`${plural(recoveryWork, 'assignment')} during the ${plural(blocking.recoveryDays, 'recovery day')} after it.`);
  if (overlapping.length) summary.push(`Overlaps ${plural(overlapping.length, 'other absence')} of ${name}.`);
  if (!summary.length) summary.push(blocking.blocks ? 'Nothing scheduled collides with it.' : `Nothing scheduled collides with it; ${blocking.rule.charAt(0).toLowerCase()}${blocking.rule.slice(1)}.`);

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

function normalize(fields: AbsenceFields): AbsenceFields {
  const note = fields.note?.trim() ?? '';
  return { ...fields, note: note === '' ? null : note };
}

export async function createAbsence(program: Program, fields: AbsenceFields, actor: string): Promise<Absence> {
  const values = normalize(fields);
  return program.db.transaction().execute(async (trx) => {
    await personName(trx, values.personId);
    await checkDates(trx, values);
    const absence: Absence = { id: `abs-${randomUUID().slice(0, 8)}`, ...values };
    await trx.insertInto('absences').values(R.absenceToRow(absence)).execute();
    await audit(trx, { actor, action: 'absences.create', entity: 'absence', entityId: absence.id, before: null, after: absence });
    return absence;
  });
}

export async function updateAbsence(program: Program, id: string, fields: AbsenceFields, actor: string): Promise<Absence> {
  const values = normalize(fields);
  return program.db.transaction().execute(async (trx) => {
    const before = await readAbsence(trx, id);
    if (!before) throw new ServiceError('not_found', `No absence with id "${id}"`);
    await personName(trx, values.personId);
    await checkDates(trx, values);
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
