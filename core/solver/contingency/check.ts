// Every repair is checked by the one compliance engine, never trusted because the model found
// it: the repair's changes are applied to an incremental validator of the schedule, the hard
// findings (critical, high) it adds for anyone still there are collected, and the changes are
// undone. Only the rules that can report a hard finding are run (the others cannot fail a repair).
import type { ProgramData } from '../../domain/program';
import type { Repair } from '../../domain/contingency';
import type { Assignment, CallAssignment, Finding, InpatientWeek, IsoDate } from '../../domain/types';
import { complianceInput, createValidator, type ComplianceValidator, type ScheduleEdit } from '../../rules';
import type { Baseline } from './baseline';

const HARD = new Set(['critical', 'high']);

/** A finding's id with the person left out (rule, window, key). */
const anyone = (f: Finding) => {
  const parts = f.id.split('|');
  parts[1] = '*';
  return parts.join('|');
};

/** Rule ids that can report a hard finding under the program's settings. */
export function hardRuleIds(data: ProgramData): string[] {
  return data.settings.rules
    .filter((r) => r.enabled && (HARD.has(r.severity) || Object.values(r.params).some((v) => typeof v === 'string' && HARD.has(v))))
    .map((r) => r.id);
}

export interface CheckOutcome {
  /** New hard findings about people still there (empty: the repair passes). */
  problems: Finding[];
}

export class RepairChecker {
  private readonly validator: ComplianceValidator;
  private readonly before: Set<string>;
  /** Hard findings the schedule already has, without their person → whose they are. */
  private readonly held = new Map<string, string[]>();

  constructor(
    private readonly b: Baseline,
    range: { start: IsoDate; end: IsoDate },
  ) {
    this.validator = createValidator(complianceInput(b.data, range), { ruleIds: hardRuleIds(b.data) });
    const hard = this.validator.findings().filter((f) => HARD.has(f.severity));
    this.before = new Set(hard.map((f) => f.id));
    for (const f of hard) if (f.personId) this.held.set(anyone(f), [...(this.held.get(anyone(f)) ?? []), f.personId]);
  }

  /** Apply the repair, collect what it breaks, undo it. */
  check(repair: Repair): CheckOutcome {
    const { apply, undo } = this.edits(repair);
    const diff = this.validator.applyEdits(apply);
    try {
      const gone = new Set(repair.gone);
      // A finding the schedule already had for someone gone, now on whoever took over the same
      // duty (a 24-hour call over the daylight-saving night), is not something the repair broke.
      const inherited = (f: Finding) => (this.held.get(anyone(f)) ?? []).some((id) => gone.has(id));
      const problems = diff.added.filter((f) => HARD.has(f.severity) && !this.before.has(f.id) && !(f.personId && gone.has(f.personId)) && !inherited(f));
      return { problems };
    } finally {
      this.validator.applyEdits(undo);
    }
  }

  /** The repair as validator edits, and the edits that restore the schedule. */
  edits(repair: Repair): { apply: ScheduleEdit[]; undo: ScheduleEdit[] } {
    const { b } = this;
    const apply: ScheduleEdit[] = [];
    const undo: ScheduleEdit[] = [];
    for (const c of repair.changes) {
      if (c.kind === 'slot') {
        const day = b.day(c.date);
        const original: Assignment | undefined = b.cell(c.personId, day, c.half === 'AM' ? 0 : 1);
        apply.push(
          c.to === null
            ? { kind: 'clearSlot', personId: c.personId, date: c.date, half: c.half }
            : { kind: 'setAssignment', assignment: { personId: c.personId, date: c.date, half: c.half, activityCode: c.to, source: 'manual', locked: false } },
        );
        undo.push(original ? { kind: 'setAssignment', assignment: original } : { kind: 'clearSlot', personId: c.personId, date: c.date, half: c.half });
      } else if (c.kind === 'call') {
        const original: CallAssignment | undefined = b.callsOf(c.from, b.day(c.date)).find((x) => x.callTypeCode === c.callTypeCode);
        apply.push({ kind: 'removeCall', personId: c.from, date: c.date, callTypeCode: c.callTypeCode });
        if (c.to) {
          apply.push({ kind: 'addCall', call: { date: c.date, callTypeCode: c.callTypeCode, personId: c.to, source: 'manual' } });
          undo.push({ kind: 'removeCall', personId: c.to, date: c.date, callTypeCode: c.callTypeCode });
        }
        if (original) undo.push({ kind: 'addCall', call: original });
      } else {
        const original: InpatientWeek | undefined = b.inpatientWeeksOf(c.from).find((w) => w.start === c.start);
        apply.push({ kind: 'removeInpatientWeek', personId: c.from, start: c.start });
        if (c.to) {
          apply.push({ kind: 'addInpatientWeek', week: { personId: c.to, start: c.start, end: c.end } });
          undo.push({ kind: 'removeInpatientWeek', personId: c.to, start: c.start });
        }
        if (original) undo.push({ kind: 'addInpatientWeek', week: original });
      }
    }
    // Undo in reverse, so a slot changed twice ends as it began.
    return { apply, undo: undo.reverse() };
  }
}
