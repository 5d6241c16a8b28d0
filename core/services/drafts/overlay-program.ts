// The program as it would be after publishing a draft: what the compliance engine checks.
import type { ProgramData } from '../../domain/program';
import type { Assignment, RotationAssignment } from '../../domain/types';
import type { DraftDiff } from './diff';
import { finish } from '../../rules/engine';
import { cellKey } from './patch';
import { stepsInTurns } from './turns';

/** Slots looked at between two pauses of applyDiffSteps. */
const SLOTS_PER_STEP = 20_000;

export function applyDiffToProgram(program: ProgramData, diff: DraftDiff): ProgramData {
  return finish(applyDiffSteps(program, diff));
}

/** The same, pausing every few thousand slots for the event loop (a year's draft on the main thread). */
export function applyDiffToProgramInParts(
  program: ProgramData,
  diff: DraftDiff,
  pause: () => Promise<void>,
): Promise<ProgramData> {
  return stepsInTurns(applyDiffSteps(program, diff), pause);
}

/** The program after the diff, yielding between slices of slots (one definition for both of the above). */
function* applyDiffSteps(program: ProgramData, diff: DraftDiff): Generator<void, ProgramData> {
  const assignments = new Map<string, Assignment>();
  for (let i = 0; i < program.assignments.length; i++) {
    if (i > 0 && i % SLOTS_PER_STEP === 0) yield;
    const a = program.assignments[i];
    assignments.set(cellKey(a), a);
  }
  for (let i = 0; i < diff.cells.length; i++) {
    if (i > 0 && i % SLOTS_PER_STEP === 0) yield;
    const c = diff.cells[i];
    if (c.after) assignments.set(cellKey(c), { personId: c.personId, date: c.date, half: c.half, ...c.after });
    else assignments.delete(cellKey(c));
  }
  yield;
  // Changed nights and week starts are replaced as a whole by the draft's people.
  const nights = new Set(diff.calls.map((c) => `${c.date}|${c.callTypeCode}`));
  const calls = program.calls.filter((c) => !nights.has(`${c.date}|${c.callTypeCode}`));
  for (const c of diff.calls) for (const a of c.after) calls.push({ date: c.date, callTypeCode: c.callTypeCode, ...a });
  const starts = new Set(diff.inpatientWeeks.map((w) => w.start));
  const inpatientWeeks = program.inpatientWeeks.filter((w) => !starts.has(w.start));
  for (const w of diff.inpatientWeeks) for (const a of w.after) inpatientWeeks.push({ start: w.start, ...a });
  // Changed plan blocks (a resident's block, all its parts) are replaced by the draft's parts.
  const blocks = new Set((diff.rotations ?? []).map((r) => `${r.personId}|${r.academicYear}|${r.blockNumber}`));
  let rotationAssignments: RotationAssignment[] = program.rotationAssignments;
  if (blocks.size) {
    rotationAssignments = program.rotationAssignments.filter(
      (r) => !blocks.has(`${r.personId}|${r.academicYear}|${r.blockNumber}`),
    );
    for (const r of diff.rotations)
      for (const p of r.after)
        rotationAssignments.push({
          personId: r.personId,
          academicYear: r.academicYear,
          blockNumber: r.blockNumber,
          part: p.part,
          rotationId: p.rotationId,
        });
  }
  return { ...program, assignments: [...assignments.values()], calls, inpatientWeeks, rotationAssignments };
}
