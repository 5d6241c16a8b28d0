// Per-block policies on the annual rotation plan: the inpatient team's composition (one resident
// per PGY level) and how many residents are on night float at once. Checked per half-block,
// since half-block rotations change the team mid-block. Blocks with no plan yet are skipped.
import { z } from 'zod';
import type { Finding, RotationAssignment } from '../domain/types';
import { formatDateRange } from './explain';
import { inScope, makeFinding, type ActiveRule, type BlockRule, type RuleContext } from './rule';
import type { BlockInfo } from './state';

interface BlockHalf {
  label: string;
  key: string;
  from: number;
  to: number;
  covers: (part: RotationAssignment['part']) => boolean;
}

function halvesOf(block: BlockInfo): BlockHalf[] {
  if (block.secondHalfDay <= block.firstDay) return [{ label: '', key: 'all', from: block.firstDay, to: block.lastDay, covers: () => true }];
  const secondDayNumber = block.secondHalfDay - block.firstDay + 1;
  return [
    { label: `days 1–${secondDayNumber - 1}`, key: 'first', from: block.firstDay, to: block.secondHalfDay - 1, covers: (p) => p !== 'second' },
    { label: `days ${secondDayNumber}–${block.lastDay - block.firstDay + 1}`, key: 'second', from: block.secondHalfDay, to: block.lastDay, covers: (p) => p !== 'first' },
  ];
}

/** Residents (within the rule's scope) on a rotation code in each half of a block, by PGY level. */
function onRotation(ctx: RuleContext, rule: ActiveRule, block: BlockInfo, rotationCode: string): { half: BlockHalf; byPgy: Map<number, string[]>; total: number }[] | null {
  const { state } = ctx;
  const plan = state.rotationAssignmentsByBlock.get(block.key);
  if (!plan?.length) return null;
  return halvesOf(block).map((half) => {
    const byPgy = new Map<number, string[]>();
    const seen = new Set<string>();
    for (const ra of plan) {
      const rotation = state.rotations.get(ra.rotationId);
      if (rotation?.code !== rotationCode || !half.covers(ra.part) || seen.has(ra.personId)) continue;
      const person = state.people.get(ra.personId)!.person;
      if (person.kind !== 'resident' || !inScope(state, rule.config, person, half.from)) continue;
      seen.add(ra.personId);
      const pgy = person.pgyByYear[String(block.academicYear)] ?? 0;
      byPgy.set(pgy, [...(byPgy.get(pgy) ?? []), person.name]);
    }
    return { half, byPgy, total: seen.size };
  });
}

function blockLabel(block: BlockInfo, half: BlockHalf, ctx: RuleContext): string {
  const dates = formatDateRange(ctx.state.clock.dateAt(half.from), ctx.state.clock.dateAt(half.to));
  return `block ${block.number}${half.label ? `, ${half.label}` : ''} (${dates})`;
}

const teamParams = z.strictObject({ rotationCode: z.string().min(1), perPgyLevel: z.number().int().min(0) });

export const inpatientTeamRule: BlockRule<z.output<typeof teamParams>> = {
  type: 'inpatient_team',
  unit: 'block',
  params: teamParams,
  check(ctx, rule, block) {
    const p = rule.params;
    const halves = onRotation(ctx, rule, block, p.rotationCode);
    if (!halves) return [];
    // PGY levels the team needs: the scope's, else every level residents have that year.
    let levels = rule.config.scope.pgyLevels;
    if (!levels.length) {
      const present = new Set<number>();
      for (const ps of ctx.state.peopleInOrder) {
        const pgy = ps.person.kind === 'resident' && ps.person.active ? ps.person.pgyByYear[String(block.academicYear)] : undefined;
        if (pgy !== undefined) present.add(pgy);
      }
      levels = [...present].sort((a, b) => a - b);
    }
    const out: Finding[] = [];
    for (const { half, byPgy } of halves) {
      for (const level of levels) {
        const names = [...(byPgy.get(level) ?? [])].sort();
        if (names.length === p.perPgyLevel) continue;
        const where = blockLabel(block, half, ctx);
        out.push(
          makeFinding(ctx.state, rule, {
            personId: null,
            from: half.from,
            to: half.to,
            measured: names.length,
            limit: p.perPgyLevel,
            unit: `PGY-${level} residents`,
            key: `pgy${level}`,
            message: `${p.rotationCode} ${where}: ${names.length} PGY-${level}; exactly ${p.perPgyLevel} required`,
            explanation: `The ${p.rotationCode} team needs exactly ${p.perPgyLevel} resident${p.perPgyLevel === 1 ? '' : 's'} of each PGY level in ${where}; PGY-${level}: ${names.length ? names.join(', ') : 'nobody'}.`,
          }),
        );
      }
    }
    return out;
  },
};

const nightFloatParams = z.strictObject({ rotationCode: z.string().min(1), max: z.number().int().min(0) });

export const nightFloatMaxRule: BlockRule<z.output<typeof nightFloatParams>> = {
  type: 'night_float_max',
  unit: 'block',
  params: nightFloatParams,
  check(ctx, rule, block) {
    const p = rule.params;
    const halves = onRotation(ctx, rule, block, p.rotationCode);
    if (!halves) return [];
    const out: Finding[] = [];
    for (const { half, byPgy, total } of halves) {
      if (total <= p.max) continue;
      const names = [...byPgy.values()].flat().sort();
      const where = blockLabel(block, half, ctx);
      out.push(
        makeFinding(ctx.state, rule, {
          personId: null,
          from: half.from,
          to: half.to,
          measured: total,
          limit: p.max,
          unit: 'residents',
          message: `${total} residents on ${p.rotationCode} in ${where}; at most ${p.max}`,
          explanation: `At most ${p.max} resident${p.max === 1 ? '' : 's'} may be on ${p.rotationCode} at the same time; ${where} has ${names.join(', ')}.`,
        }),
      );
    }
    return out;
  },
};
