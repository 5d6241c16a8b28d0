// The program's block calendar (core/domain/calendar + block-layout) and the one definition of a
// valid annual-plan entry (core/domain/plan-entries): hand-computed layouts for AY 2026–27
// (1 Jul 2026 is a Wednesday; the year has 365 days).
import { describe, expect, it } from 'vitest';
import { blockLayoutIssues } from '../../core/domain/block-layout';
import { blockHasHalves, blockLengthOf, blocksForYear } from '../../core/domain/calendar';
import { defaultSettings } from '../../core/domain/defaults';
import { planEntryIssue, planIssues, planMixIssues, planPartsOf } from '../../core/domain/plan-entries';
import { blockLayoutSchema } from '../../core/domain/schemas';
import type { BlockLayout, Rotation } from '../../core/domain/types';
import { makeProgram } from './exports-fixture';

const summary = (layout: BlockLayout, year = 2026) =>
  blocksForYear(year, layout).map((b) => `${b.number}:${b.start}/${blockLengthOf(b)}${blockHasHalves(b) ? 'h' : ''}`);

describe('block calendar', () => {
  it('keeps the anchored reference layout: block 0 up to the first Thursday, 12 × 28 days, the rest', () => {
    const blocks = summary(defaultSettings().blockLayout);
    expect(blocks[0]).toBe('0:2026-07-01/1');
    expect(blocks[1]).toBe('1:2026-07-02/28h');
    expect(blocks[12]).toBe('12:2027-05-06/28h');
    expect(blocks[13]).toBe('13:2027-06-03/28h');
    expect(blocks).toHaveLength(14);
  });

  it('takes a long first block from July 1 instead of the short block 0', () => {
    const blocks = summary({ anchorWeekday: null, blockLengthDays: 28, blockCount: 13, firstBlockDays: 30 });
    expect(blocks[0]).toBe('1:2026-07-01/30h');
    expect(blocks[1]).toBe('2:2026-07-31/28h');
    // 30 + 11 × 28 = 338 days, so block 13 has the remaining 27.
    expect(blocks[12]).toBe('13:2027-06-04/27h');
    expect(blocks).toHaveLength(13);
  });

  it('makes 13 blocks of 28 days with no partial block: the last absorbs the extra day', () => {
    const blocks = summary({ anchorWeekday: null, blockLengthDays: 28, blockCount: 13 });
    expect(blocks[0]).toBe('1:2026-07-01/28h');
    expect(blocks[12]).toBe('13:2027-06-02/29h');
    expect(blocks).toHaveLength(13);
  });

  it('lists explicit blocks by start date, each ending the day before the next, halves as given', () => {
    const layout: BlockLayout = {
      ...defaultSettings().blockLayout,
      explicitYears: [
        {
          academicYear: 2026,
          firstNumber: 1,
          blocks: [
            { start: '2026-07-01', halves: true },
            { start: '2026-07-31', halves: false },
            { start: '2027-01-01', halves: true },
          ],
        },
      ],
    };
    expect(summary(layout)).toEqual(['1:2026-07-01/30h', '2:2026-07-31/154', '3:2027-01-01/181h']);
    expect(blockLayoutIssues(layout, [2026, 2027])).toEqual([]);
    // Other years follow the rule.
    expect(summary(layout, 2027)[0]).toBe('1:2027-07-01/28h');
  });

  it('gives halves only to blocks of at least 21 days', () => {
    const blocks = summary({ anchorWeekday: null, blockLengthDays: 20, blockCount: 18 });
    expect(blocks[0]).toBe('1:2026-07-01/20');
    expect(blocks[17]).toBe('18:2027-06-06/25h');
  });

  it('finds explicit calendars that leave gaps, overlap, start late or split short blocks', () => {
    const layout: BlockLayout = {
      ...defaultSettings().blockLayout,
      explicitYears: [
        {
          academicYear: 2026,
          firstNumber: 1,
          blocks: [
            { start: '2026-07-02', halves: false },
            { start: '2026-07-20', halves: true },
            { start: '2026-07-10', halves: false },
          ],
        },
        {
          academicYear: 2027,
          firstNumber: 0,
          blocks: [
            { start: '2027-07-01', halves: false },
            { start: '2028-07-01', halves: false },
          ],
        },
        { academicYear: 2027, firstNumber: 1, blocks: [{ start: '2027-07-01', halves: false }] },
      ],
    };
    const issues = blockLayoutIssues(layout);
    expect(issues.map((i) => i.path)).toEqual([
      'explicitYears[0].blocks[0].start',
      'explicitYears[0].blocks[2].start',
      'explicitYears[1].blocks[1].start',
      'explicitYears[2].academicYear',
    ]);
    expect(issues[0].message).toBe('the first block of AY 2026–27 must start on 1 Jul 2026, not 2026-07-02');
    expect(issues[1].message).toMatch(/block 3 starts on 2026-07-10, not after block 2/);
    expect(issues[2].message).toMatch(/block 1 starts on 2028-07-01, outside AY 2027–28/);

    const short: BlockLayout = {
      ...layout,
      explicitYears: [
        {
          academicYear: 2026,
          firstNumber: 1,
          blocks: [
            { start: '2026-07-01', halves: true },
            { start: '2026-07-21', halves: false },
          ],
        },
      ],
    };
    expect(blockLayoutIssues(short)).toEqual([
      {
        path: 'explicitYears[0].blocks[0].halves',
        message:
          'block 1 of AY 2026–27 has 20 days, too short for halves (a block needs at least 21 days to have two halves)',
      },
    ]);
  });

  it('finds rule-based layouts whose configured blocks do not fit the year, and a first length with an anchor', () => {
    expect(blockLayoutIssues({ anchorWeekday: 4, blockLengthDays: 28, blockCount: 14 }, [2026])[0].message).toBe(
      'only 13 of the 14 configured blocks fit in AY 2026–27: fewer or shorter blocks are needed',
    );
    expect(
      blockLayoutIssues({ anchorWeekday: 4, blockLengthDays: 28, blockCount: 12, firstBlockDays: 30 })[0].path,
    ).toBe('firstBlockDays');
  });

  it('refuses a bad calendar in the settings schema, at the path of the fault', () => {
    const bad = blockLayoutSchema.safeParse({
      anchorWeekday: null,
      blockLengthDays: 28,
      blockCount: 13,
      explicitYears: [
        {
          academicYear: 2026,
          firstNumber: 1,
          blocks: [
            { start: '2026-07-01', halves: true },
            { start: '2026-07-08', halves: false },
          ],
        },
      ],
    });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path)).toEqual([['explicitYears', 0, 'blocks', 0, 'halves']]);
    expect(
      blockLayoutSchema.safeParse({ anchorWeekday: null, blockLengthDays: 28, blockCount: 13, firstBlockDays: 30 })
        .success,
    ).toBe(true);
  });
});

describe('valid plan entries', () => {
  const blocks = blocksForYear(2026, defaultSettings().blockLayout);

  it('allows halves only where the block has them', () => {
    expect(planPartsOf(blocks[0])).toEqual(['full']);
    expect(planPartsOf(blocks[1])).toEqual(['full', 'first', 'second']);
    expect(planEntryIssue({ academicYear: 2026, blockNumber: 0, part: 'first' }, blocks)).toEqual({
      field: 'part',
      message: 'block 0 (1 Jul – 1 Jul, 1 day) is too short to have halves; plan it as a whole block',
    });
    expect(planEntryIssue({ academicYear: 2026, blockNumber: 0, part: 'full' }, blocks)).toBeNull();
    expect(planEntryIssue({ academicYear: 2026, blockNumber: 5, part: 'second' }, blocks)).toBeNull();
    expect(planEntryIssue({ academicYear: 2026, blockNumber: 14, part: 'full' }, blocks)).toEqual({
      field: 'blockNumber',
      message: 'AY 2026–27 has no block 14 (blocks 0–13)',
    });
  });

  it('finds a resident block planned both whole and by halves', () => {
    const e = (personId: string, blockNumber: number, part: 'full' | 'first' | 'second') => ({
      personId,
      academicYear: 2026,
      blockNumber,
      part,
    });
    expect(
      planMixIssues([e('a', 3, 'first'), e('a', 3, 'second'), e('b', 3, 'full'), e('a', 4, 'full'), e('a', 3, 'full')]),
    ).toEqual([{ index: 4, other: 0 }]);
  });

  it("checks a whole program's plan the way the draft layer does: parts, mixes, rotations that fit the part", () => {
    const program = makeProgram();
    expect(planIssues(program)).toEqual([]);
    const wholeOnly: Rotation = {
      ...program.rotations[0],
      id: 'rot-whole',
      code: 'FMX',
      name: 'Family med',
      halfBlock: false,
    };
    const e = (blockNumber: number, part: 'full' | 'first' | 'second', rotationId: string) => ({
      personId: 'r9',
      academicYear: 2026,
      blockNumber,
      part,
      rotationId,
    });
    const issues = planIssues({
      ...program,
      rotations: [...program.rotations, wholeOnly],
      rotationAssignments: [
        e(0, 'first', 'rot-nf'), // block 0 has no halves
        e(3, 'second', 'rot-whole'), // a whole-block rotation in a half
        e(4, 'full', 'rot-nope'),
        e(5, 'full', 'rot-whole'),
        e(5, 'first', 'rot-nf'), // block 5 both whole and by halves
        e(6, 'first', 'rot-nf'),
        e(6, 'second', 'rot-nf'),
      ],
    });
    expect(issues).toEqual([
      {
        index: 0,
        field: 'part',
        kind: 'part',
        message:
          'r9 in AY 2026–27 block 0 (first half): block 0 (1 Jul – 1 Jul, 1 day) is too short to have halves; plan ' +
          'it as a whole block',
      },
      {
        index: 1,
        field: 'part',
        kind: 'misfit',
        rotationIndex: program.rotations.length,
        message:
          'r9 in AY 2026–27 block 3 (second half): Family med (FMX) lasts a whole block; it cannot take the second ' +
          'half only',
      },
      {
        index: 2,
        field: 'rotationId',
        kind: 'rotation',
        message: 'r9 in AY 2026–27 block 4 (whole block): no rotation with id "rot-nope"',
      },
      {
        index: 4,
        field: 'part',
        kind: 'mix',
        other: 3,
        message: 'r9 in AY 2026–27 block 5: a whole block and halves mixed (see entry 3)',
      },
    ]);
    // With the program's people, each entry names its resident.
    const resident = program.people.find((p) => p.kind === 'resident')!;
    const named = planIssues({
      ...program,
      rotations: [...program.rotations, wholeOnly],
      rotationAssignments: [{ ...e(3, 'second', 'rot-whole'), personId: resident.id }],
    });
    expect(named.map((i) => i.message)).toEqual([
      `${resident.name} (${resident.id}) in AY 2026–27 block 3 (second half): Family med (FMX) lasts a whole block; ` +
        `it cannot take the second half only`,
    ]);
  });
});
