// Per-slot program policies: faculty supervision of learners in clinic, and clinic capacity
// (soft and hard limits scaled by the day's type).
import { z } from 'zod';
import { SEVERITIES, type Severity } from '../domain/types';
import { formatNumber, formatScale, formatSlot, plural } from './explain';
import { inScope, makeFinding, slotOf, type SlotRule } from './rule';

const supervisionParams = z.strictObject({
  unitsPerFaculty: z.number().positive(),
  pgy1Units: z.number().min(0),
  seniorUnits: z.number().min(0),
  /** Students, rotating interns, and residents without a PGY level that year. */
  learnerUnits: z.number().min(0).default(2),
});

/**
 * Each learner in an activity that needs supervision brings units (PGY-1 2, PGY-2+ 1, plus the
 * activity's extra units for procedures); the slot needs ceil(units / 4) faculty in activities
 * that provide supervision. The rule's scope picks the learners; every faculty member counts.
 */
export const supervisionRule: SlotRule<z.output<typeof supervisionParams>> = {
  type: 'supervision',
  unit: 'slot',
  params: supervisionParams,
  check(ctx, rule, slot) {
    const { state } = ctx;
    const p = rule.params;
    const day = slot >> 1;
    let units = 0;
    let learners = 0;
    let pgy1 = 0;
    let procedures = 0;
    const supervisors = new Set<string>();
    for (const a of state.slotAssignments[slot]) {
      const activity = state.activity(a.activityCode);
      const person = state.people.get(a.personId)!.person;
      if (person.kind === 'faculty') {
        if (activity.providesSupervision) supervisors.add(person.id);
        continue;
      }
      if (!activity.needsSupervision || !inScope(state, rule.config, person, day)) continue;
      const pgy = person.kind === 'resident' ? state.pgyOn(person, day) : null;
      units +=
        (pgy === null ? p.learnerUnits : pgy <= 1 ? p.pgy1Units : p.seniorUnits) + activity.extraSupervisionUnits;
      learners++;
      if (pgy === 1) pgy1++;
      if (activity.extraSupervisionUnits > 0) procedures++;
    }
    if (units === 0) return [];
    const needed = Math.ceil(units / p.unitsPerFaculty);
    if (supervisors.size >= needed) return [];
    const where = slotOf(state, slot);
    const mix = [
      `${plural(learners, 'learner')}`,
      pgy1 ? `${pgy1} PGY-1` : '',
      procedures ? `${procedures} doing procedures` : '',
    ]
      .filter(Boolean)
      .join(', ');
    return [
      makeFinding(state, rule, {
        personId: null,
        from: day,
        to: day,
        slots: [where],
        measured: supervisors.size,
        limit: needed,
        unit: 'supervising faculty',
        key: where.half,
        message:
          `${formatSlot(where)}: ${supervisors.size} supervising faculty for ${formatNumber(units)} ` +
          `supervision units; ${needed} needed`,
        explanation:
          `${mix} need ${formatNumber(units)} supervision units; one supervising faculty member covers ` +
          `${formatNumber(p.unitsPerFaculty)}, so ${needed} ${needed === 1 ? 'is' : 'are'} needed, but ` +
          `${supervisors.size} ${supervisors.size === 1 ? 'is' : 'are'} scheduled in a supervising activity.`,
      }),
    ];
  },
};

const capacityParams = z.strictObject({
  soft: z.number().int().min(0),
  hard: z.number().int().min(0),
  hardSeverity: z.enum(SEVERITIES as [Severity, ...Severity[]]).default('high'),
});

const dayTypeWords: Record<string, string> = {
  normal: 'a normal day',
  federal_holiday: 'a federal holiday',
  training_holiday: 'a training holiday',
  minimal_manning: 'a minimal-manning day',
  closure: 'a closure day',
};

export const clinicCapacityRule: SlotRule<z.output<typeof capacityParams>> = {
  type: 'clinic_capacity',
  unit: 'slot',
  params: capacityParams,
  check(ctx, rule, slot) {
    const { state } = ctx;
    const p = rule.params;
    const day = slot >> 1;
    const inClinic = new Set<string>();
    for (const a of state.slotAssignments[slot]) {
      if (!state.activity(a.activityCode).countsTowardClinicCapacity) continue;
      if (inScope(state, rule.config, state.people.get(a.personId)!.person, day)) inClinic.add(a.personId);
    }
    const dayType = state.dayType[day];
    const scale = state.settings.capacityScale[dayType] ?? 1;
    const soft = Math.floor(p.soft * scale);
    const hard = Math.floor(p.hard * scale);
    const count = inClinic.size;
    if (count <= soft) return [];
    const overHard = count > hard;
    const limit = overHard ? hard : soft;
    const where = slotOf(state, slot);
    const scaled = scale === 1 ? '' : ` on ${dayTypeWords[dayType]} (capacity × ${formatScale(scale)})`;
    return [
      makeFinding(state, rule, {
        personId: null,
        from: day,
        to: day,
        slots: [where],
        measured: count,
        limit,
        unit: 'in clinic',
        severity: overHard ? p.hardSeverity : undefined,
        key: where.half,
        message: `${formatSlot(where)}: ${count} in clinic; ${overHard ? 'hard' : 'soft'} limit ${limit}${scaled}`,
        explanation:
          `${plural(count, 'person', 'people')} ${count === 1 ? 'is' : 'are'} scheduled in activities ` +
          `that count toward clinic capacity. The clinic takes ${soft} comfortably and ${hard} at most${scaled}.`,
      }),
    ];
  },
};
