// Why a clinic slot is over its hard capacity, in the coordinator's words: who is fixed to clinic
// there and by what (a rotation's weekly pattern, a standing rule, locked slots), against the
// capacity the settings give, and what to change. Counted from the block's fixed cells, the same
// cells the model is built on.
import { DateTime } from 'luxon';
import type { Activity, Assignment, IsoDate, Person, Rotation } from '../../domain/types';
import { plural } from '../../domain/words';
import type { RequirementFix } from './builder';
import type { BlockPerson, Cell } from './halfday-cells';
import { listText } from './model';

interface Source {
  label: string;
  rotation: Rotation | null;
  people: { person: Person; pgy: number | null }[];
}

/** "24 PGY-1 residents", "3 residents", "2 faculty", "5 people". */
function whoWords(people: { person: Person; pgy: number | null }[]): string {
  const n = people.length;
  if (people.every((p) => p.person.kind === 'faculty')) return plural(n, 'faculty member', 'faculty');
  if (people.every((p) => p.person.kind === 'resident')) {
    const pgys = new Set(people.map((p) => p.pgy));
    const level = pgys.size === 1 && [...pgys][0] !== null ? `PGY-${[...pgys][0]} ` : '';
    return plural(n, `${level}resident`, `${level}residents`);
  }
  return plural(n, 'person', 'people');
}

/** The activity a cell must hold: a fixed cell's, or the only choice of a decision cell. */
export function forcedCode(cell: Cell): string | null {
  if (cell.kind === 'fixed') return cell.code;
  return cell.codes.length === 1 ? cell.codes[0] : null;
}

export interface ClinicOverload {
  /** How many must count toward the clinic's capacity in the slot (fixed cells, single choices). */
  fixed: number;
  /** "24 PGY-1 residents by the ORI pattern (Intern orientation): R1-01, R1-02 and 22 more; …" */
  who: string;
  fix: RequirementFix;
}

/**
 * Who is fixed to clinic in one slot (`slot` of each person's cells) and by what. `counts` says
 * whether a person's activity there counts toward the capacity (the rule applies to them and the
 * activity counts); `others` are entered slots of people the model does not schedule.
 */
export function clinicOverload(
  people: BlockPerson[],
  slot: number,
  activity: (code: string) => Activity,
  counts: (p: BlockPerson) => boolean,
  others: { assignment: Assignment; person: Person; pgy: number | null }[],
): ClinicOverload {
  const sources = new Map<string, Source>();
  const add = (key: string, label: string, rotation: Rotation | null, who: { person: Person; pgy: number | null }) => {
    const s = sources.get(key) ?? { label, rotation, people: [] };
    s.people.push(who);
    sources.set(key, s);
  };
  for (const p of people) {
    const cell = p.cells[slot];
    const code = forcedCode(cell);
    if (code === null || !activity(code).countsTowardClinicCapacity || !counts(p)) continue;
    const rot = p.rotations[slot >> 1];
    const who = { person: p.person, pgy: p.pgy };
    if (cell.reason.kind === 'pattern' && rot)
      add(`rot:${rot.id}:${p.pgy}`, `the ${rot.code} pattern (${rot.name})`, rot, who);
    else if (cell.reason.kind === 'locked') add('locked', 'locked slots', null, who);
    else add(`why:${cell.reason.text}`, cell.reason.text, null, who);
  }
  for (const o of others) add('others', 'entered slots', null, { person: o.person, pgy: o.pgy });
  const list = [...sources.values()].sort((a, b) => b.people.length - a.people.length);
  const fixed = list.reduce((n, s) => n + s.people.length, 0);
  const who = list
    .map(
      (s) =>
        `${whoWords(s.people)} by ${s.label}: ${listText(
          s.people.map((x) => x.person.name),
          5,
        )}`,
    )
    .join('; ');
  const rotations = [...new Set(list.flatMap((s) => (s.rotation ? [s.rotation] : [])))];
  return {
    fixed,
    who,
    fix: {
      text:
        `Lower the clinic half-days fixed in that ` +
        `slot${rotations.length ? ` (${listText(rotations.map((r) => `the ${r.code} pattern`))})` : ''} or raise ` +
        `the clinic capacity (Settings → Clinic capacity)`,
      targets: [
        { label: 'Clinic capacity', target: { kind: 'clinic_capacity' } },
        ...rotations.map((r) => ({
          label: `Rotation ${r.code}`,
          target: { kind: 'rotation' as const, rotationId: r.id },
        })),
      ],
    },
  };
}

/** "Thursday AM clinic, block 1". */
export function clinicSlotWords(date: IsoDate, half: string, blockNumber: number): string {
  return `${DateTime.fromISO(date).toFormat('cccc')} ${half} clinic, block ${blockNumber}`;
}
