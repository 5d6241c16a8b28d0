// A generation request as it travels to the pool's threads: the half-day assignments of its program
// (and of the check's baseline, and a step's published slots) packed into one Int32Array and three
// short dictionaries. A program sent to an export or a contingency sweep, and both schedules of a
// draft's rules check, travel the same way.
// Structured-cloning a year's program (100 000s of assignment objects) held the main thread 60-90 ms
// per copy at 100-150 residents, and a year's check sends two (the result and the baseline): the
// longest stall of a year's run. A typed array is copied in one block; the worker unpacks the rows.
import type { ProgramData } from '../../domain/program';
import { ASSIGNMENT_SOURCES, type Assignment, type AssignmentSource } from '../../domain/types';
import { finish } from '../../rules/engine';
import type { ComplianceInput } from '../../rules/input';
import type { GenerationRequest } from './generate';

export interface PackedAssignments {
  people: string[];
  dates: string[];
  codes: string[];
  /** Four numbers a slot: person, date and activity (indexes in the lists above), flags (half, source, locked). */
  rows: Int32Array;
}

/** Something holding half-day assignments (a program, a rules check's input), its half-days packed. */
export type Packed<T extends { assignments?: readonly Assignment[] }> = Omit<T, 'assignments'> & {
  assignments: PackedAssignments;
};
export type PackedProgram = Packed<ProgramData>;
export type PackedComplianceInput = Packed<ComplianceInput>;

export type PackedRequest = Omit<GenerationRequest, 'program' | 'baseline' | 'publishedSlots'> & {
  program: PackedProgram;
  baseline?: PackedProgram;
  publishedSlots?: PackedAssignments;
};

const SOURCE_INDEX = new Map<AssignmentSource, number>(ASSIGNMENT_SOURCES.map((s, i) => [s, i]));

function indexer(): { list: string[]; of: (value: string) => number } {
  const list: string[] = [];
  const at = new Map<string, number>();
  return {
    list,
    of(value) {
      let i = at.get(value);
      if (i === undefined) {
        i = list.length;
        list.push(value);
        at.set(value, i);
      }
      return i;
    },
  };
}

/**
 * Packs half-days one at a time (a program read in parts packs each part as it comes, so no turn
 * of the main thread packs a whole year): `add` each, then `done` once.
 */
export function assignmentPacker(): { add(a: Assignment): void; done(): PackedAssignments } {
  const [people, dates, codes] = [indexer(), indexer(), indexer()];
  const parts: Int32Array[] = [];
  let part = new Int32Array(4096 * 4);
  let at = 0;
  return {
    add(a) {
      const source = SOURCE_INDEX.get(a.source);
      if (source === undefined) throw new Error(`A half-day of ${a.personId} on ${a.date} has no known source`);
      if (at === part.length) {
        parts.push(part);
        part = new Int32Array(part.length);
        at = 0;
      }
      part[at] = people.of(a.personId);
      part[at + 1] = dates.of(a.date);
      part[at + 2] = codes.of(a.activityCode);
      part[at + 3] = (a.half === 'PM' ? 1 : 0) | (source << 1) | (a.locked ? 8 : 0);
      at += 4;
    },
    done() {
      const rows = new Int32Array(parts.length * part.length + at);
      parts.forEach((full, i) => rows.set(full, i * full.length));
      rows.set(part.subarray(0, at), parts.length * part.length);
      return { people: people.list, dates: dates.list, codes: codes.list, rows };
    },
  };
}

export function packAssignments(assignments: readonly Assignment[]): PackedAssignments {
  return finish(packAssignmentsSteps(assignments));
}

/** Half-days packed per step of packAssignmentsSteps (a year at 150 residents: ~190 000, ~140 ms). */
const ROWS_PER_STEP = 40_000;

/** The same, yielding every ROWS_PER_STEP half-days (the main thread lets other work run between). */
function* packAssignmentsSteps(assignments: readonly Assignment[]): Generator<void, PackedAssignments> {
  const packer = assignmentPacker();
  for (let i = 0; i < assignments.length; i++) {
    if (i > 0 && i % ROWS_PER_STEP === 0) yield;
    packer.add(assignments[i]);
  }
  return packer.done();
}

export function unpackAssignments(packed: PackedAssignments): Assignment[] {
  const { people, dates, codes, rows } = packed;
  const out: Assignment[] = new Array(rows.length / 4);
  for (let i = 0, o = 0; o < rows.length; i++, o += 4) {
    const flags = rows[o + 3];
    out[i] = {
      personId: people[rows[o]],
      date: dates[rows[o + 1]],
      half: flags & 1 ? 'PM' : 'AM',
      activityCode: codes[rows[o + 2]],
      source: ASSIGNMENT_SOURCES[(flags >> 1) & 3],
      locked: (flags & 8) !== 0,
    };
  }
  return out;
}

/** Its half-days packed (none: an empty pack); everything else is as it was. */
export const pack = <T extends { assignments?: readonly Assignment[] }>(p: T): Packed<T> => finish(packSteps(p));

/** The same, yielding between parts of its half-days. */
export function* packSteps<T extends { assignments?: readonly Assignment[] }>(p: T): Generator<void, Packed<T>> {
  return { ...p, assignments: yield* packAssignmentsSteps(p.assignments ?? []) };
}
export const unpack = <T extends { assignments?: readonly Assignment[] }>(
  p: Packed<T>,
): Omit<T, 'assignments'> & { assignments: Assignment[] } => ({ ...p, assignments: unpackAssignments(p.assignments) });

/** A program as it travels to a pool thread (a solve, an export, a contingency sweep): its half-days packed. */
export const packProgram = (p: ProgramData): PackedProgram => pack(p);
export const unpackProgram = (p: PackedProgram): ProgramData => unpack<ProgramData>(p);

export function packRequest(req: GenerationRequest): PackedRequest {
  const { program, baseline, publishedSlots, ...rest } = req;
  return {
    ...rest,
    program: packProgram(program),
    ...(baseline ? { baseline: packProgram(baseline) } : {}),
    ...(publishedSlots ? { publishedSlots: packAssignments(publishedSlots) } : {}),
  };
}

export function unpackRequest(req: PackedRequest): GenerationRequest {
  const { program, baseline, publishedSlots, ...rest } = req;
  return {
    ...rest,
    program: unpackProgram(program),
    ...(baseline ? { baseline: unpackProgram(baseline) } : {}),
    ...(publishedSlots ? { publishedSlots: unpackAssignments(publishedSlots) } : {}),
  };
}
