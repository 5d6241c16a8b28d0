// From a generation report to a draft: what goes in (and what cannot: dates outside the program's
// academic years), how the draft is named and marked, and the run's figures summed over models.
import { describe, expect, it } from 'vitest';
import { blocksForYear } from '../../core/domain/calendar';
import {
  draftContentOf,
  draftName,
  draftNote,
  missingParts,
  type DraftMarking,
  type GenerationLabel,
} from '../../core/services/generation-draft';
import { totalFigures } from '../../core/services/generate';
import type { GenerationReport, ModelFigures } from '../../core/solver/models/generate';
import { joinRegExp } from '../regexp';

const label: GenerationLabel = { scope: 'block+calls', academicYear: 2026, blockNumber: 1, backend: 'highs' };

function model(fields: Partial<ModelFigures>): ModelFigures {
  return {
    model: 'm',
    buildSec: 0.1,
    backend: 'highs',
    variables: 100,
    integers: 80,
    rows: 50,
    nonzeros: 300,
    firstFeasibleSec: 0.5,
    solveSec: 2,
    status: 'optimal',
    objective: 10,
    bound: 10,
    gap: 0,
    memoryMB: 50,
    ...fields,
  };
}

function report(fields: Partial<GenerationReport>): GenerationReport {
  return {
    scope: 'block',
    status: 'succeeded',
    message: '',
    range: { start: '2026-07-02', end: '2026-07-29' },
    rotationAssignments: null,
    calls: null,
    inpatientWeeks: null,
    assignments: null,
    personIds: null,
    fairness: null,
    explanations: [],
    diagnosis: null,
    figures: [],
    findings: [],
    hardFindings: [],
    ...fields,
  } as GenerationReport;
}

describe('generation → draft', () => {
  it(
    'carries cells, calls and inpatient weeks with their source and lock, leaving out what the program ' +
      'cannot hold',
    () => {
      const r = report({
        assignments: [
          { personId: 'r1', date: '2026-07-02', half: 'AM', activityCode: 'C', source: 'solver', locked: false },
        ],
        calls: [
          { date: '2026-07-02', callTypeCode: 'OC', personId: 'f1', source: 'solver' },
          { date: '2026-07-03', callTypeCode: 'OC', personId: 'f2', source: 'manual' },
        ],
        inpatientWeeks: [
          { personId: 'f3', start: '2026-06-26', end: '2026-07-02' },
          { personId: 'f4', start: '2026-07-03', end: '2026-07-09' },
        ],
      });
      const { content, leftOut } = draftContentOf(r, 'N', 'note', (d) => d >= '2026-07-01');
      expect(content).toMatchObject({ name: 'N', note: 'note', source: 'generation' });
      expect(content.assignments).toEqual([
        { personId: 'r1', date: '2026-07-02', half: 'AM', activityCode: 'C', source: 'solver', locked: false },
      ]);
      expect(content.calls).toHaveLength(2);
      expect(content.calls![1].source).toBe('manual');
      expect(content.inpatientWeeks).toEqual([{ personId: 'f4', start: '2026-07-03', end: '2026-07-09' }]);
      expect(leftOut).toEqual(['inpatient week 2026-06-26–2026-07-02 (f3)']);
    },
  );

  it("names and notes the draft by how far it can be trusted, in the domain's words", () => {
    const clean: DraftMarking = {
      status: 'succeeded',
      optimal: true,
      stoppedBy: null,
      stoppedByName: null,
      seconds: 12,
      gap: 0,
      hardFindings: 0,
      partial: false,
    };
    expect(draftName(label, clean)).toBe('Generated Block 1 AY 2026–27: calls, inpatient weeks and half-days');
    expect(draftNote(label, clean, '')).toMatch(/Proven the best schedule\./);
    const stopped: DraftMarking = {
      ...clean,
      status: 'stopped',
      optimal: false,
      stoppedBy: 'user',
      stoppedByName: 'Dana Diaz',
      gap: 0.0412,
      partial: true,
    };
    expect(draftName(label, stopped)).toMatch(/\(stopped by Dana Diaz\)$/);
    expect(draftNote(label, stopped, 'Stopped after the call schedule')).toMatch(
      joinRegExp(
        /NOT PROVEN THE BEST \(stopped by Dana Diaz; could still improve by up to 4\.12 %\)/,
        /.*Only part of the scope was generated: Stopped after the call schedule/,
      ),
    );
    const timeLimit: DraftMarking = { ...stopped, stoppedBy: 'time_limit', stoppedByName: null, seconds: 60 };
    expect(draftName(label, timeLimit)).toMatch(/\(best found in 60 s\)$/);
    expect(draftNote(label, timeLimit, '')).toMatch(/NOT PROVEN THE BEST \(best found in 60 s, the time limit;/);
    expect(draftName(label, { ...timeLimit, seconds: 125 })).toMatch(/\(best found in 2 min 05 s\)$/);
    expect(draftName(label, { ...timeLimit, seconds: 300 })).toMatch(/\(best found in 5 min\)$/);
    const bad: DraftMarking = { ...clean, status: 'invalid', hardFindings: 2 };
    expect(draftName(label, bad)).toMatch(/\(fails rule check\)$/);
    expect(draftNote(label, bad, '')).toMatch(/FAILED THE RULE CHECK: 2 hard-rule findings\./);
    // The solver's own limit, no stop: how long it searched.
    expect(draftName(label, { ...clean, optimal: false, gap: 0.01, seconds: 7.4 })).toMatch(/\(best found in 7 s\)$/);
    expect(draftNote(label, { ...clean, optimal: false, gap: null, seconds: 7.4 }, '')).toMatch(
      /best found in 7 s; could still improve by an unknown amount/,
    );
  });

  it('keeps a long name whole: blocks not generated are counted when listing them would cut the name', () => {
    const year: GenerationLabel = { ...label, scope: 'year', blockNumber: null, fromBlock: 0 };
    const marking: DraftMarking = {
      status: 'stopped',
      optimal: false,
      stoppedBy: 'time_limit',
      stoppedByName: null,
      seconds: 230,
      gap: null,
      hardFindings: 0,
      partial: true,
      completedBlocks: [0, 1, 3],
      unsolvedBlocks: [2, 12],
    };
    // 300 residents, a 300 s year under load: this name was cut at 120 characters to "… best found in 3 min 50".
    const name = draftName(year, marking);
    expect(name.length).toBeLessThanOrEqual(120);
    expect(name).toBe(
      'Generated year AY 2026–27 from block 0 (incomplete, up to block 3; 2 blocks not generated; best found in 3 ' +
        'min 50 s)',
    );
    expect(draftName(year, { ...marking, unsolvedBlocks: [2] })).toMatch(
      /; block 2 not generated; best found in 3 min 50 s\)$/,
    );
  });

  it('never names a draft in solver words', () => {
    const names = (['user', 'time_limit', null] as const).flatMap((stoppedBy) =>
      [true, false].map((optimal) =>
        draftName(label, {
          status: 'stopped',
          optimal,
          stoppedBy,
          stoppedByName: 'Dana Diaz',
          seconds: 60,
          gap: 0.2,
          hardFindings: 0,
          partial: false,
        }),
      ),
    );
    for (const name of names) expect(name).not.toMatch(/optimal|gap|incumbent|feasible|bound/i);
  });

  it('sums the figures of a two-model run: first complete schedule, proven optimal, gap left', () => {
    const both = report({
      figures: [
        model({ solveSec: 3, firstFeasibleSec: 0.4 }),
        model({ solveSec: 1, firstFeasibleSec: 0.2, objective: 5 }),
      ],
    });
    const f = totalFigures(both, 7, 0, 6.5, true);
    expect(f).toMatchObject({
      variables: 200,
      rows: 100,
      nonzeros: 600,
      timeToFirstFeasibleSec: 3.2,
      timeToOptimalSec: 4,
      gap: 0,
      objective: 15,
      findings: 7,
      hardFindings: 0,
      elapsedSec: 6.5,
    });
    const notProven = report({ figures: [model({}), model({ status: 'feasible', gap: 0.03 })] });
    expect(totalFigures(notProven, 0, 0, 1, true)).toMatchObject({ timeToOptimalSec: null, gap: 0.03 });
    // Stopped between models: no complete schedule, so no time to one.
    const partial = report({ status: 'stopped', figures: [model({ status: 'feasible', gap: 0.5 })] });
    expect(totalFigures(partial, 0, 0, 1, false)).toMatchObject({
      timeToFirstFeasibleSec: null,
      timeToOptimalSec: null,
      gap: 0.5,
    });
    expect(totalFigures(report({}), 0, 0, 0, false)).toMatchObject({ gap: null, objective: null, variables: 0 });
  });

  it('a stopped year misses only the blocks it did not reach, one part per run of them', () => {
    // As measured: AY 2029, 150 residents, 60 s; the plan and blocks 0–3 and 7 were generated (two
    // chains side by side), so blocks 4–6 and 8–13 keep their published half-days — block 7 does not.
    const blocks = blocksForYear(2029, { anchorWeekday: 4, blockLengthDays: 28, blockCount: 12 });
    const byNumber = new Map(blocks.map((b) => [b.number, b]));
    const stopped = report({
      scope: 'year',
      status: 'stopped',
      rotationAssignments: [{ personId: 'r1', academicYear: 2029, blockNumber: 4, part: 'full', rotationId: 'rot-a' }],
      completedBlocks: [0, 1, 2, 3, 7],
      unsolvedBlocks: [],
    });
    const missing = missingParts(
      stopped,
      { scope: 'year', academicYear: 2029, blockNumber: null, backend: 'highs' },
      blocks,
    );
    expect(missing.map((m) => [m.what, m.start, m.end])).toEqual([
      ['the calls and half-days of blocks 4–6', byNumber.get(4)!.start, byNumber.get(6)!.end],
      ['the calls and half-days of blocks 8–13', byNumber.get(8)!.start, byNumber.get(13)!.end],
    ]);
    expect(missing[1].why).toContain('blocks 8–13 keep the half-days of the published plan');
    const oneLeft = missingParts(
      { ...stopped, completedBlocks: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] },
      {
        scope: 'year',
        academicYear: 2029,
        blockNumber: null,
        fromBlock: 0,
        backend: 'highs',
      },
      blocks,
    );
    expect(oneLeft.map((m) => m.what)).toEqual(['the calls and half-days of block 13']);
    expect(oneLeft[0].why).toContain('block 13 keeps');
  });
});
