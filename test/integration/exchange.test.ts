// The program exchange format: export → import → export gives back the same program; invalid
// files report every problem with its JSON path and write nothing; the committed JSON Schema is
// current.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../core/cli/main';
import { generateProgram } from '../../core/demo/generate';
import { PROGRAM_FILE_VERSION } from '../../core/domain/schemas';
import {
  InvalidProgramFileError,
  exportProgram,
  importProgram,
  parseProgramFile,
  programFormatJsonSchema,
  serializeProgramFile,
  validateProgramFile,
  type ProgramFile,
} from '../../core/services/exchange';
import { loadProgramData, openProgram } from '../../core/services/program';
import { joinRegExp } from '../regexp';

let dir: string;
const demo = generateProgram({ seed: 11, academicYear: 2026 });
const fileOf = (program = demo): ProgramFile => ({
  format: 'residency-program',
  version: PROGRAM_FILE_VERSION,
  exportedAt: '2026-07-01T12:00:00.000Z',
  program,
});

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exchange-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('export and import', () => {
  it('round-trips the generated reference program unchanged', async () => {
    const db = path.join(dir, 'roundtrip.sqlite');
    const text = serializeProgramFile(fileOf());
    await importProgram(parseProgramFile(text, 'demo.json'), db);
    const program = await openProgram(db);
    const exported = await exportProgram(program);
    await program.close();
    expect(exported.format).toBe('residency-program');
    expect(exported.version).toBe(PROGRAM_FILE_VERSION);
    expect(exported.program).toEqual(demo);
    // And the exported text validates and imports again.
    const again = path.join(dir, 'roundtrip-2.sqlite');
    await importProgram(parseProgramFile(serializeProgramFile(exported), 'export.json'), again);
    const second = await openProgram(again);
    expect(await loadProgramData(second)).toEqual(demo);
    await second.close();
  });

  it("carries people's first and last days in the program both ways", async () => {
    const program = structuredClone(demo);
    const [late, leaver] = program.people.filter((p) => p.kind === 'faculty');
    late.startDate = '2026-09-01';
    leaver.endDate = '2027-01-08';
    const db = path.join(dir, 'dates.sqlite');
    await importProgram(parseProgramFile(serializeProgramFile(fileOf(program)), 'dates.json'), db);
    const opened = await openProgram(db);
    const exported = await exportProgram(opened);
    await opened.close();
    const dates = exported.program.people.filter((p) => p.startDate || p.endDate);
    expect(dates.map((p) => [p.id, p.startDate ?? null, p.endDate ?? null])).toEqual([
      [late.id, '2026-09-01', null],
      [leaver.id, null, '2027-01-08'],
    ]);
    expect(serializeProgramFile(exported)).toContain('"endDate": "2027-01-08"');
  });

  it(
    'reads a call type without clockChange (a file from before it) as the scheduled hours; keeps ' + 'clock_end',
    async () => {
      const file = JSON.parse(serializeProgramFile(fileOf())) as { program: { callTypes: Record<string, unknown>[] } };
      for (const t of file.program.callTypes) delete t.clockChange;
      file.program.callTypes[0].clockChange = 'clock_end';
      const db = path.join(dir, 'clock-change.sqlite');
      await importProgram(parseProgramFile(JSON.stringify(file), 'older.json'), db);
      const program = await openProgram(db);
      const callTypes = (await loadProgramData(program)).callTypes;
      await program.close();
      expect(callTypes.map((t) => t.clockChange)).toEqual([
        'clock_end',
        ...demo.callTypes.slice(1).map(() => 'scheduled_hours'),
      ]);
    },
  );

  it('imports into an existing empty program file but never over a program', async () => {
    const db = path.join(dir, 'empty.sqlite');
    await (await openProgram(db, { create: true })).close();
    await importProgram(fileOf(), db);
    await expect(importProgram(fileOf(), db)).rejects.toThrow(/already holds a program/);
    const program = await openProgram(db);
    expect((await loadProgramData(program)).people).toHaveLength(demo.people.length);
    await program.close();
  });
});

describe('validation', () => {
  it('reports every problem with its JSON path, and nothing is written', async () => {
    const broken = structuredClone(demo);
    broken.people[0].name = '';
    broken.people[1].id = broken.people[0].id;
    broken.assignments[5].activityCode = 'ZZZ';
    broken.assignments[6].personId = 'nobody';
    broken.assignments[7] = { ...broken.assignments[8] };
    broken.calls[0].callTypeCode = 'NOPE';
    broken.absences[0].start = '2031-01-05';
    broken.absences[0].end = '2031-01-06';
    broken.rotationAssignments[0].rotationId = 'rot-missing';
    broken.rotationAssignments[1].blockNumber = 40;
    const block0 = broken.rotationAssignments.findIndex((r) => r.blockNumber === 0);
    broken.rotationAssignments[block0].part = 'first';
    broken.holidays[0].date = '2026-02-30';
    broken.inpatientWeeks[0].personId = 'ghost';
    const text = JSON.stringify({ ...fileOf(broken), version: 1 });

    // The schema problems come first (an empty name, an impossible date) …
    const first = validateProgramFile(JSON.parse(text));
    expect(first.ok).toBe(false);
    const schemaPaths = !first.ok ? first.issues.map((i) => i.path) : [];
    expect(schemaPaths).toEqual(expect.arrayContaining(['program.people[0].name', 'program.holidays[0].date']));

    // … and with those fixed, every cross-reference problem is listed at once.
    broken.people[0].name = 'Fixed Name';
    broken.holidays[0].date = '2026-07-03';
    const db = path.join(dir, 'never.sqlite');
    const error = await Promise.resolve()
      .then(() => importProgram(parseProgramFile(JSON.stringify(fileOf(broken)), 'broken.json'), db))
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(InvalidProgramFileError);
    const issues = (error as InvalidProgramFileError).issues;
    const byPath = new Map(issues.map((i) => [i.path, i.message]));
    expect(byPath.get('program.people[1].id')).toMatch(/duplicate person id \(already at people\[0\]\)/);
    expect(byPath.get('program.assignments[5].activityCode')).toBe('unknown activity code "ZZZ"');
    expect(byPath.get('program.assignments[6].personId')).toBe('unknown person id "nobody"');
    expect(byPath.get('program.assignments[8]')).toMatch(/duplicate slot/);
    expect(byPath.get('program.calls[0].callTypeCode')).toBe('unknown call type "NOPE"');
    expect(byPath.get('program.absences[0].start')).toMatch(
      /2031-01-05 is outside the program's academic years \(2026\)/,
    );
    expect(byPath.get('program.rotationAssignments[0].rotationId')).toMatch(
      /^.+ \(res-\d+\) in AY 2026–27 block \d+ \(.+\): no rotation with id "rot-missing"$/,
    );
    expect(byPath.get('program.rotationAssignments[1].blockNumber')).toMatch(
      /in AY 2026–27 block 40 \(.+\): AY 2026–27 has no block 40 \(blocks 0–13\)/,
    );
    expect(byPath.get(`program.rotationAssignments[${block0}].part`)).toMatch(
      joinRegExp(
        /in AY 2026–27 block 0 \(first half\): block 0 \(1 Jul – 1 Jul, 1 day\) is too short to have halves; /,
        /plan it as a whole block\. Change the file: plan that block whole/,
      ),
    );
    expect(byPath.get('program.inpatientWeeks[0].personId')).toBe('unknown person id "ghost"');
    expect((error as Error).message).toContain('broken.json is not a valid program file');
    expect(fs.existsSync(db)).toBe(false);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('never'))).toEqual([]);
  });

  it('refuses a plan the draft layer refuses: a whole-block rotation in a half, halves of a block ' +
    'without any', async () => {
    // A file as an earlier version accepted it: one resident's whole-block rotation planned as two halves.
    const file = structuredClone(demo);
    const rotations = new Map(file.rotations.map((r, i) => [r.id, { ...r, index: i }]));
    const names = new Map(file.people.map((p) => [p.id, p.name]));
    const whole = file.rotationAssignments.findIndex(
      (ra) => ra.part === 'full' && ra.blockNumber === 3 && !rotations.get(ra.rotationId)!.halfBlock,
    );
    const entry = file.rotationAssignments[whole];
    const rotation = rotations.get(entry.rotationId)!;
    file.rotationAssignments[whole] = { ...entry, part: 'first' };
    file.rotationAssignments.push({ ...entry, part: 'second' });
    const second = file.rotationAssignments.length - 1;
    // And another resident's two-day block 0 planned by halves.
    const block0 = file.rotationAssignments.findIndex((ra) => ra.blockNumber === 0 && ra.personId !== entry.personId);
    file.rotationAssignments[block0] = { ...file.rotationAssignments[block0], part: 'second' };
    const json = path.join(dir, 'plan-by-halves.json');
    fs.writeFileSync(json, serializeProgramFile(fileOf(file)));
    const db = path.join(dir, 'plan-by-halves.sqlite');

    // Through the command line, as a coordinator imports it: refused, every entry named, nothing written.
    const err: string[] = [];
    const code = await main(['import', json, db], { out: () => {}, err: (l) => err.push(l) });
    expect(code).toBe(1);
    const text = err.join('\n');
    expect(text).toContain(`"${json}" is not a valid program file (3 problems)`);
    const who = `${names.get(entry.personId)} (${entry.personId}) in AY 2026–27 block 3`;
    const misfit = `${rotation.name} (${rotation.code}) lasts a whole block`;
    const fix =
      `Change the file: plan that block whole (one entry with "part": "full" instead of its halves), or, ` +
      `if ${rotation.code} really lasts half a block, set "halfBlock": true in rotations[${rotation.index}]`;
    expect(text).toContain(
      `program.rotationAssignments[${whole}].part: ${who} (first half): ${misfit}; it cannot take the first half ` +
        `only. ${fix}`,
    );
    expect(text).toContain(
      `program.rotationAssignments[${second}].part: ${who} (second half): ${misfit}; it cannot take the second half ` +
        `only. ${fix}`,
    );
    const other = file.rotationAssignments[block0];
    expect(text).toContain(
      `program.rotationAssignments[${block0}].part: ${names.get(other.personId)} (${other.personId}) in AY 2026–27 ` +
        `block 0 (second half): block 0 (1 Jul – 1 Jul, 1 day) is too short to have halves`,
    );
    expect(text).toContain('Nothing was written');
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('plan-by-halves.sqlite'))).toEqual([]);

    // Mended as the message says (the whole block, one entry), the same file imports.
    file.rotationAssignments[whole] = entry;
    file.rotationAssignments.pop();
    file.rotationAssignments[block0] = { ...file.rotationAssignments[block0], part: 'full' };
    fs.writeFileSync(json, serializeProgramFile(fileOf(file)));
    expect(await main(['import', json, db], { out: () => {}, err: (l) => err.push(l) })).toBe(0);
  }, 60_000);

  it('rejects a file of another format or version, and text that is not JSON', () => {
    const wrong = validateProgramFile({ ...fileOf(), format: 'something-else', version: PROGRAM_FILE_VERSION + 1 });
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.issues.map((i) => i.path).sort()).toEqual(['format', 'version']);
    expect(() => parseProgramFile('{ nope', 'x.json')).toThrow(
      /x\.json is not a valid program file[\s\S]*not valid JSON/,
    );
  });
});

describe('the committed JSON Schema', () => {
  it('is current (run `npm run docs:schema` after changing the format)', () => {
    const committed = JSON.parse(fs.readFileSync(path.resolve('docs/program-format.schema.json'), 'utf8'));
    expect(committed).toEqual(programFormatJsonSchema());
  });
});
