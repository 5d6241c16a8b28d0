// Which block (and half) a date is in, and which rotation a person is on that day: looked up for
// every cell of a printout, so both are indexed once per export instead of recomputed per cell.
import { academicYearOf, blocksForYear } from '../domain/calendar';
import type { ProgramOutline } from '../domain/program';
import type { Block, IsoDate, Rotation, RotationAssignment } from '../domain/types';
import type { DateRange } from './schedule';

export interface DayInBlock {
  block: Block;
  /** Blocks too short to have halves count as their first half. */
  secondHalf: boolean;
}

export class RotationLookup {
  private readonly blocks: Block[];
  private readonly plan = new Map<string, RotationAssignment>();
  private readonly rotations: Map<string, Rotation>;

  constructor(data: ProgramOutline, range: DateRange) {
    this.blocks = [];
    for (let y = academicYearOf(range.start); y <= academicYearOf(range.end); y++)
      this.blocks.push(...blocksForYear(y, data.settings.blockLayout));
    for (const ra of data.rotationAssignments)
      this.plan.set(`${ra.personId}|${ra.academicYear}|${ra.blockNumber}|${ra.part}`, ra);
    this.rotations = new Map(data.rotations.map((r) => [r.id, r]));
  }

  day(date: IsoDate): DayInBlock {
    const block = this.blocks.find((b) => b.start <= date && date <= b.end);
    if (!block) throw new RangeError(`No block contains ${date}`);
    return { block, secondHalf: date >= block.secondHalfStart && block.secondHalfStart !== block.start };
  }

  /** The person's plan entry and rotation on a date (a half-block entry wins over none). */
  on(
    personId: string,
    date: IsoDate,
  ): { entry: RotationAssignment; rotation: Rotation | null; day: DayInBlock } | null {
    const day = this.day(date);
    const key = `${personId}|${day.block.academicYear}|${day.block.number}|`;
    const entry = this.plan.get(`${key}full`) ?? this.plan.get(`${key}${day.secondHalf ? 'second' : 'first'}`);
    return entry ? { entry, rotation: this.rotations.get(entry.rotationId) ?? null, day } : null;
  }
}
