// `validate <db | program.json>`: check a schedule against the program's rules and print the
// findings as JSON. Exit code 3 when a critical finding is open (not acknowledged), so scripts
// and CI can gate on it; 0 otherwise (1 failed, 2 called wrongly).
import { academicYearEnd, academicYearOf, academicYearStart, isIsoDate } from '../../domain/calendar';
import type { IsoDate } from '../../domain/types';
import { complianceFindings, validateProgramData, type ComplianceFinding } from '../../services/compliance';
import { countBySeverity } from '../../services/compliance/summary';
import { readProgramFile } from '../../services/exchange';
import { currentAcademicYear, programSummary } from '../../services/settings';
import { CliUsageError, integerOption, runCommand, type CliIo, type CommandBody } from '../command';
import { withSignedIn } from '../session';
import { positiveId } from './draft-context';

/** Exit code when open critical findings remain. */
export const EXIT_CRITICAL = 3;

const usage = `Usage: validate <db | program.json> [--year Y | --from YYYY-MM-DD --to YYYY-MM-DD] [--draft ID]
Checks the published schedule against the program's rules (ACGME work hours, program policies,
conflicts) and prints the findings as JSON: severity, rule, person, window, measured value and
limit, explanation, and whether each is acknowledged.
  --year Y         the academic year starting July 1 of Y (default: the current one)
  --from, --to     only findings whose window overlaps these dates (both needed)
  --draft ID       check an open draft of the program file instead (databases only)
Exit codes: 0 no open critical findings, 3 open critical findings, 1 failed, 2 called wrongly.`;

function dateOption(value: string | boolean | undefined, option: string): IsoDate | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !isIsoDate(value))
    throw new CliUsageError(`--${option} expects a date (YYYY-MM-DD), got "${String(value)}"`);
  return value;
}

interface Scope {
  year: number | undefined;
  from: IsoDate | undefined;
  to: IsoDate | undefined;
}

function scopeOf(values: Record<string, string | boolean | undefined>): Scope {
  const year = integerOption(values.year, 'year', 1900, 2200);
  const from = dateOption(values.from, 'from');
  const to = dateOption(values.to, 'to');
  if ((from === undefined) !== (to === undefined)) throw new CliUsageError('--from and --to go together');
  if (from && to && from > to) throw new CliUsageError(`--to ${to} is before --from ${from}`);
  if (year !== undefined && from) throw new CliUsageError('give either --year or --from/--to, not both');
  return { year, from, to };
}

function report(io: CliIo, head: Record<string, unknown>, findings: ComplianceFinding[]): number {
  const open = findings.filter((f) => !f.acknowledgement);
  const openCounts = countBySeverity(open);
  io.out(
    JSON.stringify(
      {
        ...head,
        counts: countBySeverity(findings),
        open: openCounts,
        acknowledged: findings.length - open.length,
        findings,
      },
      null,
      2,
    ),
  );
  return openCounts.critical > 0 ? EXIT_CRITICAL : 0;
}

/** A program exchange file: validated in memory, nothing is written. */
function validateFile(path: string, scope: Scope, io: CliIo): number {
  const data = readProgramFile(path).program;
  const year = scope.year ?? currentAcademicYear(data.academicYears);
  const range =
    scope.from && scope.to
      ? { start: scope.from, end: scope.to }
      : { start: academicYearStart(year), end: academicYearEnd(year) };
  const findings = validateProgramData(data, range);
  return report(
    io,
    { source: path, kind: 'program-file', programName: data.settings.programName, draftId: null, range },
    findings,
  );
}

async function validateDatabase(path: string, scope: Scope, draftId: number | null, io: CliIo): Promise<number> {
  return withSignedIn(path, io, ['compliance.findings'], async ({ program, actor }) => {
    const summary = await programSummary(program);
    const ctx = { program, actor };
    const years =
      scope.from && scope.to
        ? Array.from(
            { length: academicYearOf(scope.to) - academicYearOf(scope.from) + 1 },
            (_, i) => academicYearOf(scope.from!) + i,
          )
        : [scope.year ?? summary.currentAcademicYear];
    const byId = new Map<string, ComplianceFinding>();
    for (const academicYear of years) {
      const result = await complianceFindings(ctx, { academicYear, draftId }, { from: scope.from, to: scope.to });
      for (const f of result.findings) if (!byId.has(f.id)) byId.set(f.id, f);
    }
    const range =
      scope.from && scope.to
        ? { start: scope.from, end: scope.to }
        : { start: academicYearStart(years[0]), end: academicYearEnd(years[0]) };
    const findings = [...byId.values()];
    return report(
      io,
      { source: path, kind: 'database', programName: summary.settings.programName, draftId, range },
      findings,
    );
  });
}

export const validateCommand: CommandBody = {
  name: 'validate',
  usage,
  async run(argv: string[], io: CliIo) {
    let exit = 0;
    const code = await runCommand(
      argv,
      io,
      {
        usage,
        options: {
          year: { type: 'string' },
          from: { type: 'string' },
          to: { type: 'string' },
          draft: { type: 'string' },
        },
        positionals: ['db | program.json'],
      },
      async (values, [source]) => {
        const scope = scopeOf(values);
        const draftId = typeof values.draft === 'string' ? positiveId(values.draft, '--draft') : null;
        if (/\.json$/i.test(source)) {
          if (draftId !== null) throw new CliUsageError('--draft needs a program database, not an exchange file');
          exit = validateFile(source, scope, io);
        } else exit = await validateDatabase(source, scope, draftId, io);
      },
    );
    return code === 0 ? exit : code;
  },
};
