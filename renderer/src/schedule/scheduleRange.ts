// What range the schedule shows: one block, or the whole academic year. Kept in the URL as
// `block=<n>` or `block=year`; pure, so it is unit-tested.
import type { AcademicYearSummary } from '../../../core/api/contract';
import type { Block, IsoDate } from '../../../core/domain/types';
import { defaultBlock } from '../lib/blocks';

export const WHOLE_YEAR = 'year';

export type RangeChoice = { kind: 'block'; block: Block } | { kind: 'year'; year: AcademicYearSummary };

export function resolveRange(
  param: string | undefined,
  blocks: readonly Block[],
  year: AcademicYearSummary,
  today: IsoDate,
): RangeChoice | null {
  if (param === WHOLE_YEAR) return { kind: 'year', year };
  const wanted =
    param !== undefined && /^\d+$/.test(param) ? blocks.find((b) => b.number === Number(param)) : undefined;
  const block = wanted ?? defaultBlock(blocks, today);
  return block ? { kind: 'block', block } : null;
}

export function rangeDates(choice: RangeChoice): { start: IsoDate; end: IsoDate } {
  return choice.kind === 'block'
    ? { start: choice.block.start, end: choice.block.end }
    : { start: choice.year.start, end: choice.year.end };
}

/** The block before or after the chosen one, or null at either end (or for the whole year). */
export function neighbourBlock(choice: RangeChoice, blocks: readonly Block[], step: -1 | 1): Block | null {
  if (choice.kind !== 'block') return null;
  const i = blocks.findIndex((b) => b.number === choice.block.number);
  return blocks[i + step] ?? null;
}
