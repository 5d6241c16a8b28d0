// What a loss takes away: one or two people gone on some days of a week. Their own half-days
// go to leave; what they held becomes requirements someone else must meet — their calls, their
// inpatient weeks, their place on an inpatient team or night float, their procedure sessions
// (credentialed), and the supervision of the clinic slots they precepted in.
import { DateTime } from 'luxon';
import type { HalfDay, IsoDate, Rotation, Slot } from '../../domain/types';
import { HALVES, replacementLevels, type Baseline } from './baseline';
import { activityRole } from './levels';

export interface Scenario {
  /** People gone (ids). */
  gone: string[];
  /** Day indexes of the baseline they are gone, ascending. */
  days: number[];
}

export interface CallHole {
  kind: 'call';
  id: string;
  day: number;
  callTypeCode: string;
  from: string;
}
export interface WeekHole {
  kind: 'inpatient_week';
  id: string;
  start: IsoDate;
  end: IsoDate;
  from: string;
}
export interface TeamHole {
  kind: 'team';
  id: string;
  from: string;
  rotation: Rotation;
  /** PGY levels that may take the place (the service's staffing lines); null = any resident. */
  pgyLevels: number[] | null;
  /** Days of the run and the half-days (with their activity) the gone resident worked. */
  cells: { day: number; half: number; code: string }[];
}
export interface ProcedureHole {
  kind: 'procedure';
  id: string;
  from: string;
  day: number;
  half: number;
  code: string;
}
export type Hole = CallHole | WeekHole | TeamHole | ProcedureHole;

/** A gone person's own half-day, sent to leave. */
export interface GoneCell {
  personId: string;
  day: number;
  half: number;
  from: string;
}

/** Need and supply of supervising faculty in one slot, per supervision rule. */
export interface SupervisionState {
  need: number;
  supply: number;
}

export interface Loss {
  scenario: Scenario;
  gone: Set<string>;
  goneDays: Set<number>;
  goneCells: GoneCell[];
  holes: Hole[];
  /** Slots where the loss changes supervision need or supply; `needDrop`: it lowers the need. */
  effects: Map<number, { needDrop: boolean; supplyDrop: boolean }>;
  /** Continuity-clinic half-days of the people gone (their own patients, cancelled). */
  clinicLost: number;
}

/** Whether a half-day of this activity runs past local midnight (night work). */
export function spillsPastMidnight(b: Baseline, code: string, half: number): boolean {
  const a = b.activity(code);
  const range = half === 0 ? a.am : a.pm;
  return !!range && range.end <= range.start && range.end !== '00:00';
}

const shortDates = new Map<IsoDate, string>();
/** "Mon 5 Oct". */
export function shortDate(date: IsoDate): string {
  let text = shortDates.get(date);
  if (text === undefined)
    shortDates.set(date, (text = DateTime.fromISO(date, { zone: 'utc', locale: 'en-US' }).toFormat('ccc d LLL')));
  return text;
}

export function slotOf(b: Baseline, slot: number): Slot {
  return { date: b.dates[slot >> 1], half: HALVES[slot & 1] as HalfDay };
}

/** Whether the person is gone in that slot. */
export function isGoneAt(loss: Pick<Loss, 'gone' | 'goneDays'>, personId: string, day: number): boolean {
  return loss.gone.has(personId) && loss.goneDays.has(day);
}

/**
 * Supervision need (ceil(units / units per faculty)) and supply (faculty in supervising
 * activities) in a slot, for one supervision rule, leaving out whoever `absent` says is not there
 * and taking `override` (person → activity code or null) instead of the baseline's cells.
 */
export function supervisionAt(
  b: Baseline,
  ruleIndex: number,
  slot: number,
  absent: (personId: string) => boolean,
  override?: Map<string, string | null>,
): SupervisionState {
  const p = b.rules.supervision[ruleIndex].params;
  let units = 0;
  let supply = 0;
  const add = (c: { units: number; supervisor: boolean } | null) => {
    if (!c) return;
    if (c.supervisor) supply++;
    else units += c.units;
  };
  for (const c of b.supervisionContributions(ruleIndex, slot)) {
    if (absent(c.personId) || override?.has(c.personId)) continue;
    add(c);
  }
  if (override)
    for (const [personId, code] of override)
      if (!absent(personId)) add(b.supervisionOf(ruleIndex, slot, personId, code));
  return { need: units === 0 ? 0 : Math.ceil(units / p.unitsPerFaculty), supply };
}

/** Everything the loss of `scenario.gone` on `scenario.days` takes away. */
export function analyseLoss(b: Baseline, scenario: Scenario): Loss {
  const gone = new Set(scenario.gone);
  const goneDays = new Set(scenario.days);
  const loss: Loss = { scenario, gone, goneDays, goneCells: [], holes: [], effects: new Map(), clinicLost: 0 };
  const weeksSeen = new Set<string>();
  for (const personId of scenario.gone) {
    const person = b.people.get(personId);
    if (!person) throw new Error(`Unknown person "${personId}"`);
    let run: TeamHole | null = null;
    let lastRunDay = -2;
    let lastNight = false;
    for (const day of scenario.days) {
      for (const c of b.callsOf(personId, day))
        loss.holes.push({
          kind: 'call',
          id: `call|${b.dates[day]}|${c.callTypeCode}|${personId}`,
          day,
          callTypeCode: c.callTypeCode,
          from: personId,
        });
      const rotation = person.kind === 'resident' ? b.rotationOn(personId, day) : null;
      const team = rotation ? b.rules.teams.get(rotation.code) : undefined;
      const teamCells: { day: number; half: number; code: string }[] = [];
      for (let half = 0; half < 2; half++) {
        const a = b.cell(personId, day, half);
        if (!a || !b.activities.has(a.activityCode)) continue;
        const activity = b.activity(a.activityCode);
        if (activity.category !== 'time_off') loss.goneCells.push({ personId, day, half, from: a.activityCode });
        const role = activityRole(b, personId, day, a.activityCode);
        if (role === 'continuity_clinic') loss.clinicLost++;
        if (person.kind === 'faculty' && b.needsCredential(a.activityCode) && activity.category === 'clinical')
          loss.holes.push({
            kind: 'procedure',
            id: `procedure|${b.dates[day]}|${HALVES[half]}|${personId}`,
            from: personId,
            day,
            half,
            code: a.activityCode,
          });
        if (team && b.isDuty(a.activityCode, half)) teamCells.push({ day, half, code: a.activityCode });
      }
      if (teamCells.length && rotation) {
        // Day work is covered day by day; a run of nights (night float) by one resident, who
        // then has the post-call day.
        const nights = teamCells.some((c) => spillsPastMidnight(b, c.code, c.half));
        if (!run || !nights || !lastNight || lastRunDay !== day - 1 || run.rotation.id !== rotation.id) {
          const pgy = b.pgy(person, day);
          const pgyLevels = pgy === null ? null : replacementLevels(team!, pgy);
          run = {
            kind: 'team',
            id: `team|${rotation.code}|${b.dates[day]}|${personId}`,
            from: personId,
            rotation,
            pgyLevels,
            cells: [],
          };
          loss.holes.push(run);
        }
        run.cells.push(...teamCells);
        lastRunDay = day;
        lastNight = nights;
      }
    }
    for (const w of b.inpatientWeeksOf(personId)) {
      const hit = scenario.days.some((day) => b.dates[day] >= w.start && b.dates[day] <= w.end);
      const key = `${personId}|${w.start}`;
      if (!hit || weeksSeen.has(key)) continue;
      weeksSeen.add(key);
      loss.holes.push({
        kind: 'inpatient_week',
        id: `week|${w.start}|${personId}`,
        start: w.start,
        end: w.end,
        from: personId,
      });
    }
  }
  // Supervision: slots on the gone days where someone gone held a cell.
  const absent = (personId: string, slot: number) => isGoneAt(loss, personId, slot >> 1);
  for (const day of scenario.days) {
    for (let half = 0; half < 2; half++) {
      const slot = day * 2 + half;
      if (!b.occupants[slot].some((a) => gone.has(a.personId))) continue;
      b.rules.supervision.forEach((_, r) => {
        const before = supervisionAt(b, r, slot, () => false);
        const after = supervisionAt(b, r, slot, (id) => absent(id, slot));
        if (before.need === after.need && before.supply === after.supply) return;
        const e = loss.effects.get(slot) ?? { needDrop: false, supplyDrop: false };
        if (after.need < before.need) e.needDrop = true;
        if (after.supply < before.supply) e.supplyDrop = true;
        loss.effects.set(slot, e);
      });
    }
  }
  return loss;
}
