// What a rule is to the engine: a type, a params schema, the unit it is checked per (a person,
// a slot, a block, or the whole program), and a checker. Rules are data (RuleConfig in the
// program's settings); a definition turns one into findings.
import type { z } from 'zod';
import type { Finding, Person, ProgramSettings, RuleConfig, Severity, Slot } from '../domain/types';
import type { PersonTimeline } from './duty';
import type { ResolvedOptions } from './input';
import type { BlockInfo, PersonSchedule, ScheduleState } from './state';

/** A configured rule with its parameters parsed. */
export interface ActiveRule<P = unknown> {
  config: RuleConfig;
  params: P;
}

/** Inclusive run of day indexes. */
export interface DaySpan {
  from: number;
  to: number;
}

export interface RuleContext {
  state: ScheduleState;
  options: ResolvedOptions;
  timeline(ps: PersonSchedule): PersonTimeline;
}

interface Base<P> {
  type: string;
  /** Parses the rule's params (defaults filled in); errors name the param. */
  params: z.ZodType<P>;
  /** Checks params against the rest of the settings (e.g. a service code); throws ComplianceInputError. */
  checkAgainst?(params: P, settings: ProgramSettings): void;
}

/**
 * Checked per person. `check` returns every finding whose date span intersects `span`, each
 * complete (a run of windows is followed to its ends). An edit on days D…E can only change
 * findings intersecting D − reach … E + reach.
 */
export interface PersonRule<P> extends Base<P> {
  unit: 'person';
  reachDays(params: P, options: ResolvedOptions): number;
  check(ctx: RuleContext, rule: ActiveRule<P>, ps: PersonSchedule, span: DaySpan): Finding[];
}
/** Checked per slot across people (a slot index: day × 2 + half). */
export interface SlotRule<P> extends Base<P> {
  unit: 'slot';
  check(ctx: RuleContext, rule: ActiveRule<P>, slot: number): Finding[];
}
/** Checked per block of the rotation plan. */
export interface BlockRule<P> extends Base<P> {
  unit: 'block';
  check(ctx: RuleContext, rule: ActiveRule<P>, block: BlockInfo): Finding[];
}
/** Depends on no schedule edit (e.g. certifications); checked once. */
export interface StaticRule<P> extends Base<P> {
  unit: 'static';
  check(ctx: RuleContext, rule: ActiveRule<P>): Finding[];
}

export type RuleDefinition<P> = PersonRule<P> | SlotRule<P> | BlockRule<P> | StaticRule<P>;
// The registry holds definitions of different param types side by side.
// biome-ignore lint/suspicious/noExplicitAny: each definition's params are its own type; the registry cannot name one
export type AnyRuleDefinition = RuleDefinition<any>;

/** Whether a person falls under a rule's scope on a day (PGY level of that day's academic year). */
export function inScope(state: ScheduleState, config: RuleConfig, person: Person, day: number): boolean {
  const { kinds, pgyLevels } = config.scope;
  if (kinds.length && !kinds.includes(person.kind)) return false;
  if (!pgyLevels.length) return true;
  const pgy = state.pgyOn(person, day);
  return pgy !== null && pgyLevels.includes(pgy);
}

export interface FindingDraft {
  personId: string | null;
  /** First and last day (indexes into the horizon; may lie outside it). */
  from: number;
  to: number;
  slots?: Slot[];
  measured: number;
  limit: number;
  unit: string;
  message: string;
  explanation: string;
  /** Overrides the rule's severity (e.g. a hard limit, a warning level). */
  severity?: Severity;
  /** Distinguishes findings of one rule, person and window (a slot, a call, a PGY level). */
  key?: string;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** A finding with its stable id: rule + person + window (+ key). */
export function makeFinding(state: ScheduleState, rule: ActiveRule, d: FindingDraft): Finding {
  const start = state.clock.dateAt(d.from);
  const end = state.clock.dateAt(d.to);
  const id = [rule.config.id, d.personId ?? '*', start, end, ...(d.key ? [d.key] : [])].join('|');
  return {
    id,
    ruleId: rule.config.id,
    ruleType: rule.config.type,
    severity: d.severity ?? rule.config.severity,
    personId: d.personId,
    start,
    end,
    slots: d.slots ?? [],
    measured: round(d.measured),
    limit: round(d.limit),
    unit: d.unit,
    message: d.message,
    explanation: d.explanation,
  };
}

export function slotOf(state: ScheduleState, slot: number): Slot {
  return { date: state.clock.dateAt(slot >> 1), half: slot & 1 ? 'PM' : 'AM' };
}

/** Day span of a finding in the horizon's indexes. */
export function findingSpan(state: ScheduleState, f: Finding): DaySpan {
  return { from: state.clock.offsetOf(f.start), to: state.clock.offsetOf(f.end) };
}

export function overlaps(a: DaySpan, b: DaySpan): boolean {
  return a.from <= b.to && b.from <= a.to;
}
