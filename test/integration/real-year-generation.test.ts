// Issue 11 "done when": a program built like the real year (test/fixtures/real-like-program.ts:
// hand-made calls with every fault class, vacations on clinic weeks, inpatient weeks over
// absences) goes through import → validate → calls for the year → year run → export → import, as
// a new user would, through the generation service and the worker pool. What the app writes its
// own importer takes back; the generated year has no work on an approved absence and no hard
// finding; the hand-made calls are released to the generator and the inpatient weeks re-planned.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../core/domain/types';
import { JobService } from '../../core/jobs/service';
import { complianceInput, validate } from '../../core/rules';
import {
  acknowledgeFinding,
  checkPublish,
  getDraft,
  publishDraft,
  type DraftContext,
} from '../../core/services/drafts';
import {
  exportProgramToFile,
  importProgram,
  readProgramFile,
  serializeProgramFile,
} from '../../core/services/exchange';
import { loadProgramData, openProgram } from '../../core/services/program';
import { realLikeProgramFile } from '../fixtures/real-like-program';
import { generateToEnd, poolAndScratch } from './generation-fixture';

const AY = { start: '2026-07-01', end: '2027-06-30' };
const scratch = poolAndScratch('real-year-');

const hard = (f: Finding) => f.severity === 'critical' || f.severity === 'high';
/** Work or call on the person's own approved absence (the absence rule's serious findings). */
const onApprovedAbsence = (findings: Finding[]) => findings.filter((f) => f.ruleId === 'absence_conflict' && hard(f));

const generate = generateToEnd;

/**
 * Publish a generated draft, acknowledging (for the draft) what it flags as blocking: the flags of the run's own
 * check, as the Publish dialog shows them (publishing checks the draft again and refuses a blocking one left).
 */
async function publish(ctx: DraftContext, draftId: number) {
  // The run's check is on the draft and still describes it: the Publish dialog needs no check of its own.
  expect((await getDraft(ctx, draftId)).validation).toMatchObject({ stale: false });
  const { validation: v } = await checkPublish(ctx, { draftId, acceptChurnWarnings: true, breakGlass: null });
  for (const f of v.added.filter((x) => x.blocking))
    await acknowledgeFinding(ctx, {
      findingId: f.id,
      draftId,
      reasonCode: 'approved_exception',
      reason: 'test publish',
    });
  return publishDraft(ctx, { draftId, acceptChurnWarnings: true, breakGlass: null });
}

describe('a real-like year, as a new user would run it', () => {
  it('imports, validates, generates the calls for the year and then the year, exports, and imports again', async () => {
    const { file, faults } = realLikeProgramFile();
    // Regenerating a whole year changes most of it: the churn guard is for edits of a published year.
    file.program.settings.churn = {
      ...file.program.settings.churn,
      rejectTotalPct: 100,
      rejectPersonPct: 100,
      warnPersonPct: 100,
    };
    const json = path.join(scratch.dir, 'real-like.json');
    fs.writeFileSync(json, serializeProgramFile(file));
    const db = path.join(scratch.dir, 'real-like.sqlite');
    await importProgram(readProgramFile(json), db);
    const program = await openProgram(db);
    try {
      const ctx: DraftContext = { program, actor: 'coordinator' };
      const jobs = new JobService(scratch.pool);
      const before = validate(complianceInput(await loadProgramData(program), AY));
      expect(onApprovedAbsence(before).length).toBeGreaterThanOrEqual(
        faults.filter((f) => f.ruleId === 'absence_conflict' && f.severity !== 'low').length,
      );

      // Calls for the whole year in one draft: the hand-made calls are released, inpatient weeks re-planned.
      const calls = await generate(program, jobs, {
        scope: 'calls',
        academicYear: 2026,
        blockNumber: null,
        fromBlock: null,
        toBlock: null,
        releaseLockedCalls: true,
        regenerateInpatientWeeks: true,
        timeLimitSec: 600,
        backend: 'highs',
      });
      expect(calls.status, calls.message).toBe('succeeded');
      expect(calls.unsolvedBlocks).toEqual([]);
      expect(calls.calls!.allLocked).toBe(false);
      expect(calls.calls!.decidedNights).toBeGreaterThan(0);
      await publish(ctx, calls.draftId!);

      // The year: plan (kept where it can be), then every block's calls and half-days.
      const year = await generate(program, jobs, {
        scope: 'year',
        academicYear: 2026,
        blockNumber: null,
        fromBlock: null,
        timeLimitSec: 1200,
        backend: 'highs',
      });
      expect(year.status, year.message).toBe('succeeded');
      expect(year.unsolvedBlocks).toEqual([]);
      expect(year.hardFindings).toEqual([]);
      await publish(ctx, year.draftId!);

      // Export, and the app's own importer takes it back unchanged in substance.
      const out = path.join(scratch.dir, 'after-year.json');
      await exportProgramToFile(program, out);
      const again = path.join(scratch.dir, 'again.sqlite');
      await importProgram(readProgramFile(out), again);
      const reopened = await openProgram(again);
      try {
        const data = await loadProgramData(reopened);
        const published = await loadProgramData(program);
        expect(data.calls.length).toBe(published.calls.length);
        expect(data.inpatientWeeks.length).toBe(published.inpatientWeeks.length);
        expect(data.assignments.length).toBe(published.assignments.length);
        expect(data.inpatientWeeks.every((w) => w.start >= AY.start && w.end <= AY.end)).toBe(true);
        const after = validate(complianceInput(data, AY));
        expect(onApprovedAbsence(after).map((f) => f.message)).toEqual([]);
        expect(after.filter((f) => hard(f) && f.ruleType !== 'certification_expired').map((f) => f.message)).toEqual(
          [],
        );
      } finally {
        await reopened.close();
      }
    } finally {
      await program.close();
    }
  }, 1_800_000);
});
