// Moonlighting policy: who may moonlight at all (ACGME: never PGY-1 residents; the rule's scope
// says whom it covers), and that every shift has the program director's approval. The hours of
// moonlighting count in the work-hour rules themselves (duty-items.ts).
import { z } from 'zod';
import type { Finding, MoonlightingEntry } from '../domain/types';
import { formatInstant } from './explain';
import { makeFinding, overlaps, type PersonRule, type RuleContext } from './rule';
import type { PersonSchedule } from './state';

/** The entries overlapping the span, each with its days and a readable time. */
function entriesIn(ctx: RuleContext, ps: PersonSchedule, span: { from: number; to: number }) {
  const { clock } = ctx.state;
  const out: { entry: MoonlightingEntry; days: { from: number; to: number }; when: string }[] = [];
  for (const m of ps.moonlighting) {
    const start = clock.instantOfLocal(m.start);
    const end = clock.instantOfLocal(m.end);
    const days = { from: clock.dayOfInstant(start), to: clock.dayOfInstant(Math.max(start, end - 1)) };
    // Only the entries in the span are put in words: formatting a time in the program's zone is
    // the costly part, and an incremental check of a few days reads a person's whole year of them.
    if (overlaps(days, span))
      out.push({ entry: m, days, when: `${formatInstant(start, clock.zone)} – ${formatInstant(end, clock.zone)}` });
  }
  return out;
}

const kindWord = (m: MoonlightingEntry) => (m.internal ? 'internal' : 'external');

const notAllowedParams = z.strictObject({});

/** Any moonlighting by someone the rule's scope covers (by default PGY-1 residents) is a finding. */
export const moonlightingNotAllowedRule: PersonRule<z.output<typeof notAllowedParams>> = {
  type: 'moonlighting_not_allowed',
  unit: 'person',
  params: notAllowedParams,
  reachDays: () => 1,
  check(ctx, rule, ps, span) {
    const out: Finding[] = [];
    for (const { entry, days, when } of entriesIn(ctx, ps, span)) {
      const pgy = ctx.state.pgyOn(ps.person, days.from);
      const who = pgy === null ? ps.person.name : `${ps.person.name} (PGY-${pgy})`;
      const levels = rule.config.scope.pgyLevels;
      const whom = levels.length ? `PGY-${levels.join('/')} residents` : 'the people this rule covers';
      out.push(
        makeFinding(ctx.state, rule, {
          personId: ps.person.id,
          ...days,
          measured: 1,
          limit: 0,
          unit: 'moonlighting shifts',
          key: entry.id,
          message: `${who} moonlights ${when}; ${whom} may not moonlight`,
          explanation:
            `${who} has ${kindWord(entry)} moonlighting ${when}. ` +
            (levels.length === 1 && levels[0] === 1
              ? 'ACGME does not allow PGY-1 residents to moonlight.'
              : `The program does not allow ${whom} to moonlight.`),
        }),
      );
    }
    return out;
  },
};

const approvalParams = z.strictObject({});

/** Moonlighting without the program director's approval. */
export const moonlightingApprovalRule: PersonRule<z.output<typeof approvalParams>> = {
  type: 'moonlighting_approval',
  unit: 'person',
  params: approvalParams,
  reachDays: () => 1,
  check(ctx, rule, ps, span) {
    const out: Finding[] = [];
    for (const { entry, days, when } of entriesIn(ctx, ps, span)) {
      if (entry.approved) continue;
      out.push(
        makeFinding(ctx.state, rule, {
          personId: ps.person.id,
          ...days,
          measured: 1,
          limit: 0,
          unit: 'unapproved shifts',
          key: entry.id,
          message: `Moonlighting ${when} is not approved by the program director`,
          explanation:
            `${ps.person.name} has ${kindWord(entry)} moonlighting ${when} without the program ` +
            `director's approval. Residents need the program director's written approval before they moonlight.`,
        }),
      );
    }
    return out;
  },
};
