// A program is one SQLite file. Opening checks and migrates it; the Program handle gives the
// services a typed query builder and closes/backs up the file.
import { rename, rm } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import type { ProgramData, ProgramOutline } from '../domain/program';
import fs from 'node:fs';
import { isWritableFile, openDatabase, openReadConnection } from '../db/open';
import {
  isEmptyProgram,
  readPackedProgramInParts,
  readProgramDataInParts,
  readProgramOutline,
  replaceProgramData,
} from '../db/program-data';
import type { PackedProgram } from '../solver/models/packed-request';
import type { Database } from '../db/schema';
import { audit } from './audit';
import { removeUnfinishedDrafts } from './drafts/save';
import { nextTurn } from './drafts/turns';

export interface Program {
  /** The connection commands write through (and read in their transactions). */
  readonly db: Kysely<Database>;
  /**
   * A read-only connection on the same file for queries: it answers from the last committed state
   * while a long write transaction (a year's publish) is open on `db`. The same as `db` when the
   * program is read-only.
   */
  readonly reader: Kysely<Database>;
  /**
   * A second read-only connection, for queries' long reads in parts (a year's half-days, a
   * statement at a time with turns between two, in one read transaction): on `reader` that
   * transaction held every other query, and each call's account lookup, until it ended.
   */
  readonly partsReader: Kysely<Database>;
  /** Absolute path of the program file. */
  readonly path: string;
  readonly schemaVersion: number;
  /** Copy of the file made before this open migrated it, if it did. */
  readonly backupPath: string | null;
  /** Opened for reading only (asked for, or the file cannot be written here): nothing is written. */
  readonly readOnly: boolean;
  close(): Promise<void>;
  /** A consistent copy of the open database (SQLite online backup), safe while in use. */
  backupTo(destPath: string): Promise<void>;
}

export interface OpenProgramOptions {
  /** Create the file (with the current schema and no content) when it does not exist. */
  create?: boolean;
  /** true: read only; 'auto': read only when the file cannot be written here (the app). */
  readOnly?: boolean | 'auto';
}

export async function openProgram(path: string, options: OpenProgramOptions = {}): Promise<Program> {
  const readOnly =
    options.readOnly === 'auto' ? fs.existsSync(path) && !isWritableFile(path) : options.readOnly === true;
  const opened = await openDatabase(path, { create: options.create, readOnly });
  // A draft whose save in parts was cut short (the app stopped mid-save) was never a draft: gone.
  if (!opened.readOnly) await removeUnfinishedDrafts(opened.db);
  let reader: Kysely<Database>;
  let partsReader: Kysely<Database>;
  try {
    reader = opened.readOnly ? opened.db : openReadConnection(opened.path).db;
  } catch (err) {
    await opened.db.destroy();
    throw err;
  }
  try {
    partsReader = openReadConnection(opened.path).db;
  } catch (err) {
    if (reader !== opened.db) await reader.destroy();
    await opened.db.destroy();
    throw err;
  }
  let closed = false;
  return {
    db: opened.db,
    reader,
    partsReader,
    path: opened.path,
    schemaVersion: opened.schemaVersion,
    backupPath: opened.backupPath,
    readOnly: opened.readOnly,
    async close() {
      if (closed) return;
      closed = true;
      await partsReader.destroy();
      if (reader !== opened.db) await reader.destroy();
      await opened.db.destroy();
    },
    async backupTo(destPath: string) {
      // Write beside the destination, then rename: a copy under its final name is always whole,
      // and a failed backup never leaves a half-written file where the user expects a copy.
      const partial = `${destPath}.partial-${process.pid}-${Date.now()}`;
      try {
        // Hold the connection for the copy: a transaction of ours spans turns of the event loop, and
        // SQLite's backup on the same connection would copy its uncommitted pages, or nothing at all
        // when it began inside one. Waiting for the connection orders the copy between transactions.
        await opened.db.connection().execute(() => opened.sqlite.backup(partial));
        await rename(partial, destPath);
      } catch (err) {
        await rm(partial, { force: true });
        throw err;
      }
    },
  };
}

/** The program as a query sees it: `db` is its reader connection (the last committed state). */
export function forReading(program: Program): Program {
  if (program.reader === program.db) return program;
  let view = readingViews.get(program);
  if (!view) readingViews.set(program, (view = { ...program, db: program.reader }));
  return view;
}
/** One reading view per open program: what is kept per Program handle is kept once. */
const readingViews = new WeakMap<Program, Program>();

/**
 * Everything in the program, as plain domain data: one read transaction, its half-days a part at a
 * time with a turn between two, so that other requests are answered while a big program is read
 * (a year at 150 residents held the main thread for most of a second in one read).
 */
export function loadProgramData(program: Program): Promise<ProgramData> {
  return readProgramDataInParts(partsConnection(program), nextTurn);
}

/** The program as loadProgramData reads it, packed for a pool thread as it is read (an export's input). */
export function loadPackedProgram(program: Program): Promise<PackedProgram> {
  return readPackedProgramInParts(partsConnection(program), nextTurn);
}

/** Everything in the program but its half-days (what reading a workbook needs). */
export function loadProgramOutline(program: Program): Promise<ProgramOutline> {
  return readProgramOutline(partsConnection(program));
}

/**
 * Where a long read in parts goes: a query's to the parts reader (other queries keep answering on
 * the reader meanwhile); a command keeps its connection, or its open transaction (what it writes
 * next, and the version it records, follow from what it read).
 */
export function partsConnection(program: Program): Kysely<Database> {
  return program.db === program.reader ? program.partsReader : program.db;
}

/** Replaces the program's whole content with `data` in one audited transaction. */
export async function writeProgramData(program: Program, data: ProgramData, actor = 'system'): Promise<void> {
  await program.db.transaction().execute(async (trx) => {
    await replaceProgramData(trx, data);
    await audit(trx, {
      actor,
      action: 'program.replace',
      entity: 'program',
      entityId: data.settings.programName,
      before: undefined,
      after: {
        people: data.people.length,
        rotations: data.rotations.length,
        absences: data.absences.length,
        assignments: data.assignments.length,
        calls: data.calls.length,
      },
    });
  });
}

export function programIsEmpty(program: Program): Promise<boolean> {
  return isEmptyProgram(program.db);
}
