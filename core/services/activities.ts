// Changes to the activity catalog: whether activities are new patient care (ACGME's 4 hours after
// 24 hours of continuous work allow only transitions of care and education). One audited
// transaction for the whole change; the compliance cache sees the audit entries and re-checks
// with the new catalog.
import type { Activity } from '../domain/types';
import * as R from '../db/rows';
import { audit } from './audit';
import { ServiceError } from './errors';
import type { Program } from './program';

export interface PatientCareChange {
  code: string;
  patientCare: boolean;
}

/** Sets the mark of each listed activity (all or nothing); returns the activities changed. */
export async function setPatientCare(
  program: Program,
  changes: readonly PatientCareChange[],
  actor: string,
): Promise<Activity[]> {
  return program.db.transaction().execute(async (trx) => {
    const out: Activity[] = [];
    for (const [i, { code, patientCare }] of changes.entries()) {
      const row = await trx.selectFrom('activities').selectAll().where('code', '=', code).executeTakeFirst();
      if (!row)
        throw new ServiceError('not_found', `No activity with code "${code}"`, [
          { path: `changes[${i}].code`, message: 'no such activity' },
        ]);
      const before = R.activityFromRow(row);
      if (before.patientCare === patientCare) continue;
      const after: Activity = { ...before, patientCare };
      await trx
        .updateTable('activities')
        .set({ patient_care: patientCare ? 1 : 0 })
        .where('code', '=', code)
        .execute();
      await audit(trx, {
        actor,
        action: 'activities.setPatientCare',
        entity: 'activity',
        entityId: code,
        before,
        after,
      });
      out.push(after);
    }
    return out;
  });
}
