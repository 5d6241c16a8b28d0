// The compliance engine: validate a schedule against the program's rules, in full or
// incrementally. Findings are kept per unit (rule × person, rule × slot, rule × block); an edit
// recomputes only the units it touches, and for per-person rules only the windows around the
// edited days (each rule's reach), then reports what was added and removed.
import type { Absence, Assignment, Finding, IsoDate } from '../domain/types';
import { isIsoDate } from '../domain/calendar';
import { PersonTimeline } from './duty';
import { DEFAULT_WORK_PERIOD_BREAK_MINUTES } from './duty-items';
import type { ScheduleEdit } from './edits';
import { ComplianceInputError, type ComplianceInput, type ComplianceOptions, type ResolvedOptions } from './input';
import { compileRules, type CompiledRule } from './registry';
import { findingSpan, inScope, overlaps, type DaySpan, type RuleContext } from './rule';
import { at, slotIndex, ScheduleState, type PersonSchedule, type Touched, type Undo } from './state';
import { byPerson, frameOf, listChange, sameAssignments, sameFrame, type Frame } from './schedule-change';
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
  /** What the state was built on besides the schedule (changeTo keeps it). */
  private readonly frame: Frame;

  /**
   * `fill: false` leaves the schedule's items and the findings to be worked out by the caller (steps:
   * the same work, a part at a time).
   */
  constructor(input: ComplianceInput, options: ComplianceOptions = {}, fill = true) {
    this.options = resolveOptions(input, options);
    this.frame = frameOf(input);
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
    return this.commit((touched, undos) =>
      edits.forEach((edit, i) => undos.push(...this.mutate(edit, `edits[${i}]`, touched))),
    );
  }

  /**
   * The schedule replaced by another version of it (`next`: the same range, people, catalog and
   * settings, see sameFrame) as one change: only the items that differ are applied, and only the
   * units they touch (each rule's reach around the changed days) are checked again. The findings are
   * then those of a fresh validation of `next`. Bad items in `next` change nothing. Items are values:
   * a changed item is a new object (one changed in place, still held by the state, is not seen).
   * `previous`: the input the state holds now; its half-days were checked as it was loaded, so the
   * same objects in `next` are not checked again (a year's: most of the work otherwise).
   */
  changeTo(next: ComplianceInput, previous?: ComplianceInput): FindingDiff {
    return this.commit((touched, undos) => this.mutateTo(next, touched, undos, previous));
  }

  /** Apply a change (all or nothing), recompute the units it touched and report the net difference in findings. */
  private commit(change: (touched: Touched, undos: Undo[]) => void): FindingDiff {
    const undos: Undo[] = [];
    const touched: Touched = { persons: new Map(), slots: new Set(), blocks: new Set() };
    try {
      // The change keeps each step's undo as it goes: one that fails part-way is undone whole.
      change(touched, undos);
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
          // A change that reaches over the whole range (a regenerated block checked with its margin):
          // the person is checked over the range once, as a fresh validation does.
          if (region.from <= range.from && region.to >= range.to) {
            changes.push({ key, next: dedupe(this.checkPerson(rule, ps, range)) });
            continue;
          }
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

  /** Change the state to `next`'s items (same frame), item by item, touching what each change touches. */
  private mutateTo(next: ComplianceInput, touched: Touched, undos: Undo[], previous?: ComplianceInput): void {
    const { state } = this;
    const { clock } = state;
    if (!sameFrame(this.frame, next))
      throw new Error('changeTo: the schedule must keep the range, people, catalog and settings it was validated with');
    // Every item of `next` is checked as a fresh validation would, but for those of `previous` at the
    // same place or met in the same order (the program's half-days a generated block left as they
    // were; a Set of a year's half-days would cost more than their checks).
    const known = previous?.assignments ?? [];
    const items = next.assignments ?? [];
    const first = clock.dateAt(0);
    const last = clock.dateAt(clock.length - 1);
    const slots = new Map<string, (Assignment[] | undefined)[]>();
    for (let i = 0, k = 0; i < items.length; i++) {
      const a = items[i];
      if (known[k] === a) k++;
      else if (known[i] !== a) at('assignments', i, () => state.checkAssignment(a));
      // Outside the horizon: nothing the state keeps (the string test spares most a lookup).
      const day = a.date < first || a.date > last ? -1 : clock.indexOf(a.date);
      if (day < 0) continue;
      let own = slots.get(a.personId);
      if (!own) slots.set(a.personId, (own = new Array(clock.length * 2)));
      const slot = slotIndex(day, a.half);
      const list = own[slot];
      if (list) list.push(a);
      else own[slot] = [a];
    }
    const check = <T>(name: string, items: readonly T[] | undefined, one: (item: T) => unknown) =>
      (items ?? []).forEach((item, i) => at(name, i, () => one(item)));
    check('calls', next.calls, (c) => state.checkCall(c));
    check('absences', next.absences, (a) => state.checkAbsence(a));
    check('inpatientWeeks', next.inpatientWeeks, (w) => state.checkInpatientWeek(w));
    check('moonlighting', next.moonlighting, (m) => state.checkMoonlighting(m));
    check('callbacks', next.callbacks, (c) => state.checkCallback(c));
    check('rotationAssignments', next.rotationAssignments, (r) => state.checkRotationAssignment(r));

    // Each person's list of a kind of item changed to `next`'s: removals first (an item replaced by its
    // new version, an absence of the same id, is gone before it comes back).
    const day = (date: IsoDate) => clock.offsetOf(date);
    const list = <K extends ItemList>(key: K, touch: (x: Item<K>) => void) => {
      const [remove, add] = ITEM_EDITS[key];
      const wanted = byPerson<Item<K>>(next[key] as Item<K>[] | undefined);
      return (ps: PersonSchedule) => {
        const { removed, added } = listChange(ps[key] as Item<K>[], wanted.get(ps.person.id) ?? []);
        for (const x of removed) {
          touch(x);
          undos.push(remove(state, x));
        }
        for (const x of added) {
          touch(x);
          undos.push(add(state, x));
        }
      };
    };
    const days = (id: string, from: string, to: string) => this.touchPerson(touched, id, day(from), day(to) + 1);
    const timed = (x: { personId: string; start: string; end: string }) => this.touchTimed(touched, x);
    const lists = [
      list('calls', (c) => days(c.personId, c.date, c.date)),
      list('absences', (a) => this.touchAbsence(touched, a)),
      list('inpatientWeeks', (w) => days(w.personId, w.start, w.end)),
      list('moonlighting', timed),
      list('callbacks', timed),
      list('rotationAssignments', (r) => this.touchBlock(touched, r.personId, r.academicYear, r.blockNumber)),
    ];
    const slotChanges: { personId: string; slot: number; next: Assignment[] | undefined }[] = [];
    for (const ps of state.peopleInOrder) {
      const id = ps.person.id;
      const own = slots.get(id);
      for (let slot = 0; slot < clock.length * 2; slot++) {
        const now = own?.[slot];
        if (sameAssignments(ps.slots[slot], now)) continue;
        this.touchPerson(touched, id, slot >> 1, slot >> 1);
        touched.slots.add(slot);
        slotChanges.push({ personId: id, slot, next: now });
      }
      for (const change of lists) change(ps);
    }
    undos.push(state.setSlotsAt(slotChanges));
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

/** The lists of items a person has besides half-days, and an item of one. */
type ItemList = 'calls' | 'absences' | 'inpatientWeeks' | 'moonlighting' | 'callbacks' | 'rotationAssignments';
type Item<K extends ItemList> = PersonSchedule[K][number];
type ItemEdit<K extends ItemList> = (state: ScheduleState, item: Item<K>) => Undo;
/** How an item of each list is taken out of and put into the state (its indexes kept in step). */
const ITEM_EDITS: { [K in ItemList]: [remove: ItemEdit<K>, add: ItemEdit<K>] } = {
  calls: [(s, c) => s.removeCall(c), (s, c) => s.addCall(c)],
  absences: [(s, a) => s.removeAbsence(a), (s, a) => s.addAbsence(a)],
  inpatientWeeks: [(s, w) => s.removeInpatientWeek(w), (s, w) => s.addInpatientWeek(w)],
  moonlighting: [(s, m) => s.removeMoonlighting(m), (s, m) => s.addMoonlighting(m)],
  callbacks: [(s, c) => s.removeCallback(c), (s, c) => s.addCallback(c)],
  rotationAssignments: [(s, r) => s.removeRotationAssignment(r), (s, r) => s.addRotationAssignment(r)],
};

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

/** A schedule's findings, and a way to the findings of other versions of it that shares the first one's work. */
export interface ValidationInTurn {
  findings: Finding[];
  /**
   * The findings of another version of the schedule, as a fresh validation gives them: where it keeps the
   * range, people, catalog and settings, the state is changed to it and only what changed is checked again.
   */
  next(input: ComplianceInput): Finding[];
}

/**
 * Validate a schedule, then versions of it in turn (the program before and after generation, the
 * published schedule and a draft's): one indexed schedule, one set of per-person duty periods, and
 * each later version checked where it differs (each rule's reach around the changed days).
 */
export function validateInTurn(input: ComplianceInput, options?: ComplianceOptions): ValidationInTurn {
  const validator = new ComplianceValidator(input, options);
  const frame = frameOf(input);
  // The input the state holds: its items were checked once (kept only while the caller keeps this).
  let current = input;
  return {
    findings: validator.findings(),
    next(other) {
      if (!sameFrame(frame, other)) return validate(other, options);
      validator.changeTo(other, current);
      current = other;
      return validator.findings();
    },
  };
}
