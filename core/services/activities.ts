// Changes to the activity catalog: whether an activity is new patient care (ACGME's 4 hours after
// 24 hours of continuous work allow only transitions of care and education). One audited
// transaction; the compliance cache sees the audit entry and re-checks with the new catalog.
import type { Activity } from '../domain/types';
import * as R from '../db/rows';
import { audit } from './audit';
import { ServiceError } from './errors';
import type { Program } from './program';

export async function setPatientCare(program: Program, code: string, patientCare: boolean, actor: string): Promise<Activity> {
  return program.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('activities').selectAll().where('code', '=', code).executeTakeFirst();
    if (!row) throw new ServiceError('not_found', `No activity with code "${code}"`);
    const before = R.activityFromRow(row);
    if (before.patientCare === patientCare) return before;
    const after: Activity = { ...before, patientCare };
    await trx.updateTable('activities').set({ patient_care: patientCare ? 1 : 0 }).where('code', '=', code).execute();
    await audit(trx, { actor, action: 'activities.setPatientCare', entity: 'activity', entityId: code, before, after });
    return after;
  });
}
