// The typed task map shared by the worker pool (core/jobs) and the worker files (workers/*.worker.ts):
// task name → input, progress and result. A task named `x` lives in workers/x.worker.ts and is built
// to dist/workers/x.cjs. Adding a worker = one entry here plus its file.
// Types only: core imports this file with `import type`, so nothing here runs in the main process.
import type { MessagePort } from 'node:worker_threads';
import type {
  AcademicYearId,
  Block,
  BlockLayout,
  DayType,
  HalfDay,
  Holiday,
  IsoDate,
  IsoWeekday,
} from '../core/domain/types';
import type { GenerationReport } from '../core/solver/models/generate';
import type { PackedComplianceInput, PackedProgram, PackedRequest } from '../core/solver/models/packed-request';
import type { AnyExportRequest, AnyExportResult, Built } from '../core/exports/build';
import type { Repair, StressResult } from '../core/domain/contingency';
import type { SweepChunkInput, SweepChunkResult } from '../core/solver/contingency';
import type { Finding } from '../core/domain/types';
import type { ComplianceOptions } from '../core/rules/input';
import type { ProgramOutline } from '../core/domain/program';
import type { WorkbookReading } from '../core/exports/xlsx/readBlockSheets';

/** Progress every task reports; the job service shows it as the job's status. */
export interface TaskProgress {
  /** 0..1 when known. */
  fraction: number | null;
  /** Short human-readable phase, e.g. "Computing 2026-09". */
  phase: string;
  detail?: Record<string, number | string | null>;
}

export interface TaskSpec<I, P extends TaskProgress, R> {
  input: I;
  progress: P;
  result: R;
}

// ---- calendar: the slots of one academic year ----

export interface CalendarTaskInput {
  academicYear: AcademicYearId;
  blockLayout: BlockLayout;
  /** Holidays of the program; those outside the year are ignored. */
  holidays: Holiday[];
}

/** One slot of the year calendar with everything a grid or a rule needs about it. */
export interface CalendarSlot {
  date: IsoDate;
  half: HalfDay;
  weekday: IsoWeekday;
  blockNumber: number;
  /** 1 = days 1–14 of the block, 2 = day 15 to the end. */
  blockHalf: 1 | 2;
  dayType: DayType;
  /** Holiday name when the day is not a normal day. */
  holidayName: string | null;
}

export interface YearCalendar {
  academicYear: AcademicYearId;
  start: IsoDate;
  end: IsoDate;
  blocks: Block[];
  slots: CalendarSlot[];
  /** Days per day type (each day counted once, not per half). */
  daysByType: Record<DayType, number>;
}

export interface CalendarProgress extends TaskProgress {
  detail: { month: string; monthsDone: number; monthsTotal: number; slots: number };
}

// ---- solve: schedule generation (annual plan, calls, half-days) with independent validation ----

/** The request with its half-day assignments packed (core/solver/models/packed-request.ts says why). */
export type SolveTaskInput = PackedRequest & {
  /** MILP backend (default HiGHS). */
  backend?: 'highs' | 'glpk';
};

/** Solver progress: phase, and detail { objective, bound, gap, elapsedSec }. */
export interface SolveProgress extends TaskProgress {
  detail: { objective: number | null; bound: number | null; gap: number | null; elapsedSec: number };
}

// ---- export: calendars, printouts and the CSV made in memory (the main process writes them) ----

export interface ExportTaskInput {
  /** Packed: a year's half-days as objects took the main thread 100s of ms to copy to the thread. */
  data: PackedProgram;
  request: AnyExportRequest;
}

/** Export progress: files made so far, and whose (or which) the last one was. */
export interface ExportProgress extends TaskProgress {
  detail: { done: number; total: number; current: string };
}

// ---- contingency: N-1/N-2 sweeps over some weeks, one repair on demand, the stress ladder ----

/** The program around the weeks asked for, packed (as exports and solves send it). */
export type ContingencyTaskInput =
  | ({ kind: 'sweep' } & Omit<SweepChunkInput, 'data'> & { data: PackedProgram })
  | { kind: 'repair'; data: PackedProgram; week: IsoDate; days: IsoDate[]; gone: string[] }
  | {
      kind: 'stress';
      data: PackedProgram;
      academicYear: AcademicYearId;
      blockNumber: number;
      samples: number;
      seed: number;
    };

export type ContingencyTaskResult =
  | { kind: 'sweep'; chunk: SweepChunkResult }
  | { kind: 'repair'; repair: Repair | null }
  | { kind: 'stress'; stress: StressResult };

/** Sweep: units (losses) done of the chunk's total and the week at hand; stress: samples done. */
export interface ContingencyProgress extends TaskProgress {
  detail: { done: number; total: number; week: string | null };
}

// ---- check: a draft against the rules — the published schedule and the draft's version of it ----

export interface CheckTaskInput {
  /**
   * The published schedule over the checked range, and the draft's version of it (same range), their
   * half-days packed: a year's two schedules structured-cloned held the main thread 400 ms at 150 residents.
   */
  before: PackedComplianceInput;
  after: PackedComplianceInput;
  /** As the caller's validator runs the engine (e.g. certifications as of today). */
  options: ComplianceOptions;
}

export interface CheckTaskResult {
  before: Finding[];
  after: Finding[];
}

/** Which of the two schedules is being checked. */
export interface CheckProgress extends TaskProgress {
  detail: { done: number; total: number };
}

// ---- workbook: an edited block sheet workbook read against the program (an import's preview) ----

export interface WorkbookTaskInput {
  bytes: Uint8Array;
  /** The people, codes, call types and plan the cells are read against (no half-day is needed). */
  program: ProgramOutline;
}

/** What the sheets say, or why the file is not a workbook the import can read. */
export type WorkbookTaskResult = { reading: WorkbookReading } | { unreadable: string };

// ---- the map ----

export interface TaskMap {
  calendar: TaskSpec<CalendarTaskInput, CalendarProgress, YearCalendar>;
  solve: TaskSpec<SolveTaskInput, SolveProgress, GenerationReport>;
  export: TaskSpec<ExportTaskInput, ExportProgress, Built<AnyExportResult>>;
  contingency: TaskSpec<ContingencyTaskInput, ContingencyProgress, ContingencyTaskResult>;
  check: TaskSpec<CheckTaskInput, CheckProgress, CheckTaskResult>;
  workbook: TaskSpec<WorkbookTaskInput, TaskProgress, WorkbookTaskResult>;
}

export type TaskName = keyof TaskMap;
export type TaskInputOf<K extends TaskName> = TaskMap[K]['input'];
export type TaskProgressOf<K extends TaskName> = TaskMap[K]['progress'];
export type TaskResultOf<K extends TaskName> = TaskMap[K]['result'];

/** What every thread of a pool starts with (piscina's `workerData`). */
export interface PoolWorkerData {
  /** The pool's process's compiled highs.wasm (core/solver/backends/highs.ts, compiledHighs). */
  highs: WebAssembly.Module;
}

/** What the pool posts to a worker for one task. */
export interface TaskMessage<I> {
  input: I;
  /** Progress goes back through this port (transferred to the worker). */
  port: MessagePort;
  /** Int32 flag at index 0: non-zero = stop gracefully and return the best result so far. */
  stopFlag: SharedArrayBuffer;
}

/**
 * Messages a worker sends on its progress port. `end` is always last, so no progress is lost.
 * `interim`: what the task would return if it were stopped now (the pool returns it when the task
 * does not answer a stop in time, core/jobs/pool.ts).
 */
export type PortMessage<P, R = unknown> =
  | { type: 'progress'; progress: P }
  | { type: 'interim'; result: R }
  | { type: 'end' };
