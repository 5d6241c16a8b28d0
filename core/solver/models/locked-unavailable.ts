// A locked half-day (a preload or manual entry) where its person is unavailable: an approved
// absence (core/domain/availability, the definition the absence-conflict rule reads too) or the
// rest after a long in-house call (core/domain/rest-after-call). The generator keeps the coordinator's
// lock, and the run says so by name instead of keeping it silently. Plain text helpers, so the
// services can word the result.
import type { HalfDay, IsoDate } from '../../domain/types';
import { formatDate, listShort, plural } from '../../rules/explain';

export interface LockedOverUnavailable {
  personId: string;
  name: string;
  date: IsoDate;
  half: HalfDay;
  activityCode: string;
  /** Why the person is unavailable: "on vacation 2026-09-07–2026-09-11", "resting after LD call on Sep 14". */
  why: string;
}

/** "PGY1-03 Sep 8 AM (C, on vacation 2026-09-07–2026-09-11)". */
export function lockedOverText(l: LockedOverUnavailable): string {
  return `${l.name} ${formatDate(l.date)} ${l.half} (${l.activityCode}, ${l.why})`;
}

/**
 * `message` followed by the locks the run kept where their person is unavailable, e.g. "… Kept 1 locked
 * half-day where its person is unavailable: PGY1-03 Sep 8 AM (C, on vacation …). Unlock it, or change
 * the absence or the call, to have the generator plan it."
 */
export function withLockedNote(message: string, report: { lockedOverUnavailable: readonly LockedOverUnavailable[] }) {
  const locks = report.lockedOverUnavailable;
  if (!locks.length) return message;
  const one = locks.length === 1;
  const note =
    `Kept ${plural(locks.length, 'locked half-day')} where ${one ? 'its person is' : 'their people are'} ` +
    `unavailable: ${listShort(locks.map(lockedOverText), 5)}. Unlock ${one ? 'it' : 'them'}, or change the absence ` +
    `or the call, to have the generator plan ${one ? 'it' : 'them'}.`;
  return message ? `${message.replace(/\.?\s*$/, '.')} ${note}` : note;
}

/**
 * What the grid says when a lock lands where its person is unavailable: "Locked 1 slot where its person
 * is unavailable: PGY1-03 Sep 8 AM (C, on vacation …). The lock is kept: the generator leaves it as it is."
 * An entry set or pasted by hand is locked too: "Set 1 slot where … The entry is kept, locked: …".
 */
export function lockWarning(locks: readonly LockedOverUnavailable[], how: 'lock' | 'set' = 'lock'): string {
  const one = locks.length === 1;
  const kept =
    how === 'lock'
      ? `The ${one ? 'lock is' : 'locks are'} kept`
      : `The ${one ? 'entry is' : 'entries are'} kept, locked`;
  return (
    `${how === 'lock' ? 'Locked' : 'Set'} ${plural(locks.length, 'slot')} where ` +
    `${one ? 'its person is' : 'their people are'} unavailable: ${listShort(locks.map(lockedOverText), 5)}. ` +
    `${kept}: the generator leaves ${one ? 'it' : 'them'} as ${one ? 'it is' : 'they are'}.`
  );
}
