// Credentials and certifications: a procedure half-day needs a valid privilege for that
// activity (a faculty matter by default: the rule's scope is faculty, and a program that
// credentials residents adds them); certifications (BLS, ACLS, …) must not be expired, and are
// flagged when expiring soon, both as of today.
import { z } from 'zod';
import { addDays } from '../domain/calendar';
import type { CredentialStatus, Finding } from '../domain/types';
import { formatDate, formatLongDate, formatSlot } from './explain';
import { inScope, makeFinding, slotOf, type PersonRule, type StaticRule } from './rule';
import { slotIndex } from './state';

/** "an active", "a provisional": the article a word takes. */
function withArticle(words: string): string {
  return `${/^[aeiou]/i.test(words) ? 'an' : 'a'} ${words}`;
}

const credentialParams = z.strictObject({
  /** Activities that need a credential of the same code. */
  activityCodes: z.array(z.string().min(1)).default(['PROC', 'VAS']),
  validStatuses: z.array(z.enum(['active', 'provisional', 'suspended', 'expired'])).default(['active', 'provisional']),
});

export const credentialMissingRule: PersonRule<z.output<typeof credentialParams>> = {
  type: 'credential_missing',
  unit: 'person',
  params: credentialParams,
  reachDays: () => 0,
  check(ctx, rule, ps, span) {
    const { state } = ctx;
    const p = rule.params;
    const out: Finding[] = [];
    for (let day = Math.max(0, span.from); day <= Math.min(span.to, state.clock.length - 1); day++) {
      const date = state.clock.dates[day];
      for (const half of ['AM', 'PM'] as const) {
        for (const a of ps.slots[slotIndex(day, half)] ?? []) {
          if (!p.activityCodes.includes(a.activityCode)) continue;
          const held = ps.person.credentials.filter((c) => c.activityCode === a.activityCode);
          const valid = held.some(
            (c) => p.validStatuses.includes(c.status as CredentialStatus) && (c.expires === null || c.expires >= date),
          );
          if (valid) continue;
          const why = !held.length
            ? 'no credential on file'
            : held
                .map((c) => (c.expires !== null && c.expires < date ? `expired ${formatDate(c.expires)}` : c.status))
                .join(', ');
          const where = slotOf(state, slotIndex(day, half));
          out.push(
            makeFinding(state, rule, {
              personId: ps.person.id,
              from: day,
              to: day,
              slots: [where],
              measured: 0,
              limit: 1,
              unit: 'valid credentials',
              key: `${half}:${a.activityCode}`,
              message:
                `${a.activityCode} on ${formatSlot(where)} without a valid ${a.activityCode} credential ` + `(${why})`,
              explanation:
                `${ps.person.name} is scheduled for ${a.activityCode} on ${formatSlot(where)}; that ` +
                `needs ${withArticle(p.validStatuses.join(' or '))} ${a.activityCode} credential valid on the day ` +
                `(${why}).`,
            }),
          );
        }
      }
    }
    return out;
  },
};

const certificationParams = z.strictObject({ expiringSoonDays: z.number().int().min(0) });

/**
 * Per active person and certification kind, the latest certificate counts (renewals replace); one
 * that lapses only after the person's last day in the program is no finding.
 */
export const certificationExpiredRule: StaticRule<z.output<typeof certificationParams>> = {
  type: 'certification_expired',
  unit: 'static',
  params: certificationParams,
  check(ctx, rule) {
    const { state, options } = ctx;
    const soon = addDays(options.asOf, rule.params.expiringSoonDays);
    const asOfDay = state.clock.offsetOf(options.asOf);
    const out: Finding[] = [];
    for (const ps of state.peopleInOrder) {
      const person = ps.person;
      if (!person.active || !inScope(state, rule.config, person, asOfDay)) continue;
      const latest = new Map<string, string>();
      for (const c of person.certifications) if ((latest.get(c.kind) ?? '') < c.expires) latest.set(c.kind, c.expires);
      for (const [kind, expires] of [...latest].sort()) {
        // Valid through their last day in the program (core/domain/program-dates): nothing to renew.
        if (expires > soon || (person.endDate !== undefined && expires > person.endDate)) continue;
        const expired = expires < options.asOf;
        const day = state.clock.offsetOf(expires);
        out.push(
          makeFinding(state, rule, {
            personId: person.id,
            from: day,
            to: day,
            measured: state.clock.offsetOf(expires) - asOfDay,
            limit: expired ? 0 : rule.params.expiringSoonDays,
            unit: 'days left',
            severity: expired ? undefined : 'low',
            key: kind,
            message: expired ? `${kind} expired ${formatDate(expires)}` : `${kind} expires ${formatDate(expires)}`,
            explanation: expired
              ? `${person.name}'s ${kind} certification expired on ${formatLongDate(expires)}; it renews every 24 ` +
                `months.`
              : `${person.name}'s ${kind} certification expires on ${formatLongDate(expires)}, within ` +
                `${rule.params.expiringSoonDays} days of ${formatLongDate(options.asOf)}; schedule the renewal.`,
          }),
        );
      }
    }
    return out;
  },
};
