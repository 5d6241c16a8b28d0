import { describe, expect, it } from 'vitest';
import { blocksForYear } from '../../core/domain/calendar';
import { blockOn, blockProgress, defaultBlock } from '../../renderer/src/lib/blocks';
import { neighbourBlock, rangeDates, resolveRange } from '../../renderer/src/schedule/scheduleRange';

const blocks = blocksForYear(2026, { anchorWeekday: 4, blockLengthDays: 28, blockCount: 12 });
const year = { id: 2026, label: 'AY 2026–27', start: '2026-07-01', end: '2027-06-30' };

describe('schedule range (renderer)', () => {
  it('opens the block containing today when none is chosen', () => {
    const choice = resolveRange(undefined, blocks, year, '2026-11-20');
    expect(choice?.kind === 'block' && choice.block.number).toBe(blockOn(blocks, '2026-11-20')!.number);
  });

  it('opens block 1 when today is outside the year (block 0 is a short stub)', () => {
    expect(blocks[0].number).toBe(0);
    const choice = resolveRange(undefined, blocks, year, '2030-01-01');
    expect(choice?.kind === 'block' && choice.block.number).toBe(1);
  });

  it('honours a chosen block, the whole year, and ignores a block that does not exist', () => {
    const five = resolveRange('5', blocks, year, '2026-07-01');
    expect(five?.kind === 'block' && five.block.number).toBe(5);
    expect(rangeDates(five!)).toEqual({
      start: blocks.find((b) => b.number === 5)!.start,
      end: blocks.find((b) => b.number === 5)!.end,
    });
    expect(rangeDates(resolveRange('year', blocks, year, '2026-07-01')!)).toEqual({
      start: '2026-07-01',
      end: '2027-06-30',
    });
    const bogus = resolveRange('99', blocks, year, '2026-07-01');
    expect(bogus?.kind === 'block' && bogus.block.number).toBe(0);
    expect(resolveRange(undefined, [], year, '2026-07-01')).toBeNull();
  });

  it('steps to neighbouring blocks and stops at the ends', () => {
    const first = resolveRange('0', blocks, year, '2026-07-01')!;
    const last = resolveRange(String(blocks[blocks.length - 1].number), blocks, year, '2026-07-01')!;
    expect(neighbourBlock(first, blocks, -1)).toBeNull();
    expect(neighbourBlock(first, blocks, 1)?.number).toBe(1);
    expect(neighbourBlock(last, blocks, 1)).toBeNull();
    expect(neighbourBlock(resolveRange('year', blocks, year, '2026-07-01')!, blocks, 1)).toBeNull();
  });

  it('reports the day within the block', () => {
    const b = blocks.find((x) => x.number === 1)!;
    expect(blockProgress(b, b.start)).toEqual({ day: 1, length: 28 });
    expect(blockProgress(b, b.end)).toEqual({ day: 28, length: 28 });
    expect(defaultBlock(blocks, b.end)?.number).toBe(1);
  });
});
