// Changes to the call types: what a call does on the night the clocks fall back (ends after its
// scheduled hours, or keeps its clock end). One audited transaction for the whole change; the
// compliance cache sees the audit entries and re-checks with the new call types.
import type { CallClockChange, CallType } from '../domain/types';
import * as R from '../db/rows';
import { audit } from './audit';
import { ServiceError } from './errors';
import type { Program } from './program';

export interface ClockChangeChange {
  code: string;
  clockChange: CallClockChange;
}

/** Sets the fall-back-night rule of each listed call type (all or nothing); returns those changed. */
export async function setCallClockChange(
  program: Program,
  changes: readonly ClockChangeChange[],
  actor: string,
): Promise<CallType[]> {
  return program.db.transaction().execute(async (trx) => {
    const out: CallType[] = [];
    for (const [i, { code, clockChange }] of changes.entries()) {
      const row = await trx.selectFrom('call_types').selectAll().where('code', '=', code).executeTakeFirst();
      if (!row)
        throw new ServiceError('not_found', `No call type with code "${code}"`, [
          { path: `changes[${i}].code`, message: 'no such call type' },
        ]);
      const before = R.callTypeFromRow(row);
      if (before.clockChange === clockChange) continue;
      const after: CallType = { ...before, clockChange };
      await trx.updateTable('call_types').set({ clock_change: clockChange }).where('code', '=', code).execute();
      await audit(trx, {
        actor,
        action: 'callTypes.setClockChange',
        entity: 'call_type',
        entityId: code,
        before,
        after,
      });
      out.push(after);
    }
    return out;
  });
}
