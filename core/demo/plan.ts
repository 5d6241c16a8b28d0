// The annual rotation plan: every resident gets a rotation in every block (or one per half for
// half-block rotations). FMIT takes exactly one resident per PGY level per block; night float
// one resident per half-block, never two at once.
import { planPartsOf } from '../domain/plan-entries';
import type { Person, RotationAssignment } from '../domain/types';
import { CURRICULUM, NF_PARTNERS, ROTATION_SPECS, rotationId, type RotationSpec } from './rotations';
import type { DemoYear } from './year';

const SPEC_BY_ID = new Map(ROTATION_SPECS.map((s) => [rotationId(s.code), s]));

export interface RotationPlan {
  assignments: RotationAssignment[];
  /** Rotation of each resident on each day of the year. */
  byDay: Map<string, RotationSpec[]>;
}

export function planRotations(y: DemoYear, residentsByPgy: Person[][]): RotationPlan {
  const assignments: RotationAssignment[] = [];
  const nfPool = residentsByPgy.slice(1).flat();
  let nfTurn = 0;
  let partnerTurn = 0;

  for (const block of y.blocks) {
    const b = block.number;
    const splits = planPartsOf(block).includes('first');
    const onFmit = new Set(residentsByPgy.filter((r) => r.length > 0).map((r) => r[b % r.length].id));
    // Night float: one resident per half (or for the whole of a short block).
    const nfFirst: string[] = [];
    for (let tries = 0; nfPool.length > 0 && nfFirst.length < (splits ? 2 : 1) && tries < nfPool.length * 2; tries++) {
      const candidate = nfPool[nfTurn++ % nfPool.length].id;
      if (!onFmit.has(candidate) && !nfFirst.includes(candidate)) nfFirst.push(candidate);
    }
    const [nfA, nfB] = nfFirst;

    residentsByPgy.forEach((residents, level) => {
      const curriculum = CURRICULUM[Math.min(level + 1, 3)];
      residents.forEach((person, i) => {
        const add = (code: string, part: RotationAssignment['part']): void => {
          assignments.push({
            personId: person.id,
            academicYear: y.year,
            blockNumber: b,
            part,
            rotationId: rotationId(code),
          });
        };
        const entry = curriculum[(b + i) % curriculum.length];
        if (onFmit.has(person.id)) return add('FMIT', 'full');
        if (level === 0 && b <= 1) return add('ORI', 'full');
        if (person.id === nfA || person.id === nfB) {
          if (!splits) return add('NF', 'full');
          const partner = Array.isArray(entry)
            ? entry[person.id === nfA ? 1 : 0]
            : NF_PARTNERS[partnerTurn++ % NF_PARTNERS.length];
          if (person.id === nfA) {
            add('NF', 'first');
            add(partner, 'second');
          } else {
            add(partner, 'first');
            add('NF', 'second');
          }
          return;
        }
        // A pair of half-block rotations; a block without halves takes the first whole.
        if (Array.isArray(entry) && splits) {
          add(entry[0], 'first');
          add(entry[1], 'second');
        } else add(Array.isArray(entry) ? entry[0] : entry, 'full');
      });
    });
  }

  const byDay = new Map<string, RotationSpec[]>();
  const blockByNumber = new Map(y.blocks.map((b) => [b.number, b]));
  for (const a of assignments) {
    const block = blockByNumber.get(a.blockNumber)!;
    const from = a.part === 'second' ? block.secondHalfStart : block.start;
    const to = a.part === 'first' ? block.secondHalfStart : null;
    const days = byDay.get(a.personId) ?? [];
    const spec = SPEC_BY_ID.get(a.rotationId)!;
    for (
      let d = y.index.get(from)!;
      d < y.days.length && y.days[d] <= block.end && (to === null || y.days[d] < to);
      d++
    )
      days[d] = spec;
    byDay.set(a.personId, days);
  }
  return { assignments, byDay };
}

/** Capacity of each rotation: the most residents it holds at once in this plan (FMIT/NF as policy). */
export function capacities(plan: RotationPlan, y: DemoYear, pgyLevels: number): Map<string, number> {
  const most = new Map<string, number>();
  for (let d = 0; d < y.days.length; d++) {
    const counts = new Map<string, number>();
    for (const days of plan.byDay.values()) counts.set(days[d].code, (counts.get(days[d].code) ?? 0) + 1);
    for (const [code, count] of counts) most.set(code, Math.max(most.get(code) ?? 0, count));
  }
  const out = new Map<string, number>();
  for (const spec of ROTATION_SPECS) out.set(spec.code, Math.max(2, most.get(spec.code) ?? 0));
  out.set('FMIT', pgyLevels);
  out.set('NF', 1);
  return out;
}
