// Which annual-plan entries are valid: the one definition the annual model, the draft layer, the
// importer and the demo generator share, so the generator can never propose what storage refuses.
// An entry names a block of its academic year's calendar and a part that block has: 'full'
// always, 'first' and 'second' only where the block has halves. One resident's block is planned
// either whole or by halves, never both.
import { academicYearLabel, blockHasHalves, blockLengthOf } from './calendar';
import type { Block, BlockPart, RotationAssignment } from './types';

type EntryKey = Pick<RotationAssignment, 'academicYear' | 'blockNumber' | 'part'>;

export interface PlanEntryIssue {
  field: 'blockNumber' | 'part';
  message: string;
}

/** The parts a block can be planned in: the whole block, and its halves when it has them. */
export function planPartsOf(block: Block): BlockPart[] {
  return blockHasHalves(block) ? ['full', 'first', 'second'] : ['full'];
}

const dayMonth = (date: string) =>
  new Date(`${date}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** "block 0 (1 Jul – 1 Jul, 1 day)". */
export function blockWords(block: Block): string {
  const days = blockLengthOf(block);
  return `block ${block.number} (${dayMonth(block.start)} – ${dayMonth(block.end)}, ${days} day${days === 1 ? '' : 's'})`;
}

/**
 * Why an entry cannot be stored, or null. `blocks` are the blocks of the entry's academic year
 * under the program's block calendar.
 */
export function planEntryIssue(entry: EntryKey, blocks: readonly Block[]): PlanEntryIssue | null {
  const block = blocks.find((b) => b.number === entry.blockNumber);
  if (!block) {
    const range = blocks.length ? ` (blocks ${blocks[0].number}–${blocks[blocks.length - 1].number})` : '';
    return {
      field: 'blockNumber',
      message: `${academicYearLabel(entry.academicYear)} has no block ${entry.blockNumber}${range}`,
    };
  }
  if (!planPartsOf(block).includes(entry.part))
    return { field: 'part', message: `${blockWords(block)} is too short to have halves; plan it as a whole block` };
  return null;
}

/** Entries (by index) that plan one resident's block both whole and by halves, with the entry they clash with. */
export function planMixIssues(
  entries: readonly Pick<RotationAssignment, 'personId' | 'academicYear' | 'blockNumber' | 'part'>[],
): { index: number; other: number }[] {
  const first = new Map<string, number>();
  const out: { index: number; other: number }[] = [];
  entries.forEach((e, i) => {
    const key = `${e.personId}|${e.academicYear}|${e.blockNumber}`;
    const other = first.get(key);
    if (other === undefined) first.set(key, i);
    else if ((e.part === 'full') !== (entries[other].part === 'full')) out.push({ index: i, other });
  });
  return out;
}
