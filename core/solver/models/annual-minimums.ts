// Yearly minimums that cannot fit, found by counting before any solve (diagnose/counting): the
// annual plan declares which of its rows add up, and the counting check proves the conflict on the
// rows themselves. Two sums: a resident's minimums against their one rotation per period, and the
// minimums that must go to a rotation against its capacity over the year.
import { formatNumber, plural } from '../../domain/words';
import type { ModelBuilder, RequirementFix } from './builder';

/** A resident's requirement row: at least `minBlocks` blocks of a rotation. */
export interface MinimumRow {
  row: number;
  rotationId: string;
  rotationCode: string;
  /** e.g. "Family medicine clinic (CLIN)". */
  rotationLabel: string;
  minBlocks: number;
}

export interface MinimumsOfResident {
  personId: string;
  name: string;
  pgy: number;
  minimums: MinimumRow[];
  /** The resident's one-rotation rows, each with its period's weight in blocks. */
  periodRows: { row: number; weight: number }[];
  /** Whether their year is whole: in the program throughout, nothing locked, full minimums. */
  wholeYear: boolean;
  /** What takes blocks from their minimums, e.g. "6 blocks are locked on ELEC"; empty when nothing. */
  closed: string[];
}

export interface RotationCapacity {
  rotationId: string;
  label: string;
  capacity: number;
  /** The rotation's capacity rows, each with its period's weight in blocks. */
  periodRows: { row: number; weight: number }[];
}

const partsText = (rows: MinimumRow[]) =>
  binding(rows)
    .map((m) => `${m.rotationCode} ${formatNumber(m.minBlocks)}`)
    .join(', ');

/**
 * The minimums that add up: per rotation the largest (two requirements on one rotation overlap),
 * none of zero (its row adds no need, only terms that could take blocks).
 */
function binding(rows: MinimumRow[]): MinimumRow[] {
  const byRotation = new Map<string, MinimumRow>();
  for (const m of rows)
    if (m.minBlocks > 0 && m.minBlocks > (byRotation.get(m.rotationId)?.minBlocks ?? 0))
      byRotation.set(m.rotationId, m);
  return [...byRotation.values()];
}

const total = (rows: MinimumRow[]) => binding(rows).reduce((s, m) => s + m.minBlocks, 0);

/** Each resident's minimums against the blocks they have. */
export function declareResidentMinimumSums(b: ModelBuilder, residents: MinimumsOfResident[], yearBlocks: number): void {
  for (const r of residents) {
    const need = total(r.minimums);
    if (need <= 0) continue;
    const levelFix: RequirementFix = {
      text: `Lower the PGY-${r.pgy} minimums in the rotation plan so they fit the year`,
      targets: [],
    };
    const personFix: RequirementFix = {
      text: `Lower ${r.name}'s minimums or free blocks for them (locked blocks, dates in the program)`,
      targets: [{ label: r.name, target: { kind: 'person', personId: r.personId } }],
    };
    const group = b.group({
      id: `minimums:${r.personId}`,
      kind: 'requirement',
      weight: 1,
      describe: (short) => {
        const most = formatNumber(need - short);
        return r.wholeYear && Math.abs(need - short - yearBlocks) < 1e-9
          ? `The PGY-${r.pgy} minimums add up to ${plural(need, 'block')} (${partsText(r.minimums)}) but the year ` +
              `has ${most}`
          : `${r.name}'s minimums add up to ${plural(need, 'block')} (${partsText(r.minimums)}) but only ${most} ` +
              `are open to them${r.closed.length ? `: ${r.closed.join(', ')}` : ''}`;
      },
      // The same level's overfull minimums are one cause, with the residents listed once.
      where: r.wholeYear ? r.name : undefined,
      fix: r.wholeYear ? levelFix : personFix,
    });
    b.sum({
      group,
      need: binding(r.minimums).map((m) => ({ row: m.row, times: 1 })),
      supply: r.periodRows.map((p) => ({ row: p.row, times: p.weight })),
    });
  }
}

/** The minimums that must go to each rotation against what its capacity takes over the year. */
export function declareRotationMinimumSums(
  b: ModelBuilder,
  residents: MinimumsOfResident[],
  rotations: RotationCapacity[],
): void {
  for (const rot of rotations) {
    const rows = residents.flatMap((r) =>
      binding(r.minimums)
        .filter((m) => m.rotationId === rot.rotationId)
        .map((m) => ({ r, m })),
    );
    if (rows.length === 0) continue;
    const need = rows.reduce((s, x) => s + x.m.minBlocks, 0);
    const byLevel = new Map<number, number[]>();
    for (const { r, m } of rows) byLevel.set(r.pgy, [...(byLevel.get(r.pgy) ?? []), m.minBlocks]);
    const levels = [...byLevel]
      .sort(([a], [b]) => a - b)
      .map(([pgy, mins]) =>
        mins.every((x) => x === mins[0])
          ? `PGY-${pgy} ${mins.length} × ${formatNumber(mins[0])}`
          : `PGY-${pgy} ${formatNumber(mins.reduce((s, x) => s + x, 0))}`,
      )
      .join(', ');
    const group = b.group({
      id: `minimums:rotation:${rot.rotationId}`,
      kind: 'capacity',
      weight: 1,
      describe: (short) =>
        `${rot.label} takes at most ${plural(rot.capacity, 'resident')} at a time (${formatNumber(need - short)} ` +
        `resident-blocks over the year), but the minimums that must go there add up to ${formatNumber(need)} ` +
        `(${levels})`,
      fix: {
        text: `Raise the capacity of ${rot.label} or lower the minimums that go there in the rotation plan`,
        targets: [{ label: `Rotation ${rot.label}`, target: { kind: 'rotation', rotationId: rot.rotationId } }],
      },
    });
    b.sum({
      group,
      need: rows.map(({ m }) => ({ row: m.row, times: 1 })),
      supply: rot.periodRows.map((p) => ({ row: p.row, times: p.weight })),
    });
  }
}
