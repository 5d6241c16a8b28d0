// Which block a date falls in, and how far into it, for the dashboard and the schedule's default.
import type { Block, IsoDate } from '../../../core/domain/types';
import { dayCount } from './dates';

export function blockOn(blocks: readonly Block[], date: IsoDate): Block | null {
  return blocks.find((b) => b.start <= date && date <= b.end) ?? null;
}

/** Day `n` of `length` of the block containing `date`. */
export function blockProgress(block: Block, date: IsoDate): { day: number; length: number } {
  return { day: dayCount(block.start, date), length: dayCount(block.start, block.end) };
}

export function blockLabel(block: Block): string {
  return `Block ${block.number}`;
}

/**
 * The block to open when none is chosen: the one containing today, else the first full block
 * (block 1 when the year starts with a short block 0), else the first.
 */
export function defaultBlock(blocks: readonly Block[], today: IsoDate): Block | null {
  if (blocks.length === 0) return null;
  const current = blockOn(blocks, today);
  if (current) return current;
  return blocks.find((b) => b.number === 1) ?? blocks[0];
}
