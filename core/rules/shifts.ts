// Shift-based rotations (rotation.shifts): every day's shifts covered by the rotation's residents
// (per slot), and each resident's limits on the rotation (per person): rest between shifts,
// consecutive shifts, shift hours a week and weekends off in each block. The definitions of a
// shift (its slots and times), its cover and the limits are core/domain/shifts, which the roster
// generator uses too.
import { z } from 'zod';
import { shiftCover, shiftMinuteLimits, shiftSpanOf, weekendsOffRequired, type ShiftSpan } from '../domain/shifts';
import type { Finding, IsoWeekday, Rotation, ShiftRotation } from '../domain/types';
import { shiftStretch } from './duty-items';
import { formatDate, formatDateRange, formatNumber, formatSlot, listShort, plural } from './explain';
import {
  inScope,
  makeFinding,
  slotOf,
  type ActiveRule,
  type PersonRule,
  type RuleContext,
  type SlotRule,
} from './rule';
import { slotIndex, type BlockInfo, type PersonSchedule, type ScheduleState } from './state';

const params = z.strictObject({});
const MINUTE_MS = 60_000;

interface ShiftOf {
  rotation: Rotation & { shifts: ShiftRotation };
  code: string;
  span: ShiftSpan;
  cover: Record<string, number>;
}

/** The program's shifts by activity code and by rotation (activities that are not shifts are left out). */
interface ShiftIndex {
  rotations: (Rotation & { shifts: ShiftRotation })[];
  byRotation: Map<string, ShiftOf[]>;
}

const indexes = new WeakMap<ScheduleState, ShiftIndex>();

function shiftIndex(state: ScheduleState): ShiftIndex {
  let index = indexes.get(state);
  if (index) return index;
  const rotations = [...state.rotations.values()].filter((r): r is Rotation & { shifts: ShiftRotation } => !!r.shifts);
  const byRotation = new Map<string, ShiftOf[]>();
  for (const rotation of rotations) {
    const list: ShiftOf[] = [];
    for (const sh of rotation.shifts.shifts) {
      const activity = state.activities.get(sh.activityCode);
      const span = activity ? shiftSpanOf(activity) : null;
      if (span && typeof span !== 'string') list.push({ rotation, code: sh.activityCode, span, cover: sh.cover });
    }
    byRotation.set(rotation.id, list);
  }
  indexes.set(state, (index = { rotations, byRotation }));
  return index;
}

/** The shift a person works on a day (dated on its start day, found in its first slot), if any. */
function shiftOn(state: ScheduleState, ps: PersonSchedule, day: number): ShiftOf | null {
  if (day < 0 || day >= state.clock.length) return null;
  const index = shiftIndex(state);
  for (const rotation of state.rotationsOn(ps, day)) {
    for (const sh of index.byRotation.get(rotation.id) ?? []) {
      const list = ps.slots[slotIndex(day, sh.span.halves[0])];
      if (list?.some((a) => a.activityCode === sh.code)) return sh;
    }
  }
  return null;
}

/**
 * Whether a person has any half-day on a day. A rotation's days where nobody on it has one are not
 * scheduled yet (an annual plan whose blocks are still to be made): there are no shifts to judge.
 */
function scheduledOn(ps: PersonSchedule, day: number): boolean {
  return Boolean(ps.slots[slotIndex(day, 'AM')]?.length || ps.slots[slotIndex(day, 'PM')]?.length);
}

function shiftName(state: ScheduleState, code: string): string {
  const a = state.activities.get(code);
  return a && a.name !== code ? `${a.name} (${code})` : code;
}

export const shiftCoverRule: SlotRule<z.output<typeof params>> = {
  type: 'shift_cover',
  unit: 'slot',
  params,
  check(ctx, rule, slot) {
    const { state } = ctx;
    const index = shiftIndex(state);
    if (!index.rotations.length) return [];
    const day = slot >> 1;
    const half = slot & 1 ? 'PM' : 'AM';
    const weekday = state.clock.weekday[day] as IsoWeekday;
    const out: Finding[] = [];
    for (const rotation of index.rotations) {
      for (const sh of index.byRotation.get(rotation.id) ?? []) {
        if (sh.span.halves[0] !== half) continue;
        const required = shiftCover(sh.cover, weekday);
        if (required === 0) continue;
        const onRotation = state.peopleInOrder.filter(
          (ps) =>
            ps.person.kind === 'resident' &&
            inScope(state, rule.config, ps.person, day) &&
            state.rotationsOn(ps, day).includes(rotation),
        );
        if (!onRotation.some((ps) => scheduledOn(ps, day))) continue;
        const working = onRotation.filter((ps) => ps.slots[slot]?.some((a) => a.activityCode === sh.code));
        if (working.length >= required) continue;
        const where = slotOf(state, slot);
        const date = formatDate(where.date);
        const others = onRotation.filter((ps) => !working.includes(ps)).map((ps) => ps.person.name);
        out.push(
          makeFinding(state, rule, {
            personId: null,
            from: day,
            to: day,
            slots: [where],
            measured: working.length,
            limit: required,
            unit: 'residents',
            key: `${rotation.code}:${sh.code}`,
            message:
              `${date}: ${rotation.code} ${shiftName(state, sh.code)} has ${working.length} of ${required} ` +
              `residents`,
            explanation:
              `${rotation.name} needs ${plural(required, 'resident')} on its ${shiftName(state, sh.code)} shift on ` +
              `${formatSlot(where)}; ` +
              `${working.length ? `only ${listShort(working.map((ps) => ps.person.name))}` : 'nobody'} ` +
              `${working.length > 1 ? 'are' : 'is'} on it. ` +
              (onRotation.length
                ? `On the rotation that day: ${plural(onRotation.length, 'resident')}` +
                  `${others.length ? ` (not on this shift: ${listShort(others)})` : ''}.`
                : 'No resident is on the rotation that day.'),
          }),
        );
      }
    }
    return out;
  },
};

/** A person's days on one shift-based rotation within one block. */
interface Period {
  rotation: Rotation & { shifts: ShiftRotation };
  block: BlockInfo;
  days: number[];
}

function periods(state: ScheduleState, ps: PersonSchedule, from: number, to: number): Period[] {
  const out: Period[] = [];
  for (const block of state.blocksOverlapping(from, to)) {
    const byRotation = new Map<string, Period>();
    for (let day = Math.max(0, block.firstDay); day <= Math.min(state.clock.length - 1, block.lastDay); day++) {
      for (const rotation of state.rotationsOn(ps, day)) {
        if (!rotation.shifts) continue;
        let p = byRotation.get(rotation.id);
        if (!p) byRotation.set(rotation.id, (p = { rotation: rotation as Period['rotation'], block, days: [] }));
        p.days.push(day);
      }
    }
    out.push(...byRotation.values());
  }
  return out;
}

/** Days an approved absence (with its recovery days) takes a person off the schedule (core/domain/availability). */
function blockedDays(state: ScheduleState, ps: PersonSchedule): Set<number> {
  const out = new Set<number>();
  const availability = state.availability(ps);
  if (availability.empty) return out;
  for (let d = 0; d < state.clock.length; d++) {
    const date = state.clock.dates[d];
    if (availability.halfDay(date, 'AM')?.approved || availability.halfDay(date, 'PM')?.approved) out.add(d);
  }
  return out;
}

export const shiftLimitsRule: PersonRule<z.output<typeof params>> = {
  type: 'shift_limits',
  unit: 'person',
  params,
  // A block on the rotation, and a run of shifts reaching into it.
  reachDays: () => 62,
  check(ctx, rule, ps, span) {
    const { state } = ctx;
    if (!shiftIndex(state).rotations.length || ps.person.kind !== 'resident') return [];
    const out: Finding[] = [];
    out.push(...restAndRuns(ctx, rule, ps, span));
    const blocked = blockedDays(state, ps);
    for (const p of periods(state, ps, span.from, span.to)) {
      if (!inScope(state, rule.config, ps.person, p.days[0])) continue;
      out.push(...periodLimits(ctx, rule, ps, p, blocked));
    }
    return out;
  },
};

/** Rest between consecutive shifts, and runs of shifts on consecutive days, over the span. */
function restAndRuns(
  ctx: RuleContext,
  rule: ActiveRule,
  ps: PersonSchedule,
  span: { from: number; to: number },
): Finding[] {
  const { state } = ctx;
  const out: Finding[] = [];
  const first = Math.max(0, span.from - 30);
  const last = Math.min(state.clock.length - 1, span.to + 30);
  let previous: { day: number; sh: ShiftOf } | null = null;
  let runStart = -1;
  for (let day = first; day <= last + 1; day++) {
    const sh = day <= last ? shiftOn(state, ps, day) : null;
    if (sh && previous && inScope(state, rule.config, ps.person, day)) {
      // Real minutes (one fewer hour over the night the clocks go forward), as every ACGME rule counts them.
      const rest =
        (shiftStretch(state.clock, sh.span, day).start -
          shiftStretch(state.clock, previous.sh.span, previous.day).end) /
        MINUTE_MS;
      const need = sh.rotation.shifts.minRestHours * 60;
      if (rest < need && day >= span.from && previous.day <= span.to) {
        const slots = [
          slotOf(state, slotIndex(previous.day, previous.sh.span.halves[0])),
          slotOf(state, slotIndex(day, sh.span.halves[0])),
        ];
        out.push(
          makeFinding(state, rule, {
            personId: ps.person.id,
            from: previous.day,
            to: day,
            slots,
            measured: rest / 60,
            limit: need / 60,
            unit: 'h rest',
            key: 'rest',
            message:
              `${formatNumber(rest / 60)} h between ${previous.sh.code} on ` +
              `${formatDate(state.clock.dateAt(previous.day))} and ${sh.code} on ` +
              `${formatDate(state.clock.dateAt(day))}; at least ${formatNumber(need / 60)} h`,
            explanation:
              `${sh.rotation.name} gives at least ${formatNumber(need / 60)} hours of rest between ` +
              `shifts; ${ps.person.name}'s ${shiftName(state, previous.sh.code)} ends ${formatNumber(rest / 60)} ` +
              `hours before the ${shiftName(state, sh.code)} starts.`,
          }),
        );
      }
    }
    if (sh && runStart < 0) runStart = day;
    if (!sh && runStart >= 0) {
      const length = day - runStart;
      const rotation = shiftOn(state, ps, day - 1)!.rotation;
      const max = rotation.shifts.maxConsecutiveShifts;
      if (
        length > max &&
        runStart <= span.to &&
        day - 1 >= span.from &&
        inScope(state, rule.config, ps.person, runStart)
      ) {
        const dates = formatDateRange(state.clock.dateAt(runStart), state.clock.dateAt(day - 1));
        out.push(
          makeFinding(state, rule, {
            personId: ps.person.id,
            from: runStart,
            to: day - 1,
            measured: length,
            limit: max,
            unit: 'shifts in a row',
            key: 'run',
            message: `${length} shifts in a row, ${dates}; at most ${max}`,
            explanation:
              `${ps.person.name} works a shift every day from ${dates} (${length} in a row); ` +
              `${rotation.name} allows at most ${max} consecutive shifts.`,
          }),
        );
      }
      runStart = -1;
    }
    if (sh) previous = { day, sh };
  }
  return out;
}

/** Shift hours and whole weekends off of a person's days on a rotation in a block. */
function periodLimits(
  ctx: RuleContext,
  rule: ActiveRule,
  ps: PersonSchedule,
  p: Period,
  blocked: Set<number>,
): Finding[] {
  const { state } = ctx;
  const policy = p.rotation.shifts;
  const out: Finding[] = [];
  // Nothing scheduled for the person in the period yet: no hours or weekends to count.
  if (!p.days.some((d) => scheduledOn(ps, d))) return out;
  const from = p.days[0];
  const to = p.days[p.days.length - 1];
  const dates = formatDateRange(state.clock.dateAt(from), state.clock.dateAt(to));
  const onRotation = new Set(p.days);
  let minutes = 0;
  let shifts = 0;
  for (const day of p.days) {
    const sh = shiftOn(state, ps, day);
    if (sh && sh.rotation.id === p.rotation.id) {
      const stretch = shiftStretch(state.clock, sh.span, day);
      minutes += (stretch.end - stretch.start) / MINUTE_MS;
      shifts++;
    }
  }
  const available = p.days.filter((d) => !blocked.has(d)).length;
  const limits = shiftMinuteLimits(policy, available);
  const where = `block ${p.block.number} (${dates})`;
  if (minutes > limits.max || minutes < limits.min) {
    const over = minutes > limits.max;
    const limit = over ? limits.max : limits.min;
    out.push(
      makeFinding(state, rule, {
        personId: ps.person.id,
        from,
        to,
        measured: minutes / 60,
        limit: limit / 60,
        unit: 'shift hours',
        key: `hours:${p.rotation.code}`,
        message:
          `${formatNumber(minutes / 60)} shift hours on ${p.rotation.code} in ${where}; ` +
          `${over ? 'at most' : 'at least'} ${formatNumber(limit / 60)}`,
        explanation:
          `${p.rotation.name} asks for ` +
          `${formatNumber(policy.minHoursPerWeek)}–${formatNumber(policy.maxHoursPerWeek)} shift hours a week, ` +
          `which over ${ps.person.name}'s ${plural(available, 'available day')} on it in ${where} is ` +
          `${formatNumber(limits.min / 60)}–${formatNumber(limits.max / 60)} hours; ${plural(shifts, 'shift')} make ` +
          `${formatNumber(minutes / 60)}.`,
      }),
    );
  }
  // Whole weekends on the rotation: Saturday and Sunday both among its days.
  let weekends = 0;
  let off = 0;
  for (const day of p.days) {
    if (state.clock.weekday[day] !== 6 || !onRotation.has(day + 1)) continue;
    weekends++;
    if (!shiftOn(state, ps, day) && !shiftOn(state, ps, day + 1)) off++;
  }
  const required = weekendsOffRequired(policy, weekends);
  if (off < required) {
    out.push(
      makeFinding(state, rule, {
        personId: ps.person.id,
        from,
        to,
        measured: off,
        limit: required,
        unit: 'weekends off',
        key: `weekends:${p.rotation.code}`,
        message: `${plural(off, 'weekend')} off on ${p.rotation.code} in ${where}; at least ${required}`,
        explanation:
          `${p.rotation.name} gives ${plural(policy.minWeekendsOff, 'whole weekend')} off per four; ` +
          `${ps.person.name} has ${plural(weekends, 'weekend')} on it in ${where}, so ${required} must be free of ` +
          `shifts, and ${off === 1 ? '1 is' : `${off} are`}.`,
      }),
    );
  }
  return out;
}
