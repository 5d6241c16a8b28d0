// Every action the core audits is placed on one side of leavesScheduleAlone
// (core/services/schedule-version.ts): those that can change what the rules read make the compliance
// cache read the program again and a contingency sweep and a draft's stored check stale; the others must
// cost none of that (an account signing in did). The sources are read for the actions, so a new one fails
// here until it is placed in the table below.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { leavesScheduleAlone } from '../../core/services/schedule-version';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** true: can change the published schedule or what the rules read. */
const CHANGES_SCHEDULE: Record<string, boolean> = {
  'absences.create': true,
  'absences.delete': true,
  'absences.merge': true,
  'absences.update': true,
  'activities.setPatientCare': true,
  'callTypes.setClockChange': true,
  callbacks: true,
  moonlighting: true,
  'draft.publish': true,
  'holidays.set': true,
  'people.create': true,
  'people.update': true,
  'program.replace': true,
  'program.restore': true,
  'program.updateSettings': true,
  'publication.rollback': true,
  'rotations.setShifts': true,
  'account.changePassword': false,
  'account.create': false,
  'account.locked': false,
  'account.resetPassword': false,
  'account.setup': false,
  'account.signIn': false,
  'account.signInFailed': false,
  'account.unlock': false,
  'account.update': false,
  'backup.configure': false,
  'draft.break_glass': false,
  'draft.churn_warnings_accepted': false,
  'draft.create': false,
  'draft.discard': false,
  'draft.publish_refused': false,
  'draft.update': false,
  'draft.validate': false,
  'finding.acknowledge': false,
  'generation.run': false,
  'review.comment_resolve': false,
  'review.comment_unresolve': false,
  'review.export': false,
  'review.import': false,
  'swap.approve': false,
  'swap.cancel': false,
  'swap.cover_draft': false,
  'swap.execute': false,
  'swap.execute_refused': false,
  'swap.reject': false,
  'swap.request': false,
  'swap.rollback': false,
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

/** Action names written as literals in `action: …` (a ternary's two branches); templates are draft work (below). */
function auditedActions(): Set<string> {
  const found = new Set<string>();
  for (const file of sourceFiles(path.join(root, 'core'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\baction: ([^,\n]+)/g)) {
      const branches = m[1].includes('?') ? m[1].slice(m[1].indexOf('?')) : m[1];
      for (const literal of branches.matchAll(/'([A-Za-z_.]+)'/g)) found.add(literal[1]);
    }
  }
  return found;
}

describe('audited actions and the schedule', () => {
  it('every audited action is placed, on the side the table says', () => {
    const actions = auditedActions();
    expect(actions.size).toBeGreaterThan(30);
    expect(
      [...actions].filter((a) => !(a in CHANGES_SCHEDULE)),
      'place these in CHANGES_SCHEDULE',
    ).toEqual([]);
    const misplaced = Object.entries(CHANGES_SCHEDULE).filter(([a, changes]) => leavesScheduleAlone(a) === changes);
    expect(misplaced.map(([a]) => a)).toEqual([]);
  });

  it("a draft's edits (named from the edit: draft.setActivity, draft.fill_from_…) leave the schedule alone", () => {
    for (const action of ['draft.setActivity', 'draft.clearCells', 'draft.fill_from_generation'])
      expect(leavesScheduleAlone(action), action).toBe(true);
    expect(leavesScheduleAlone('some.future_action'), 'an action of no known family is a change').toBe(false);
  });
});
