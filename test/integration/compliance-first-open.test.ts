// Opening the Compliance view the first time (issue 15 item 1): the year's validator is built a few
// rules' units at a time with a turn of the event loop between two (about a second of CPU at 150
// residents in one turn before), so a request arriving meanwhile (a new macrotask, as an IPC message
// is) is answered before the view's answer. Its findings are the engine's in one go. The test waits
// on events (which answer arrives first), never on the clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComplianceSummary, FindingsResult } from '../../core/services/compliance';
import type { Core } from '../../core/api/core';
import { academicYearEnd, academicYearStart } from '../../core/domain/calendar';
import { generateProgram } from '../../core/demo/generate';
import type { ProgramData } from '../../core/domain/program';
import { validate } from '../../core/rules/engine';
import { complianceInput } from '../../core/rules/input';
import { programToday } from '../../core/services/compliance';
import { signedInCoreOn, value } from '../test-core';

const YEAR = 2026;
let closeCore: () => Promise<void> = async () => {};
let data: ProgramData;
let core: Core;

beforeAll(async () => {
  data = generateProgram({ seed: 11, academicYear: YEAR, residentsPerPgy: [6, 6, 6], facultyCount: 12 });
  ({ core, close: closeCore } = await signedInCoreOn('first-open-', data));
});
afterAll(async () => {
  await closeCore();
});

describe('the Compliance view opened the first time', () => {
  it("answers a request asked while the year's validator is built, and shows the engine's findings", async () => {
    // The published program is read into the compliance cache first (a resident's own hours do not
    // build the year's validator): what is left of the view's first call is the build.
    const resident = data.people.find((p) => p.kind === 'resident')!;
    value(await core.dispatch('compliance.hours', { academicYear: YEAR, draftId: null, personIds: [resident.id] }));
    const ended: string[] = [];
    let summary: ComplianceSummary | null = null;
    const opening = core.dispatch('compliance.summary', { academicYear: YEAR, draftId: null }).then((e) => {
      summary = value<ComplianceSummary>(e);
      ended.push('compliance.summary');
    });
    const other = new Promise<void>((resolve, reject) =>
      setImmediate(() =>
        core
          .dispatch('program.info', {})
          .then((e) => {
            value(e);
            ended.push('program.info');
          })
          .then(resolve, reject),
      ),
    );
    await Promise.all([opening, other]);
    expect(ended).toEqual(['program.info', 'compliance.summary']);
    expect(summary!.academicYear).toBe(YEAR);

    const shown = value<FindingsResult>(
      await core.dispatch('compliance.findings', { academicYear: YEAR, draftId: null }),
    );
    const range = { start: academicYearStart(YEAR), end: academicYearEnd(YEAR) };
    const engine = validate(complianceInput(data, range), { asOf: programToday(data.settings.timeZone, new Date()) });
    expect(engine.length).toBeGreaterThan(0);
    expect(shown.findings.map((f) => f.id).sort()).toEqual(engine.map((f) => f.id).sort());
  }, 120_000);
});
