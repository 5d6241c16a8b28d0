// Standing program rules on protected slots (Wednesday PM is lecture for everyone): a resident
// whose rotation is not exempt (rotation.exemptFrom lists the rule's id) and who is working
// something else in that slot. Leave or off in the slot is not flagged, nor an empty slot. On
// the last such weekday of a block another activity may be expected (advising).
import { z } from 'zod';
import type { Finding } from '../domain/types';
import { formatSlot } from './explain';
import { makeFinding, slotOf, type PersonRule } from './rule';
import { slotIndex, type ScheduleState } from './state';

const params = z.strictObject({
  weekday: z.number().int().min(1).max(7),
  half: z.enum(['AM', 'PM']),
  activityCode: z.string().min(1),
  /** On the last such weekday of a block this activity is expected instead (advising). */
  lastOfBlockActivityCode: z.string().min(1).nullable().default(null),
});

/** Whether no later day of the same block falls on the same weekday. */
function lastOfBlock(state: ScheduleState, day: number): boolean {
  const block = state.blocks.find((b) => b.firstDay <= day && day <= b.lastDay);
  return !!block && day + 7 > block.lastDay;
}

export const standingSlotRule: PersonRule<z.output<typeof params>> = {
  type: 'standing_slot',
  unit: 'person',
  params,
  reachDays: () => 0,
  check(ctx, rule, ps, span) {
    const { state } = ctx;
    const { clock } = state;
    const p = rule.params;
    const out: Finding[] = [];
    for (let day = Math.max(0, span.from); day <= Math.min(span.to, clock.length - 1); day++) {
      if (clock.weekday[day] !== p.weekday) continue;
      const slot = slotIndex(day, p.half);
      const list = ps.slots[slot];
      const expected =
        p.lastOfBlockActivityCode && lastOfBlock(state, day) ? p.lastOfBlockActivityCode : p.activityCode;
      if (!list?.length || list.some((a) => a.activityCode === expected)) continue;
      const working = list
        .filter((a) => state.activity(a.activityCode).countsTowardDutyHours)
        .map((a) => a.activityCode)
        .sort();
      if (!working.length) continue;
      // Exempt only when every rotation the person is on that day is (plans rarely overlap).
      const rotations = state.rotationsOn(ps, day);
      if (rotations.length && rotations.every((r) => r.exemptFrom.includes(rule.config.id))) continue;
      const onRotation = rotations.map((r) => r.name).join(', ');
      const where = slotOf(state, slot);
      out.push(
        makeFinding(state, rule, {
          personId: ps.person.id,
          from: day,
          to: day,
          slots: [where],
          measured: 0,
          limit: 1,
          unit: `${expected} half-days`,
          key: p.half,
          message: `${formatSlot(where)}: ${working.join(', ')} instead of ${expected}`,
          explanation:
            `${formatSlot(where)} is reserved for ${expected} (standing rule ` +
            `"${rule.config.id}")${onRotation ? `; ${onRotation} is not exempt from it` : ''}, but ` +
            `${ps.person.name} is scheduled for ${working.join(' and ')}.`,
        }),
      );
    }
    return out;
  },
};
