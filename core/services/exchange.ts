// The program exchange format: export a program to `{ format, version, exportedAt, program }`
// JSON, and import one all-or-nothing (into a new file, or into an empty program file).
import fs from 'node:fs';
import nodePath from 'node:path';
import { z } from 'zod';
import { PROGRAM_FILE_FORMAT, PROGRAM_FILE_VERSION, programFileSchema } from '../domain/schemas';
import { isEmptyProgram } from '../db/program-data';
import { PROGRAM_FILE_LIMITS, payloadProblem } from '../domain/payload-limits';
import { createProgramFile } from './create';
import { checkOutputPath, writeFilesAtomically } from './output-files';
import { ServiceError } from './errors';
import { importWarnings, validateProgramFile, type ExchangeIssue, type ProgramFile } from './exchange-validate';
import { loadProgramData, openProgram, writeProgramData, type Program } from './program';
import { plural } from '../domain/words';

export { importWarnings, validateProgramFile, type ExchangeIssue, type ProgramFile } from './exchange-validate';

/** A file that is not a valid program: every problem, each with its JSON path. */
export class InvalidProgramFileError extends Error {
  constructor(
    readonly source: string,
    readonly issues: ExchangeIssue[],
  ) {
    const shown = issues.slice(0, 20).map((i) => `  ${i.path}: ${i.message}`);
    const more = issues.length > shown.length ? [`  … and ${issues.length - shown.length} more`] : [];
    super(
      [`${source} is not a valid program file (${plural(issues.length, 'problem')}):`, ...shown, ...more].join('\n'),
    );
    this.name = 'InvalidProgramFileError';
  }
}

export async function exportProgram(program: Program, now = new Date()): Promise<ProgramFile> {
  return {
    format: PROGRAM_FILE_FORMAT,
    version: PROGRAM_FILE_VERSION,
    exportedAt: now.toISOString(),
    program: await loadProgramData(program),
  };
}

export function serializeProgramFile(file: ProgramFile): string {
  return `${JSON.stringify(file, null, 1)}\n`;
}

/**
 * Writes the export to `destPath` (a full path) atomically: never over the program file or its
 * side files, never into a folder that does not exist; nothing is left behind when it fails.
 */
export async function exportProgramToFile(
  program: Program,
  destPath: string,
): Promise<{ file: ProgramFile; path: string }> {
  const target = checkOutputPath(destPath, 'file', { programFile: program.path });
  if (fs.existsSync(target) && fs.statSync(target).isDirectory())
    throw new ServiceError('rejected', `${target} is a folder: give the name of the file to write`);
  const file = await exportProgram(program);
  await writeFilesAtomically([{ path: target, content: serializeProgramFile(file) }], program.path);
  return { file, path: target };
}

/**
 * A valid program file, what it holds that wants a look (importWarnings), and the keys it holds
 * that the format does not know (not imported).
 */
export interface ReadProgramFile {
  file: ProgramFile;
  warnings: ExchangeIssue[];
  unknownKeys: string[];
}

/** Parses JSON text and validates it; throws InvalidProgramFileError listing every problem. */
export function parseProgramFileReport(text: string, source: string): ReadProgramFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const message = err instanceof RangeError ? 'nested too deeply to read' : (err as Error).message;
    throw new InvalidProgramFileError(source, [{ path: '(root)', message: `not valid JSON: ${message}` }]);
  }
  // Bounded before the schema reads it: too deep, too large, a NUL character.
  const problem = payloadProblem(value, PROGRAM_FILE_LIMITS);
  if (problem) throw new InvalidProgramFileError(source, [problem]);
  const result = validateProgramFile(value);
  if (!result.ok) throw new InvalidProgramFileError(source, result.issues);
  return { file: result.file, warnings: result.warnings, unknownKeys: result.unknownKeys };
}

export function parseProgramFile(text: string, source: string): ProgramFile {
  return parseProgramFileReport(text, source).file;
}

export function readProgramFile(path: string): ProgramFile {
  return readProgramFileReport(path).file;
}

export function readProgramFileReport(path: string): ReadProgramFile {
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch (err) {
    throw new ServiceError(
      'not_found',
      `Cannot read ${JSON.stringify(path)}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
  return parseProgramFileReport(text, JSON.stringify(path));
}

/**
 * Imports a validated program into `dbPath`: a new file (built beside it and renamed into place,
 * so a failure leaves nothing behind) or an existing program file that is still empty. Returns
 * what the program holds that wants a look (duplicate and overlapping absences, imported as they are).
 */
export async function importProgram(
  file: ProgramFile,
  dbPath: string,
  actor = 'import',
): Promise<{ warnings: ExchangeIssue[] }> {
  const target = nodePath.resolve(dbPath);
  const warnings = importWarnings(file.program);
  if (!fs.existsSync(target)) {
    await createProgramFile(target, file.program, { actor });
    return { warnings };
  }
  const program = await openProgram(target);
  try {
    if (!(await isEmptyProgram(program.db)))
      throw new ServiceError(
        'conflict',
        `${JSON.stringify(target)} already holds a program; import into a new file instead`,
      );
    await writeProgramData(program, file.program, actor);
  } finally {
    await program.close();
  }
  return { warnings };
}

/** The JSON Schema of the exchange format (docs/program-format.schema.json is generated from it). */
export function programFormatJsonSchema(): Record<string, unknown> {
  // The input side: what a file may hold (fields with defaults may be left out).
  const schema = z.toJSONSchema(programFileSchema, { unrepresentable: 'any', io: 'input' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: 'https://residency-scheduler.invalid/program-format.schema.json',
    title: 'Residency Scheduler program file',
    description:
      'A whole residency program (settings, people, activities, rotations, calendar, the three schedule layers). ' +
      'Generated from the zod schema in core/domain/schemas.ts by `npm run docs:schema`; cross-reference rules ' +
      '(unknown ids, duplicates, dates outside the academic years) are described in docs/program-format.md.',
  };
}
