// Which annual-plan entries are valid: the one definition the annual model, the draft layer, the
// importer and the demo generator share, so the generator can never propose what storage refuses.
// An entry names a block of its academic year's calendar and a part that block has: 'full'
// always, 'first' and 'second' only where the block has halves. One resident's block is planned
// either whole or by halves, never both; a half takes a half-block rotation only.
import { academicYearLabel, blockHasHalves, blockLengthOf, blocksForYear } from './calendar';
import type { ProgramData } from './program';
import type { Block, BlockPart, Rotation, RotationAssignment } from './types';

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

const PART_WORDS: Record<BlockPart, string> = {
  full: 'the whole block',
  first: 'the first half',
  second: 'the second half',
};

/** Why this rotation cannot fill this part of a block, or null: a whole-block rotation takes whole blocks only. */
export function planRotationIssue(part: BlockPart, rotation: Pick<Rotation, 'code' | 'name' | 'halfBlock'>) {
  if (part === 'full' || rotation.halfBlock) return null;
  return `${rotation.name} (${rotation.code}) lasts a whole block; it cannot take ${PART_WORDS[part]} only`;
}

/**
 * Every reason a program's annual plan cannot be stored, entry by entry: a block and part its
 * year's calendar has, whole and halves not mixed, a rotation the program has that fits the part.
 * The draft layer and the importer refuse an entry for each of these.
 */
export function planIssues(
  program: Pick<ProgramData, 'settings' | 'academicYears' | 'rotations' | 'rotationAssignments'>,
): { index: number; message: string }[] {
  const entries = program.rotationAssignments;
  const rotations = new Map(program.rotations.map((r) => [r.id, r]));
  const blocks = new Map(program.academicYears.map((y) => [y, blocksForYear(y, program.settings.blockLayout)]));
  const out: { index: number; message: string }[] = [];
  entries.forEach((e, index) => {
    const entry = `${e.personId} in ${academicYearLabel(e.academicYear)} block ${e.blockNumber} (${e.part})`;
    const yearBlocks = blocks.get(e.academicYear);
    const issue = yearBlocks
      ? planEntryIssue(e, yearBlocks)?.message
      : `${academicYearLabel(e.academicYear)} is not one of the program's academic years`;
    if (issue) out.push({ index, message: `${entry}: ${issue}` });
    const rotation = rotations.get(e.rotationId);
    const misfit = rotation ? planRotationIssue(e.part, rotation) : `no rotation with id "${e.rotationId}"`;
    if (misfit) out.push({ index, message: `${entry}: ${misfit}` });
  });
  for (const { index, other } of planMixIssues(entries))
    out.push({
      index,
      message: `${entries[index].personId} in block ${entries[index].blockNumber}: a whole block and halves mixed (see entry ${other})`,
    });
  return out.sort((a, b) => a.index - b.index);
}
