// Every repair is checked by the one compliance engine, never trusted because the model found
// it: the repair's changes are tried on an incremental validator of the schedule (the engine's
// trialEdits: applied, measured and undone with nothing recomputed to take them back), and the
// hard findings (critical, high) they add for anyone still there are collected. Only the rules
// that can report a hard finding are run (the others cannot fail a repair).
import type { ProgramData } from '../../domain/program';
import type { Repair } from '../../domain/contingency';
import { type Finding, HARD_SEVERITIES, type IsoDate } from '../../domain/types';
import { complianceInput, createValidator, type ComplianceValidator, type ScheduleEdit } from '../../rules';
import { RULE_DEFINITIONS } from '../../rules/registry';
import type { Baseline } from './baseline';

/** Hard findings (core/domain/types), as a set: a rule's severity, or a severity-valued parameter. */
const HARD = new Set<string>(HARD_SEVERITIES);

/** A finding's id with the person left out (rule, window, key). */
const anyone = (f: Finding) => {
  const parts = f.id.split('|');
  parts[1] = '*';
  return parts.join('|');
};

/** Rule ids that can report a hard finding under the program's settings. */
export function hardRuleIds(data: ProgramData): string[] {
  return data.settings.rules
    .filter(
      (r) =>
        r.enabled &&
        (HARD.has(r.severity) || Object.values(r.params).some((v) => typeof v === 'string' && HARD.has(v))),
    )
    .map((r) => r.id);
}

export interface CheckOutcome {
  /** New hard findings about people still there (empty: the repair passes). */
  problems: Finding[];
}

/**
 * Two validators of the schedule: one with the per-person rules, given only the changes of the
 * people still there (the findings of the people gone are not the repair's business, and a
 * person's rules read only that person's schedule), one with the rules per slot and per block,
 * given every change. Together they report exactly what one validator given every change
 * reports for the people still there, at a fraction of the work.
 */
export class RepairChecker {
  private readonly perPerson: ComplianceValidator;
  private readonly perSlot: ComplianceValidator;
  private readonly before = new Set<string>();
  /** Hard findings the schedule already has, without their person → whose they are. */
  private readonly held = new Map<string, string[]>();

  constructor(b: Baseline, range: { start: IsoDate; end: IsoDate }) {
    const ids = hardRuleIds(b.data);
    const typeOf = new Map(b.data.settings.rules.map((r) => [r.id, r.type]));
    const personal = (id: string) => RULE_DEFINITIONS.get(typeOf.get(id) ?? '')?.unit === 'person';
    const input = complianceInput(b.data, range);
    this.perPerson = createValidator(input, { ruleIds: ids.filter(personal) });
    this.perSlot = createValidator(input, { ruleIds: ids.filter((id) => !personal(id)) });
    for (const f of [...this.perPerson.findings(), ...this.perSlot.findings()]) {
      if (!HARD.has(f.severity)) continue;
      this.before.add(f.id);
      if (f.personId) this.held.set(anyone(f), [...(this.held.get(anyone(f)) ?? []), f.personId]);
    }
  }

  /**
   * Apply the repair, collect what it breaks, undo it. `people`: whose own rules to run (default
   * everyone still there the repair changes); a person whose changes are exactly those of an
   * earlier checked repair reads the same under their own rules and may be left out.
   */
  check(repair: Repair, people?: ReadonlySet<string>): CheckOutcome {
    const gone = new Set(repair.gone);
    const all = this.edits(repair);
    const leaveOut = people
      ? new Set(
          [
            ...repair.changes.flatMap((c) => (c.kind === 'slot' ? [c.personId] : [c.from, ...(c.to ? [c.to] : [])])),
          ].filter((id) => !people.has(id)),
        )
      : gone;
    for (const id of gone) leaveOut.add(id);
    const stays = this.edits(repair, leaveOut);
    const added = [
      ...this.perSlot.trialEdits(all).added,
      ...(stays.length ? this.perPerson.trialEdits(stays).added : []),
    ];
    // A finding the schedule already had for someone gone, now on whoever took over the same
    // duty (a 24-hour call over the daylight-saving night), is not something the repair broke.
    const inherited = (f: Finding) => (this.held.get(anyone(f)) ?? []).some((id) => gone.has(id));
    const problems = added.filter(
      (f) => HARD.has(f.severity) && !this.before.has(f.id) && !(f.personId && gone.has(f.personId)) && !inherited(f),
    );
    return { problems };
  }

  /**
   * Only the rules per slot and per block: enough for the union of two checked repairs that
   * change no one in common (each person's rules see exactly what they saw in one of them).
   */
  checkSlots(repair: Repair): CheckOutcome {
    return this.check(repair, new Set());
  }

  /** The repair as validator edits; `leaveOut`: people whose own changes are not given. */
  edits(repair: Repair, leaveOut: ReadonlySet<string> = new Set()): ScheduleEdit[] {
    const out: ScheduleEdit[] = [];
    for (const c of repair.changes) {
      if (c.kind === 'slot') {
        if (leaveOut.has(c.personId)) continue;
        out.push(
          c.to === null
            ? { kind: 'clearSlot', personId: c.personId, date: c.date, half: c.half }
            : {
                kind: 'setAssignment',
                assignment: {
                  personId: c.personId,
                  date: c.date,
                  half: c.half,
                  activityCode: c.to,
                  source: 'manual',
                  locked: false,
                },
              },
        );
        continue;
      }
      // With people left out, the person gone keeps the call or week in this validator: only
      // the person taking over is given it.
      if (!leaveOut.size) {
        out.push(
          c.kind === 'call'
            ? { kind: 'removeCall', personId: c.from, date: c.date, callTypeCode: c.callTypeCode }
            : { kind: 'removeInpatientWeek', personId: c.from, start: c.start },
        );
      }
      if (!c.to || leaveOut.has(c.to)) continue;
      out.push(
        c.kind === 'call'
          ? { kind: 'addCall', call: { date: c.date, callTypeCode: c.callTypeCode, personId: c.to, source: 'manual' } }
          : { kind: 'addInpatientWeek', week: { personId: c.to, start: c.start, end: c.end } },
      );
    }
    return out;
  }
}
