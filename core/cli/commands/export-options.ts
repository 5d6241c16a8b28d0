// The options every export command shares (who, when, which schedule, where to), parsed with
// node's util.parseArgs, and the small runner that opens the program and reports errors.
import { readFile } from 'node:fs/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { ProgramData } from '../../domain/program';
import { PERSON_KINDS, type PersonKind } from '../../domain/types';
import {
  ExportInputError,
  scheduleOverrideSchema,
  type PeopleSelection,
  type ScheduleOverride,
} from '../../exports/schedule';
import { validateAsOfToday } from '../../services/compliance';
import { CliUsageError, message, type CliIo } from '../command';
import { draftOverride, type ExportRequest } from '../../services/exports';
import { loadProgramData, openProgram, type Program } from '../../services/program';
import { signInTo, type SignedIn } from '../session';

export const COMMON_OPTIONS = {
  program: { type: 'string', short: 'p' },
  person: { type: 'string', multiple: true },
  pgy: { type: 'string', multiple: true },
  kind: { type: 'string', multiple: true },
  everyone: { type: 'boolean' },
  from: { type: 'string' },
  to: { type: 'string' },
  block: { type: 'string' },
  year: { type: 'string' },
  draft: { type: 'string' },
  out: { type: 'string', short: 'o' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

export const COMMON_USAGE = `Program:
  -p, --program FILE     the program file (.sqlite)
Who (default: every active person):
  --person ID|NAME       a person, by id or full name (repeat for more)
  --pgy N                residents of PGY level N in the range's academic year (repeatable)
  --kind KIND            resident, faculty, student or intern (repeatable)
  --everyone             every active person
When:
  --from YYYY-MM-DD      first day (default: today)
  --to YYYY-MM-DD        last day (default: end of that academic year)
  --block N [--year Y]   one block of academic year Y (default: the current one)
Which schedule:
  --draft ID|FILE.json   export an open draft (by id) instead of the published schedule, or a
                         draft given as JSON ({label, start, end, assignments, calls,
                         inpatientWeeks?}); every output is marked DRAFT
Where:
  -o, --out PATH         output file or folder`;

export interface CommonValues {
  program?: string;
  person?: string[];
  pgy?: string[];
  kind?: string[];
  everyone?: boolean;
  from?: string;
  to?: string;
  block?: string;
  year?: string;
  draft?: string;
  out?: string;
  help?: boolean;
}

function integer(value: string, option: string): number {
  if (!/^\d+$/.test(value)) throw new CliUsageError(`--${option} expects a whole number, got "${value}"`);
  return Number(value);
}

/** Person ids from ids or full names (case-insensitive); an ambiguous name lists the candidates. */
export function resolvePersonRefs(data: ProgramData, refs: string[]): string[] {
  return refs.map((ref) => {
    if (data.people.some((p) => p.id === ref)) return ref;
    const matches = data.people.filter((p) => p.name.localeCompare(ref, undefined, { sensitivity: 'accent' }) === 0);
    if (matches.length === 1) return matches[0].id;
    if (matches.length > 1)
      throw new CliUsageError(`"${ref}" matches several people (${matches.map((m) => m.id).join(', ')}); give the id`);
    throw new CliUsageError(`No person with id or name "${ref}" in this program`);
  });
}

async function readDraft(path: string): Promise<ScheduleOverride> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new CliUsageError(`Cannot read the draft file ${path}: ${message(err)}`);
  }
  const parsed = scheduleOverrideSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliUsageError(
      `The draft file ${path} is not valid at ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
  }
  return parsed.data;
}

async function draftFrom(ref: string, signedIn: SignedIn): Promise<ScheduleOverride> {
  if (!/^\d+$/.test(ref)) return readDraft(ref);
  return draftOverride({ program: signedIn.program, actor: signedIn.actor, validate: validateAsOfToday }, Number(ref));
}

export type ExportMethod = 'exports.calendars' | 'exports.pdf' | 'exports.csv' | 'exports.xlsx';

/**
 * The export request the common options describe, refused when the account's role may not export
 * it (residents and faculty: only their own published schedule), as the API refuses it.
 */
export async function exportRequestFrom(
  values: CommonValues,
  data: ProgramData,
  signedIn: SignedIn,
  what: { method: ExportMethod; kind?: string },
): Promise<ExportRequest> {
  const explicit = [values.person?.length, values.pgy?.length, values.kind?.length].filter(Boolean).length;
  if (values.everyone && explicit)
    throw new CliUsageError('--everyone cannot be combined with --person, --pgy or --kind');
  if (values.person?.length && (values.pgy?.length || values.kind?.length))
    throw new CliUsageError('--person cannot be combined with --pgy or --kind');
  const kinds = (values.kind ?? []).map((k) => {
    if (!PERSON_KINDS.includes(k as PersonKind))
      throw new CliUsageError(`--kind must be one of ${PERSON_KINDS.join(', ')}, got "${k}"`);
    return k as PersonKind;
  });
  const people: PeopleSelection = {
    personIds: values.person ? resolvePersonRefs(data, values.person) : undefined,
    pgyLevels: values.pgy?.map((v) => integer(v, 'pgy')),
    kinds: kinds.length ? kinds : undefined,
  };
  if (values.year && !values.block) throw new CliUsageError('--year goes with --block');
  if (values.block && (values.from || values.to))
    throw new CliUsageError('--block cannot be combined with --from/--to');
  // A draft named by file or id counts as a draft (the check only asks whether there is one).
  await signedIn.check(what.method, {
    people,
    draftId: values.draft ? Number(values.draft) || -1 : null,
    kind: what.kind,
  });
  return {
    people,
    start: values.from,
    end: values.to,
    block: values.block
      ? { number: integer(values.block, 'block'), academicYear: values.year ? integer(values.year, 'year') : undefined }
      : undefined,
    draft: values.draft ? await draftFrom(values.draft, signedIn) : null,
  };
}

/**
 * Parse, open the program, run, close. Returns the exit code: 0 done, 1 the export was refused
 * (bad data or input: nothing written), 2 the command was called wrongly.
 */
export async function runExportCommand<V extends CommonValues>(
  argv: string[],
  io: CliIo,
  config: { options: ParseArgsConfig['options']; usage: string; method: ExportMethod },
  body: (values: V, data: ProgramData, signedIn: SignedIn) => Promise<void>,
): Promise<number> {
  let values: V;
  try {
    values = parseArgs({ args: argv, options: config.options, allowPositionals: false, strict: true }).values as V;
  } catch (err) {
    io.err(`error: ${message(err)}`);
    io.err(config.usage);
    return 2;
  }
  if (values.help) {
    io.out(config.usage);
    return 0;
  }
  if (!values.program) {
    io.err('error: --program FILE is required');
    io.err(config.usage);
    return 2;
  }
  let program: Program | null = null;
  try {
    program = await openProgram(values.program);
    const signedIn = await signInTo(program, io, [config.method]);
    await body(values, await loadProgramData(program), signedIn);
    return 0;
  } catch (err) {
    if (err instanceof CliUsageError) {
      io.err(`error: ${err.message}`);
      return 2;
    }
    if (err instanceof ExportInputError) {
      io.err(`error: ${err.message} (nothing was written)`);
      return 1;
    }
    io.err(`error: ${message(err)}`);
    return 1;
  } finally {
    await program?.close();
  }
}
