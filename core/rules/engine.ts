// The compliance engine: validate a schedule against the program's rules, in full or
// incrementally. Findings are kept per unit (rule × person, rule × slot, rule × block); an edit
// recomputes only the units it touches, and for per-person rules only the windows around the
// edited days (each rule's reach), then reports what was added and removed.
import type { Absence, Finding } from '../domain/types';
import { isIsoDate } from '../domain/calendar';
import { PersonTimeline } from './duty';
import { DEFAULT_WORK_PERIOD_BREAK_MINUTES } from './duty-items';
import type { ScheduleEdit } from './edits';
import { ComplianceInputError, type ComplianceInput, type ComplianceOptions, type ResolvedOptions } from './input';
import { compileRules, type CompiledRule } from './registry';
import { findingSpan, inScope, overlaps, type DaySpan, type RuleContext } from './rule';
import { at, slotIndex, ScheduleState, type PersonSchedule, type Touched, type Undo } from './state';
import { finish } from './steps';

export interface FindingDiff {
  added: Finding[];
  removed: Finding[];
}

/** Order findings: by start date, end date, rule, person, id. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    cmp(a.start, b.start) ||
    cmp(a.end, b.end) ||
    cmp(a.ruleId, b.ruleId) ||
    cmp(a.personId ?? '', b.personId ?? '') ||
    cmp(a.id, b.id)
  );
}
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function resolveOptions(input: ComplianceInput, options: ComplianceOptions): ResolvedOptions {
  const asOf = options.asOf ?? input.range.start;
  if (!isIsoDate(asOf)) throw new ComplianceInputError('options.asOf', `not a date (YYYY-MM-DD): "${asOf}"`);
  const breakMinutes = options.workPeriodBreakMinutes ?? DEFAULT_WORK_PERIOD_BREAK_MINUTES;
  if (!(breakMinutes >= 0 && breakMinutes <= 24 * 60))
    throw new ComplianceInputError('options.workPeriodBreakMinutes', `expected 0 … 1440 minutes, got ${breakMinutes}`);
  return {
    asOf,
    ruleIds: options.ruleIds ? new Set(options.ruleIds) : null,
    workPeriodBreakMs: breakMinutes * 60_000,
    inpatientWeekActivityCode: options.inpatientWeekActivityCode ?? 'FMIT',
  };
}

interface UnitChange {
  key: string;
  next: Finding[];
}

export class ComplianceValidator {
  private readonly state: ScheduleState;
  private readonly rules: CompiledRule[];
  private readonly options: ResolvedOptions;
  private readonly units = new Map<string, Finding[]>();
  private readonly timelines = new Map<string, { version: number; timeline: PersonTimeline }>();
  /** Per person, the days edited since their cached timeline was built (it is derived from it, not rebuilt). */
  private readonly editedDays = new Map<string, DaySpan>();
  private readonly ctx: RuleContext;

  /**
   * `fill: false` leaves the schedule's items and the findings to be worked out by the caller (steps:
   * the same work, a part at a time).
   */
  constructor(input: ComplianceInput, options: ComplianceOptions = {}, fill = true) {
    this.options = resolveOptions(input, options);
    this.rules = compileRules(input.settings, this.options.ruleIds);
    // Context read around the range: the longest reach of any rule (a 28-day window), and at
    // least a week and a bit so whole weeks and overnight items at the edges are seen.
    let margin = 9;
    for (const r of this.rules) {
      if (r.definition.unit === 'person')
        margin = Math.max(margin, r.definition.reachDays(r.active.params, this.options) + 2);
    }
    this.state = new ScheduleState(input, margin, fill);
    this.ctx = { state: this.state, options: this.options, timeline: (ps) => this.timeline(ps) };
    if (fill) finish(this.recomputeSteps());
  }

  /**
   * The same validator, built a few units at a time: it yields between parts, so a caller on the
   * main thread lets other work run (a year at 150 residents is about a second of CPU).
   */
  static *steps(input: ComplianceInput, options: ComplianceOptions = {}): Generator<void, ComplianceValidator> {
    const validator = new ComplianceValidator(input, options, false);
    yield;
    // The schedule indexed a part at a time (a year's half-days), then the rules' units.
    yield* validator.state.loadSteps(input);
    yield;
    yield* validator.recomputeSteps();
    return validator;
  }

  /** Every current finding, in a stable order. */
  findings(): Finding[] {
    const all: Finding[] = [];
    for (const list of this.units.values()) all.push(...list);
    return all.sort(compareFindings);
  }

  /** Apply one edit and report the findings it added and removed. Bad edits change nothing. */
  applyEdit(edit: ScheduleEdit): FindingDiff {
    return this.applyEdits([edit]);
  }

  /** Apply edits as one change (all or nothing) and report the net difference in findings. */
  applyEdits(edits: readonly ScheduleEdit[]): FindingDiff {
    const undos: Undo[] = [];
    const touched: Touched = { persons: new Map(), slots: new Set(), blocks: new Set() };
    try {
      edits.forEach((edit, i) => undos.push(...this.mutate(edit, `edits[${i}]`, touched)));
      // Findings are only replaced once every unit is recomputed.
      const changes = this.recomputeTouched(touched);
      const diff = this.diffOf(changes);
      for (const { key, next } of changes) this.setUnit(key, next);
      return diff;
    } catch (err) {
      for (const undo of undos.reverse()) undo();
      throw err;
    }
  }

  /**
   * The findings edits would add and remove, without keeping them: applied, measured and undone.
   * Nothing is recomputed to take them back, and what was derived for the schedule before
   * (timelines, availability) stays cached, so many trials of one schedule cost one each.
   */
  trialEdits(edits: readonly ScheduleEdit[]): FindingDiff {
    const undos: Undo[] = [];
    const touched: Touched = { persons: new Map(), slots: new Set(), blocks: new Set() };
    const checkpoint = this.state.checkpoint();
    const timelines = new Map(this.timelines);
    const editedDays = [...this.editedDays].map(([id, span]) => [id, { ...span }] as const);
    try {
      edits.forEach((edit, i) => undos.push(...this.mutate(edit, `edits[${i}]`, touched)));
      return this.diffOf(this.recomputeTouched(touched));
    } finally {
      for (const undo of undos.reverse()) undo();
      this.state.restore(checkpoint);
      this.timelines.clear();
      for (const [id, t] of timelines) this.timelines.set(id, t);
      this.editedDays.clear();
      for (const [id, span] of editedDays) this.editedDays.set(id, span);
    }
  }

  // ---- Units ----

  private timeline(ps: PersonSchedule): PersonTimeline {
    const version = this.state.version(ps.person.id);
    const cached = this.timelines.get(ps.person.id);
    if (cached && cached.version === version) return cached.timeline;
    const edited = this.editedDays.get(ps.person.id);
    const since = cached && edited ? { timeline: cached.timeline, ...edited } : undefined;
    const timeline = new PersonTimeline(this.state, ps, this.options, since);
    this.timelines.set(ps.person.id, { version, timeline });
    this.editedDays.delete(ps.person.id);
    return timeline;
  }

  private get rangeSpan(): DaySpan {
    return { from: this.state.rangeFirst, to: this.state.rangeLast };
  }

  /**
   * Person-rule findings intersecting a span, kept where they intersect the reported range and
   * the person is in the rule's scope (on the finding's last day).
   */
  private checkPerson(rule: CompiledRule, ps: PersonSchedule, span: DaySpan): Finding[] {
    if (rule.definition.unit !== 'person') return [];
    const found = rule.definition.check(this.ctx, rule.active, ps, span);
    const config = rule.active.config;
    const range = this.rangeSpan;
    return found.filter((f) => {
      const days = findingSpan(this.state, f);
      return overlaps(days, range) && inScope(this.state, config, ps.person, days.to);
    });
  }

  private personApplies(rule: CompiledRule, ps: PersonSchedule): boolean {
    const { kinds } = rule.active.config.scope;
    return !kinds.length || kinds.includes(ps.person.kind);
  }

  /** Every unit of every rule over the range, yielding after every UNITS_PER_STEP units. */
  private *recomputeSteps(): Generator<void> {
    const { state } = this;
    const range = this.rangeSpan;
    let units = 0;
    const counted = () => ++units % UNITS_PER_STEP === 0;
    for (const [r, rule] of this.rules.entries()) {
      const def = rule.definition;
      if (def.unit === 'person') {
        for (const ps of state.peopleInOrder) {
          if (!this.personApplies(rule, ps)) continue;
          this.setUnit(`${r}:p:${ps.person.id}`, this.checkPerson(rule, ps, range));
          if (counted()) yield;
        }
      } else if (def.unit === 'slot') {
        for (let slot = slotIndex(range.from, 'AM'); slot <= slotIndex(range.to, 'PM'); slot++) {
          if (!state.slotAssignments[slot].length) continue;
          this.setUnit(`${r}:s:${slot}`, def.check(this.ctx, rule.active, slot));
          if (counted()) yield;
        }
      } else if (def.unit === 'block') {
        for (const block of state.blocksOverlapping(range.from, range.to)) {
          this.setUnit(`${r}:b:${block.key}`, def.check(this.ctx, rule.active, block));
          if (counted()) yield;
        }
      } else {
        this.setUnit(`${r}:static`, def.check(this.ctx, rule.active));
        if (counted()) yield;
      }
    }
  }

  private setUnit(key: string, list: Finding[]): void {
    if (list.length) this.units.set(key, dedupe(list));
    else this.units.delete(key);
  }

  private recomputeTouched(touched: Touched): UnitChange[] {
    const { state } = this;
    const range = this.rangeSpan;
    const changes: UnitChange[] = [];
    this.rules.forEach((rule, r) => {
      const def = rule.definition;
      if (def.unit === 'person') {
        const reach = def.reachDays(rule.active.params, this.options);
        for (const [personId, days] of touched.persons) {
          const ps = state.person(personId);
          if (!this.personApplies(rule, ps)) continue;
          // Not clipped to the range: a run that reaches into the range can end outside it.
          let region: DaySpan = { from: days.from - reach, to: days.to + reach };
          const key = `${r}:p:${personId}`;
          const old = this.units.get(key) ?? [];
          // Grow the region over every finding, old or new, that touches it, so findings inside
          // it are recomputed whole and everything outside it is untouched by the edit.
          let fresh: Finding[];
          for (;;) {
            fresh = this.checkPerson(rule, ps, region);
            const grown = { ...region };
            for (const f of [...fresh, ...old]) {
              const s = findingSpan(state, f);
              if (!overlaps(s, region)) continue;
              grown.from = Math.min(grown.from, s.from);
              grown.to = Math.max(grown.to, s.to);
            }
            if (grown.from === region.from && grown.to === region.to) break;
            region = grown;
          }
          const kept = old.filter((f) => !overlaps(findingSpan(state, f), region));
          changes.push({ key, next: dedupe([...kept, ...fresh]) });
        }
      } else if (def.unit === 'slot') {
        for (const slot of touched.slots) {
          if (slot >> 1 < range.from || slot >> 1 > range.to) continue;
          changes.push({ key: `${r}:s:${slot}`, next: dedupe(def.check(this.ctx, rule.active, slot)) });
        }
      } else if (def.unit === 'block') {
        for (const key of touched.blocks) {
          const block = state.blockByKey.get(key);
          if (!block || block.lastDay < range.from || block.firstDay > range.to) continue;
          changes.push({ key: `${r}:b:${key}`, next: dedupe(def.check(this.ctx, rule.active, block)) });
        }
      }
    });
    return changes;
  }

  /** The findings recomputed units would add and remove (the units are not changed). */
  private diffOf(changes: UnitChange[]): FindingDiff {
    const before = new Map<string, Finding>();
    const after = new Map<string, Finding>();
    for (const { key, next } of changes) {
      for (const f of this.units.get(key) ?? []) before.set(f.id, f);
      for (const f of next) after.set(f.id, f);
    }
    const added: Finding[] = [];
    const removed: Finding[] = [];
    for (const [id, f] of after) {
      const old = before.get(id);
      if (!old || !sameFinding(old, f)) added.push(f);
    }
    for (const [id, f] of before) {
      const now = after.get(id);
      if (!now || !sameFinding(now, f)) removed.push(f);
    }
    return { added: added.sort(compareFindings), removed: removed.sort(compareFindings) };
  }

  // ---- Edits ----

  private touchPerson(touched: Touched, personId: string, from: number, to: number): void {
    const edited = this.editedDays.get(personId);
    if (edited) {
      edited.from = Math.min(edited.from, from);
      edited.to = Math.max(edited.to, to);
    } else this.editedDays.set(personId, { from, to });
    const days = touched.persons.get(personId);
    if (days) {
      days.from = Math.min(days.from, from);
      days.to = Math.max(days.to, to);
    } else touched.persons.set(personId, { from, to });
  }

  /** Check one edit, apply it, and record what it touches; returns its undo steps. */
  private mutate(edit: ScheduleEdit, where: string, touched: Touched): Undo[] {
    const { state } = this;
    const { clock } = state;
    switch (edit.kind) {
      case 'setAssignment':
      case 'clearSlot': {
        const a = edit.kind === 'setAssignment' ? edit.assignment : null;
        const { personId, date, half } = edit.kind === 'setAssignment' ? edit.assignment : edit;
        if (a) at(`${where}.assignment`, null, () => state.checkAssignment(a));
        else at(where, null, () => state.checkSlot(personId, date, half));
        const day = clock.offsetOf(date);
        this.touchPerson(touched, personId, day, day);
        if (day >= 0 && day < clock.length) touched.slots.add(slotIndex(day, half));
        return [state.setSlot(personId, date, half, a)];
      }
      case 'addCall': {
        at(`${where}.call`, null, () => state.checkCall(edit.call));
        const day = clock.offsetOf(edit.call.date);
        this.touchPerson(touched, edit.call.personId, day, day + 1);
        return [state.addCall(edit.call)];
      }
      case 'removeCall': {
        const call = state.people.has(edit.personId)
          ? state.findCall(edit.personId, edit.date, edit.callTypeCode)
          : undefined;
        if (!call)
          throw new ComplianceInputError(where, `no ${edit.callTypeCode} call for "${edit.personId}" on ${edit.date}`);
        const day = clock.offsetOf(edit.date);
        this.touchPerson(touched, edit.personId, day, day + 1);
        return [state.removeCall(call)];
      }
      case 'addAbsence': {
        at(`${where}.absence`, null, () => state.checkAbsence(edit.absence));
        if (state.findAbsence(edit.absence.id))
          throw new ComplianceInputError(`${where}.absence.id`, `absence "${edit.absence.id}" already exists`);
        this.touchAbsence(touched, edit.absence);
        return [state.addAbsence(edit.absence)];
      }
      case 'removeAbsence': {
        const absence = state.findAbsence(edit.absenceId);
        if (!absence) throw new ComplianceInputError(`${where}.absenceId`, `no absence "${edit.absenceId}"`);
        this.touchAbsence(touched, absence);
        return [state.removeAbsence(absence)];
      }
      case 'addInpatientWeek': {
        at(`${where}.week`, null, () => state.checkInpatientWeek(edit.week));
        this.touchPerson(
          touched,
          edit.week.personId,
          clock.offsetOf(edit.week.start),
          clock.offsetOf(edit.week.end) + 1,
        );
        return [state.addInpatientWeek(edit.week)];
      }
      case 'removeInpatientWeek': {
        const week = state.people.has(edit.personId) ? state.findInpatientWeek(edit.personId, edit.start) : undefined;
        if (!week)
          throw new ComplianceInputError(where, `no inpatient week for "${edit.personId}" starting ${edit.start}`);
        this.touchPerson(touched, edit.personId, clock.offsetOf(week.start), clock.offsetOf(week.end) + 1);
        return [state.removeInpatientWeek(week)];
      }
      case 'addMoonlighting': {
        at(`${where}.entry`, null, () => state.checkMoonlighting(edit.entry));
        if (state.findMoonlighting(edit.entry.id))
          throw new ComplianceInputError(`${where}.entry.id`, `moonlighting entry "${edit.entry.id}" already exists`);
        this.touchTimed(touched, edit.entry);
        return [state.addMoonlighting(edit.entry)];
      }
      case 'removeMoonlighting': {
        const entry = state.findMoonlighting(edit.entryId);
        if (!entry) throw new ComplianceInputError(`${where}.entryId`, `no moonlighting entry "${edit.entryId}"`);
        this.touchTimed(touched, entry);
        return [state.removeMoonlighting(entry)];
      }
      case 'addCallback': {
        at(`${where}.callback`, null, () => state.checkCallback(edit.callback));
        if (state.findCallback(edit.callback.id))
          throw new ComplianceInputError(`${where}.callback.id`, `callback "${edit.callback.id}" already exists`);
        this.touchTimed(touched, edit.callback);
        return [state.addCallback(edit.callback)];
      }
      case 'removeCallback': {
        const callback = state.findCallback(edit.callbackId);
        if (!callback) throw new ComplianceInputError(`${where}.callbackId`, `no callback "${edit.callbackId}"`);
        this.touchTimed(touched, callback);
        return [state.removeCallback(callback)];
      }
      case 'setRotationAssignment': {
        const next = edit.rotationAssignment;
        at(`${where}.rotationAssignment`, null, () => state.checkRotationAssignment(next));
        const undos: Undo[] = [];
        const clash = state
          .person(next.personId)
          .rotationAssignments.filter(
            (r) =>
              r.academicYear === next.academicYear &&
              r.blockNumber === next.blockNumber &&
              (r.part === 'full' || next.part === 'full' || r.part === next.part),
          );
        for (const r of clash) undos.push(state.removeRotationAssignment(r));
        undos.push(state.addRotationAssignment(next));
        this.touchBlock(touched, next.personId, next.academicYear, next.blockNumber);
        return undos;
      }
      case 'removeRotationAssignment': {
        const found = state.people.has(edit.personId)
          ? state.findRotationAssignment(edit.personId, edit.academicYear, edit.blockNumber, edit.part)
          : undefined;
        if (!found)
          throw new ComplianceInputError(
            where,
            `no ${edit.part} rotation assignment for "${edit.personId}" in block ${edit.blockNumber} of ` +
              `${edit.academicYear}`,
          );
        this.touchBlock(touched, edit.personId, edit.academicYear, edit.blockNumber);
        return [state.removeRotationAssignment(found)];
      }
    }
  }

  private touchAbsence(touched: Touched, absence: Absence): void {
    const { clock } = this.state;
    const recovery = this.state.policyOf(absence.type).recoveryDays;
    // The night before its first day is covered too (a call ending on that morning).
    this.touchPerson(
      touched,
      absence.personId,
      clock.offsetOf(absence.start) - 1,
      clock.offsetOf(absence.end) + recovery,
    );
  }

  /** A moonlighting shift or callback touches the days it runs on. */
  private touchTimed(touched: Touched, entry: { personId: string; start: string; end: string }): void {
    const { clock } = this.state;
    this.touchPerson(
      touched,
      entry.personId,
      clock.offsetOf(entry.start.slice(0, 10)),
      clock.offsetOf(entry.end.slice(0, 10)),
    );
  }

  private touchBlock(touched: Touched, personId: string, year: number, blockNumber: number): void {
    const key = `${year}:${blockNumber}`;
    touched.blocks.add(key);
    const block = this.state.blockByKey.get(key);
    if (block) this.touchPerson(touched, personId, block.firstDay, block.lastDay);
  }
}

function dedupe(list: Finding[]): Finding[] {
  const seen = new Set<string>();
  return list.filter((f) => (seen.has(f.id) ? false : (seen.add(f.id), true)));
}

function sameFinding(a: Finding, b: Finding): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** An incremental validator for a schedule: full findings now, then per-edit differences. */
/** Units (a rule for a person, a slot or a block) worked out between two yields of a validator's steps. */
const UNITS_PER_STEP = 40;

export { finish };

export function createValidator(input: ComplianceInput, options?: ComplianceOptions): ComplianceValidator {
  return new ComplianceValidator(input, options);
}

/** Validate a schedule against the program's rules; findings in a stable order. */
export function validate(input: ComplianceInput, options?: ComplianceOptions): Finding[] {
  return new ComplianceValidator(input, options).findings();
}
