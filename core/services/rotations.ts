// Rotations: mark one shift-based (its shifts, each an activity with start and end times, the
// residents each weekday needs, and the rotation's limits) or back to its weekly pattern. One
// transaction with an audit entry holding the rotation and its shift activities before and after.
import { sql, type Transaction } from 'kysely';
import { shiftHalves, shiftRotationIssues } from '../domain/shifts';
import type { Activity, ClockTime, Rotation, ShiftRotation } from '../domain/types';
import * as R from '../db/rows';
import type { Database } from '../db/schema';
import { audit } from './audit';
import { ServiceError } from './errors';
import type { Program } from './program';
import { plural } from '../domain/words';

/** One shift as the coordinator defines it: its activity (created or updated) and cover. */
export interface ShiftDefinition {
  code: string;
  name: string;
  start: ClockTime;
  end: ClockTime;
  /** Residents needed, by ISO weekday '1' … '7'. */
  cover: Record<string, number>;
  color?: string;
}

export type ShiftRotationDefinition = Omit<ShiftRotation, 'shifts'> & { shifts: ShiftDefinition[] };

export interface RotationShiftsResult {
  rotation: Rotation;
  /** The activities of its shifts, as stored. */
  activities: Activity[];
}

/** The activity of a shift from its definition (a new one, or `existing` with its name and times changed). */
function shiftActivity(def: ShiftDefinition, existing: Activity | undefined, rotation: Rotation): Activity {
  const { am, pm } = shiftHalves(def.start, def.end);
  return {
    code: def.code,
    name: def.name,
    category: existing?.category ?? 'clinical',
    needsSupervision: existing?.needsSupervision ?? false,
    providesSupervision: existing?.providesSupervision ?? false,
    protected: existing?.protected ?? false,
    countsTowardDutyHours: true,
    patientCare: existing?.patientCare ?? true,
    countsTowardClinicCapacity: existing?.countsTowardClinicCapacity ?? false,
    extraSupervisionUnits: existing?.extraSupervisionUnits ?? 0,
    am,
    pm,
    color: def.color ?? existing?.color ?? rotation.color,
    location: existing?.location ?? null,
  };
}

const sameTimes = (a: Activity, b: Activity) => JSON.stringify([a.am, a.pm]) === JSON.stringify([b.am, b.pm]);

/** Where an activity is in use besides this rotation's shifts (its times then may not change). */
async function usesOf(
  trx: Transaction<Database>,
  code: string,
  rotationId: string,
  rotations: Rotation[],
): Promise<string[]> {
  const uses: string[] = [];
  const published = await trx
    .selectFrom('assignments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('activity_code', '=', code)
    .executeTakeFirstOrThrow();
  if (Number(published.n) > 0) uses.push(`${plural(Number(published.n), 'scheduled half-day')}`);
  const drafted = (
    await sql<{ n: number }>`SELECT count(*) AS n FROM draft_assignment_changes WHERE activity_code = ${code}`.execute(
      trx,
    )
  ).rows[0];
  if (Number(drafted.n) > 0) uses.push(`${plural(Number(drafted.n), 'half-day')} in drafts`);
  for (const r of rotations) {
    const inPattern = r.pattern.some((w) =>
      Object.values(w).some((d) => d.AM.activityCode === code || d.PM.activityCode === code),
    );
    const asShift = r.id !== rotationId && !!r.shifts?.shifts.some((s) => s.activityCode === code);
    if (inPattern || code in r.weeklyTargets || asShift) uses.push(`rotation ${r.code}`);
  }
  return uses;
}

export async function setRotationShifts(
  program: Program,
  rotationId: string,
  definition: ShiftRotationDefinition | null,
  actor: string,
): Promise<RotationShiftsResult> {
  return program.db.transaction().execute(async (trx) => {
    const rotations = (await trx.selectFrom('rotations').selectAll().execute()).map(R.rotationFromRow);
    const before = rotations.find((r) => r.id === rotationId);
    if (!before) throw new ServiceError('not_found', `No rotation with id "${rotationId}"`);
    const activities = new Map(
      (await trx.selectFrom('activities').selectAll().execute()).map((r) => [r.code, R.activityFromRow(r)]),
    );
    const beforeShiftActivities = (before.shifts?.shifts ?? [])
      .map((s) => activities.get(s.activityCode))
      .filter((a): a is Activity => !!a);

    let after: Rotation;
    const written: Activity[] = [];
    if (definition === null) after = { ...before, shifts: null };
    else {
      const seen = new Set<string>();
      for (const def of definition.shifts) {
        if (seen.has(def.code)) throw new ServiceError('rejected', `Shift ${def.code} is listed twice`);
        seen.add(def.code);
        const existing = activities.get(def.code);
        const next = shiftActivity(def, existing, before);
        if (existing && !sameTimes(existing, next)) {
          const uses = await usesOf(trx, def.code, rotationId, rotations);
          if (uses.length)
            throw new ServiceError(
              'rejected',
              `Activity ${def.code} already exists with other times and is used by ${uses.join(', ')}; give the ` +
                `${def.start}–${def.end} shift a new code (what is scheduled keeps its hours)`,
            );
        }
        activities.set(def.code, next);
        written.push(next);
      }
      const shifts: ShiftRotation = {
        shifts: definition.shifts.map((d) => ({ activityCode: d.code, cover: d.cover })),
        minRestHours: definition.minRestHours,
        maxConsecutiveShifts: definition.maxConsecutiveShifts,
        minHoursPerWeek: definition.minHoursPerWeek,
        maxHoursPerWeek: definition.maxHoursPerWeek,
        minWeekendsOff: definition.minWeekendsOff,
      };
      const issues = shiftRotationIssues(shifts, activities);
      if (issues.length)
        throw new ServiceError(
          'rejected',
          `Rotation ${before.code}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
        );
      // Weekend cover means the rotation works weekends (the annual plan keeps such rotations off weekend call).
      const weekendCover = shifts.shifts.some((s) => (s.cover['6'] ?? 0) > 0 || (s.cover['7'] ?? 0) > 0);
      after = { ...before, shifts, worksWeekends: before.worksWeekends || weekendCover };
    }
    for (const a of written) {
      const row = R.activityToRow(a);
      await trx
        .insertInto('activities')
        .values(row)
        .onConflict((oc) => oc.column('code').doUpdateSet(row))
        .execute();
    }
    await trx
      .updateTable('rotations')
      .set({ ...R.rotationToRow(after), shifts: after.shifts ? JSON.stringify(after.shifts) : null })
      .where('id', '=', rotationId)
      .execute();
    const afterShiftActivities = (after.shifts?.shifts ?? []).map((s) => activities.get(s.activityCode)!);
    await audit(trx, {
      actor,
      action: 'rotations.setShifts',
      entity: 'rotation',
      entityId: rotationId,
      before: { rotation: before, activities: beforeShiftActivities },
      after: { rotation: after, activities: afterShiftActivities },
    });
    return { rotation: after, activities: afterShiftActivities };
  });
}
