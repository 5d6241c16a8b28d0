// The churn guard: how much of what people already rely on a draft changes. Churn counts
// published slots the draft changes or clears (core/domain/churn.ts, the definition the generator
// weighs too); filling empty slots (a first generation) and flipping locks are not churn. The
// denominators are the published slots in the academic years the draft covers (its own span, so a
// draft that changes nothing still measures against them), in total and per person. Limits are strict: "above 20%"
// rejects 20.01%, not 20%.
// Annual-plan changes are counted apart (residents' blocks whose published rotation changes or is
// removed; planning an empty block is not churn): they do not enter the slot percentages, but a
// resident whose plan changes is a person affected.
import { aboveChurnLimit as above, churnsSlot } from '../../domain/churn';
import type { ChurnThresholds } from '../../domain/types';
import { reassignedPeople, type DraftDiff, type PublishedWeek } from './diff';

export interface PublishedSlotCounts {
  total: number;
  byPerson: ReadonlyMap<string, number>;
}

export interface PersonChurn {
  personId: string;
  publishedSlots: number;
  changedSlots: number;
  /** 0..100 */
  pct: number;
  changedCalls: number;
  changedInpatientWeeks: number;
  /** Plan blocks whose published rotation the draft changes or removes. */
  changedRotations: number;
}

export interface ChurnFinding {
  level: 'reject' | 'warn';
  rule: 'total_pct' | 'person_pct' | 'people_affected';
  personId: string | null;
  measured: number;
  threshold: number;
  message: string;
}

export interface ChurnReport {
  publishedSlots: number;
  changedSlots: number;
  /** 0..100 */
  totalPct: number;
  addedSlots: number;
  relockedSlots: number;
  changedCalls: number;
  changedInpatientWeeks: number;
  /** Residents' plan blocks whose published rotation changes or is removed (not in the slot percentages). */
  changedRotations: number;
  /** Plan blocks planned where the published plan had nothing. */
  addedRotations: number;
  /** People whose published schedule changes, most churned first. */
  people: PersonChurn[];
  peopleAffected: number;
  verdict: 'ok' | 'warn' | 'reject';
  findings: ChurnFinding[];
}

function pct(part: number, whole: number): number {
  return whole === 0 ? 0 : (part * 100) / whole;
}
const fmt = (n: number) => `${Math.round(n * 10) / 10}%`;

/** `nameOf` turns person ids into names for the messages. */
export function computeChurn(
  diff: DraftDiff,
  published: PublishedSlotCounts,
  limits: ChurnThresholds,
  nameOf: (personId: string) => string = (id) => id,
): ChurnReport {
  const perPerson = new Map<string, PersonChurn>();
  const person = (personId: string): PersonChurn => {
    let p = perPerson.get(personId);
    if (!p) {
      p = {
        personId,
        publishedSlots: published.byPerson.get(personId) ?? 0,
        changedSlots: 0,
        pct: 0,
        changedCalls: 0,
        changedInpatientWeeks: 0,
        changedRotations: 0,
      };
      perPerson.set(personId, p);
    }
    return p;
  };

  let changedSlots = 0;
  let addedSlots = 0;
  let relockedSlots = 0;
  for (const c of diff.cells) {
    if (churnsSlot(c.before?.activityCode ?? null, c.after?.activityCode ?? null)) {
      changedSlots++;
      person(c.personId).changedSlots++;
    } else if (c.kind === 'added') addedSlots++;
    else if (c.kind === 'relocked') relockedSlots++;
  }
  let changedCalls = 0;
  for (const c of diff.calls) {
    if (c.kind === 'added') continue;
    changedCalls++;
    for (const id of reassignedPeople(c.before, c.after)) person(id).changedCalls++;
  }
  let changedInpatientWeeks = 0;
  const sameWeek = (a: PublishedWeek, b: PublishedWeek) => a.personId === b.personId && a.end === b.end;
  for (const w of diff.inpatientWeeks) {
    if (w.kind === 'added') continue;
    changedInpatientWeeks++;
    for (const id of reassignedPeople(w.before, w.after, sameWeek)) person(id).changedInpatientWeeks++;
  }

  let changedRotations = 0;
  let addedRotations = 0;
  for (const r of diff.rotations ?? []) {
    if (r.kind === 'added') {
      addedRotations++;
      continue;
    }
    changedRotations++;
    person(r.personId).changedRotations++;
  }

  const people = [...perPerson.values()];
  for (const p of people) p.pct = pct(p.changedSlots, p.publishedSlots);
  people.sort((a, b) => b.pct - a.pct || b.changedSlots - a.changedSlots || a.personId.localeCompare(b.personId));

  const findings: ChurnFinding[] = [];
  const totalPct = pct(changedSlots, published.total);
  if (above(changedSlots, published.total, limits.rejectTotalPct))
    findings.push({
      level: 'reject',
      rule: 'total_pct',
      personId: null,
      measured: totalPct,
      threshold: limits.rejectTotalPct,
      message:
        `The draft changes ${fmt(totalPct)} of all published slots (${changedSlots} of ${published.total}); ` +
        `the limit is ${limits.rejectTotalPct}%.`,
    });
  for (const p of people) {
    const base = { personId: p.personId, measured: p.pct };
    const what =
      `${fmt(p.pct)} of the published slots of ${nameOf(p.personId)} (${p.changedSlots} of ` + `${p.publishedSlots})`;
    if (above(p.changedSlots, p.publishedSlots, limits.rejectPersonPct))
      findings.push({
        ...base,
        level: 'reject',
        rule: 'person_pct',
        threshold: limits.rejectPersonPct,
        message: `The draft changes ${what}; the limit is ${limits.rejectPersonPct}%.`,
      });
    else if (above(p.changedSlots, p.publishedSlots, limits.warnPersonPct))
      findings.push({
        ...base,
        level: 'warn',
        rule: 'person_pct',
        threshold: limits.warnPersonPct,
        message: `The draft changes ${what}, above the warning level of ${limits.warnPersonPct}%.`,
      });
  }
  if (people.length > limits.warnPeopleAffected)
    findings.push({
      level: 'warn',
      rule: 'people_affected',
      personId: null,
      measured: people.length,
      threshold: limits.warnPeopleAffected,
      message:
        `The draft changes the published schedule of ${people.length} people, more than ` +
        `${limits.warnPeopleAffected}.`,
    });

  const verdict = findings.some((f) => f.level === 'reject') ? 'reject' : findings.length ? 'warn' : 'ok';
  return {
    publishedSlots: published.total,
    changedSlots,
    totalPct,
    addedSlots,
    relockedSlots,
    changedCalls,
    changedInpatientWeeks,
    changedRotations,
    addedRotations,
    people,
    peopleAffected: people.length,
    verdict,
    findings,
  };
}
