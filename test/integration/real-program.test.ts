// A real program's year entered by hand (test/fixtures/real-program.ts: 60 residents 24/20/16, a
// 13-block calendar of Monday blocks, half-block rotations, a shift-based ICU night float, part-day
// leave, a leaver and a late starter) as a new coordinator runs it: import the file, read the
// findings, generate the annual plan, publish it, generate one block's calls and half-days.
// Each step failed on this program before its fix: the import named overlaps that were none, the
// plan was infeasible on part-day appointments, the plan could not be published for shift hours of
// blocks not made yet.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { absencesOverlap } from '../../core/domain/absence-overlaps';
import { blocksForYear } from '../../core/domain/calendar';
import type { Finding } from '../../core/domain/types';
import { JobService } from '../../core/jobs/service';
import { complianceInput, validate } from '../../core/rules';
import { checkPublish, getDraft, publishDraft, type DraftContext } from '../../core/services/drafts';
import { importProgram, readProgramFile, serializeProgramFile } from '../../core/services/exchange';
import { loadProgramData, openProgram } from '../../core/services/program';
import {
  LATE_STARTER_FIRST_DAY,
  LATE_STARTER_ID,
  LEAVER_ID,
  LEAVER_LAST_DAY,
  REAL_YEAR,
  realProgramFile,
} from '../fixtures/real-program';
import { generateToEnd, poolAndScratch } from './generation-fixture';

const AY = { start: `${REAL_YEAR}-07-01`, end: `${REAL_YEAR + 1}-06-30` };
const hard = (f: Finding) => f.severity === 'critical' || f.severity === 'high';
const scratch = poolAndScratch('real-program-');

const generate = generateToEnd;

describe("a real program's year, entered by hand", () => {
  it('imports, reads its findings, plans the year, publishes the plan and generates a block', async () => {
    const file = realProgramFile();
    const json = path.join(scratch.dir, 'lakeside.json');
    fs.writeFileSync(json, serializeProgramFile(file));
    const db = path.join(scratch.dir, 'lakeside.sqlite');
    const { warnings } = await importProgram(readProgramFile(json), db);
    // Every overlap warning names an absence that overlaps the one it is about.
    const absences = file.program.absences;
    expect(warnings.length).toBeGreaterThan(0);
    for (const w of warnings) {
      const [self, other] = [...`${w.path} ${w.message}`.matchAll(/program\.absences\[(\d+)\]/g)].map(
        (m) => absences[Number(m[1])],
      );
      expect(self.personId, w.message).toBe(other.personId);
      expect(absencesOverlap(self, other), w.message).toBe(true);
    }

    const program = await openProgram(db);
    try {
      const ctx: DraftContext = { program, actor: 'coordinator' };
      const jobs = new JobService(scratch.pool);
      // Before anything is planned: nothing hard (the unapproved moonlighting is a medium finding).
      const before = validate(complianceInput(await loadProgramData(program), AY));
      expect(before.filter(hard).map((f) => f.message)).toEqual([]);
      expect(before.some((f) => f.ruleId === 'moonlighting_approval')).toBe(true);

      const annual = await generate(program, jobs, {
        scope: 'annual',
        academicYear: REAL_YEAR,
        blockNumber: null,
        fromBlock: null,
        timeLimitSec: 600,
        backend: 'highs',
      });
      expect(annual.status, annual.message).toBe('succeeded');
      expect(annual.hardFindings).toEqual([]);
      // Nothing blocks publishing a plan whose blocks are not made yet (no shift hours to count): the run's own
      // check, as the Publish dialog shows it, and the check publishing makes again.
      expect((await getDraft(ctx, annual.draftId!)).validation).toMatchObject({ stale: false });
      const check = await checkPublish(ctx, { draftId: annual.draftId!, acceptChurnWarnings: true, breakGlass: null });
      expect(check.validation.added.filter((f) => f.blocking).map((f) => f.message)).toEqual([]);
      await publishDraft(ctx, { draftId: annual.draftId!, acceptChurnWarnings: true, breakGlass: null });

      const data = await loadProgramData(program);
      const blocks = blocksForYear(REAL_YEAR, data.settings.blockLayout);
      expect(blocks.map((b) => b.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
      // Every resident has every block they have a day in, and no other: the leaver's last block is
      // 7 (14 Dec – 10 Jan), the late starter's first is 2 (27 Jul – 23 Aug).
      const planned = new Set(data.rotationAssignments.map((a) => `${a.personId}:${a.blockNumber}`));
      const expected = data.people
        .filter((p) => p.pgyByYear[REAL_YEAR])
        .flatMap((p) =>
          blocks
            .filter((b) => (p.startDate ?? b.end) <= b.end && (p.endDate ?? b.start) >= b.start)
            .map((b) => `${p.id}:${b.number}`),
        );
      expect([...planned].sort()).toEqual(expected.sort());
      expect(expected.filter((k) => k.startsWith(`${LEAVER_ID}:`)).length).toBe(7);
      expect(expected.filter((k) => k.startsWith(`${LATE_STARTER_ID}:`)).length).toBe(12);
      expect(data.people.find((p) => p.id === LEAVER_ID)?.endDate).toBe(LEAVER_LAST_DAY);
      expect(data.people.find((p) => p.id === LATE_STARTER_ID)?.startDate).toBe(LATE_STARTER_FIRST_DAY);
      const ori = data.rotations.find((r) => r.code === 'ORI')!;
      const interns = data.people.filter((p) => p.pgyByYear[REAL_YEAR] === 1 && p.id !== LATE_STARTER_ID);
      for (const p of interns)
        expect(
          data.rotationAssignments.find((a) => a.personId === p.id && a.blockNumber === 1)?.rotationId,
          p.name,
        ).toBe(ori.id);

      // Block 2: its calls, the ICU night-float shifts and every half-day.
      const block = await generate(program, jobs, {
        scope: 'block+calls',
        academicYear: REAL_YEAR,
        blockNumber: 2,
        fromBlock: null,
        timeLimitSec: 600,
        backend: 'highs',
      });
      expect(block.status, block.message).toBe('succeeded');
      expect(block.hardFindings).toEqual([]);
      await publishDraft(ctx, { draftId: block.draftId!, acceptChurnWarnings: true, breakGlass: null });
      const b2 = blocks[1];
      const after = validate(complianceInput(await loadProgramData(program), { start: b2.start, end: b2.end }));
      expect(after.filter(hard).map((f) => f.message)).toEqual([]);
      // The night float is covered every night of the block by the roster engine.
      const nights = (await loadProgramData(program)).assignments.filter(
        (a) => a.activityCode === 'NF' && a.date >= b2.start && a.date <= b2.end,
      );
      expect(new Set(nights.map((a) => a.date)).size).toBe(28);

      // Block 10, after the leaver's last day: its calls, the ICU night float and every half-day
      // are made without her (with her 'separation' entered as an absence, the plan put her on the
      // ICU night float here and the block had high findings).
      const late = await generate(program, jobs, {
        scope: 'block+calls',
        academicYear: REAL_YEAR,
        blockNumber: 10,
        fromBlock: null,
        timeLimitSec: 600,
        backend: 'highs',
      });
      expect(late.status, late.message).toBe('succeeded');
      expect(late.hardFindings).toEqual([]);
      await publishDraft(ctx, { draftId: late.draftId!, acceptChurnWarnings: true, breakGlass: null });
      const b10 = blocks[9];
      const data10 = await loadProgramData(program);
      const found = validate(complianceInput(data10, { start: b10.start, end: b10.end }));
      // (The residents' BLS cards expire in June: that warning is the year's, not the block's.)
      expect(found.filter((f) => hard(f) && f.ruleType !== 'certification_expired').map((f) => f.message)).toEqual([]);
      expect(found.filter((f) => f.personId === LEAVER_ID).map((f) => f.message)).toEqual([]);
      expect(data10.assignments.filter((a) => a.personId === LEAVER_ID && a.date > LEAVER_LAST_DAY)).toEqual([]);
      expect(data10.calls.filter((c) => c.personId === LEAVER_ID && c.date > LEAVER_LAST_DAY)).toEqual([]);
    } finally {
      await program.close();
    }
  }, 1_800_000);
});
