// Which annual-plan entries are valid: the one definition the annual model, the draft layer, the
// importer and the demo generator share, so the generator can never propose what storage refuses.
// An entry names a block of its academic year's calendar and a part that block has: 'full'
// always, 'first' and 'second' only where the block has halves. One resident's block is planned
// either whole or by halves, never both; a half takes a half-block rotation only.
import { academicYearLabel, blockHasHalves, blockLengthOf, blocksForYear } from './calendar';
import type { ProgramData } from './program';
import { plural } from './words';
import type { Block, BlockPart, Person, Rotation, RotationAssignment } from './types';

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
  return `block ${block.number} (${dayMonth(block.start)} – ${dayMonth(block.end)}, ${plural(days, 'day')})`;
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

/** Which of the plan's definitions an entry breaks, at which of its fields. */
export interface PlanIssue {
  /** The entry's index in `rotationAssignments`. */
  index: number;
  field: 'academicYear' | 'blockNumber' | 'part' | 'rotationId';
  /**
   * year / block: not in the program's calendar; part: a half of a block without halves;
   * rotation: no such rotation; misfit: a whole-block rotation in a half; mix: the resident's
   * block is planned both whole and by halves (`other` is the entry it clashes with).
   */
  kind: 'year' | 'block' | 'part' | 'rotation' | 'misfit' | 'mix';
  /** The entry (resident, academic year, block, part), then what is wrong. */
  message: string;
  other?: number;
  /** The rotation of a misfit, by its index in `rotations`. */
  rotationIndex?: number;
}

const ENTRY_PART_WORDS: Record<BlockPart, string> = { full: 'whole block', first: 'first half', second: 'second half' };

/**
 * Every reason a program's annual plan cannot be stored, entry by entry: a block and part its
 * year's calendar has, whole and halves not mixed, a rotation the program has that fits the part.
 * The draft layer refuses each of these (planEntryIssue, planRotationIssue), and the program-file
 * importer refuses a file by this list. With `people`, each entry names its resident.
 */
export function planIssues(
  program: Pick<ProgramData, 'settings' | 'academicYears' | 'rotations' | 'rotationAssignments'> & {
    people?: readonly Pick<Person, 'id' | 'name'>[];
  },
): PlanIssue[] {
  const entries = program.rotationAssignments;
  const rotationIndex = new Map(program.rotations.map((r, i) => [r.id, i]));
  const names = new Map((program.people ?? []).map((p) => [p.id, p.name]));
  const blocks = new Map(program.academicYears.map((y) => [y, blocksForYear(y, program.settings.blockLayout)]));
  const out: PlanIssue[] = [];
  const who = (personId: string) => (names.has(personId) ? `${names.get(personId)} (${personId})` : personId);
  const block = (e: (typeof entries)[number]) =>
    `${who(e.personId)} in ${academicYearLabel(e.academicYear)} block ${e.blockNumber}`;
  entries.forEach((e, index) => {
    const entry = `${block(e)} (${ENTRY_PART_WORDS[e.part]})`;
    const yearBlocks = blocks.get(e.academicYear);
    const before = out.length;
    if (!yearBlocks)
      out.push({
        index,
        field: 'academicYear',
        kind: 'year',
        message: `${entry}: ${academicYearLabel(e.academicYear)} is not one of the program's academic years`,
      });
    else {
      const issue = planEntryIssue(e, yearBlocks);
      if (issue)
        out.push({
          index,
          field: issue.field,
          kind: issue.field === 'blockNumber' ? 'block' : 'part',
          message: `${entry}: ${issue.message}`,
        });
    }
    const at = rotationIndex.get(e.rotationId);
    if (at === undefined) {
      out.push({
        index,
        field: 'rotationId',
        kind: 'rotation',
        message: `${entry}: no rotation with id "${e.rotationId}"`,
      });
      return;
    }
    // A half of a block without halves is said once, not again as a rotation that cannot take it.
    const misfit = out.length === before && planRotationIssue(e.part, program.rotations[at]);
    if (misfit) out.push({ index, field: 'part', kind: 'misfit', message: `${entry}: ${misfit}`, rotationIndex: at });
  });
  for (const { index, other } of planMixIssues(entries))
    out.push({
      index,
      field: 'part',
      kind: 'mix',
      other,
      message: `${block(entries[index])}: a whole block and halves mixed (see entry ${other})`,
    });
  return out.sort((a, b) => a.index - b.index);
}
