// The command-line entry point: `npm run cli -- <command> [args]` (scripts/cli.mjs runs the built
// dist/cli/main.mjs, rebuilding it first when the sources are newer). Each command is a small
// module in core/cli/commands, loaded only when it runs; add new ones to COMMANDS.
import { fileURLToPath } from 'node:url';
import { stdio, type CliIo, type CommandBody } from './command';
import { CLI_USAGE } from './paths';

/**
 * A command as `--help` lists it: its name and summary, and how to load its module. Commands load
 * only when run, so `--help` never loads the solver, exceljs, the PDF libraries or the database.
 */
export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<CommandBody>;
  /** It starts worker threads (dist/workers): `npm run cli` rebuilds them first when stale. */
  startsWorkers?: boolean;
}

/** Every command, in the order `--help` lists them. Add a new command here. */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'init',
    summary: 'Create a new, empty program file',
    load: async () => (await import('./commands/init')).initCommand,
  },
  {
    name: 'import',
    summary: 'Import a program exchange file (JSON) into a new program file',
    load: async () => (await import('./commands/import')).importCommand,
  },
  {
    name: 'export',
    summary: 'Export a program to an exchange file (JSON)',
    load: async () => (await import('./commands/export')).exportCommand,
  },
  {
    name: 'info',
    summary: 'Print a JSON summary of a program file',
    load: async () => (await import('./commands/info')).infoCommand,
  },
  {
    name: 'demo',
    summary: 'Write a generated demo program',
    load: async () => (await import('./commands/demo')).demoCommand,
  },
  {
    name: 'export-ics',
    summary: 'Personal calendars (.ics), one file per person',
    load: async () => (await import('./commands/export-ics')).exportIcsCommand,
  },
  {
    name: 'export-pdf',
    summary: 'Printable block schedule, call roster or personal schedules (PDF)',
    load: async () => (await import('./commands/export-pdf')).exportPdfCommand,
  },
  {
    name: 'export-csv',
    summary: 'Half-day assignments as CSV (Excel-safe)',
    load: async () => (await import('./commands/export-csv')).exportCsvCommand,
  },
  {
    name: 'export-xlsx',
    summary: 'Block sheets, annual plan and call roster as Excel (.xlsx)',
    load: async () => (await import('./commands/export-xlsx')).exportXlsxCommand,
  },
  {
    name: 'import-xlsx',
    summary: 'Import an edited block sheet workbook (.xlsx) as a draft, or --preview it',
    load: async () => (await import('./commands/import-xlsx')).importXlsxCommand,
  },
  {
    name: 'import-people',
    summary: 'Add the people of a spreadsheet (.xlsx or .csv), all or none, or --preview them',
    load: async () => (await import('./commands/import-rows')).importPeopleCommand,
  },
  {
    name: 'import-absences',
    summary: 'Add the absences of a spreadsheet (.xlsx or .csv), all or none, or --preview them',
    load: async () => (await import('./commands/import-rows')).importAbsencesCommand,
  },
  {
    name: 'draft',
    summary: 'Drafts: list, diff (then publish / rollback)',
    load: async () => (await import('./commands/draft-command')).draftCommand,
  },
  {
    name: 'publish',
    summary: 'Publish a draft (all gates, one transaction)',
    load: async () => (await import('./commands/publish')).publishCommand,
  },
  {
    name: 'rollback',
    summary: 'Roll back a publication (within the rollback window)',
    load: async () => (await import('./commands/rollback')).rollbackCommand,
  },
  {
    name: 'swap',
    summary: 'Swaps: list, candidates, request, approve, reject, cancel, execute, rollback',
    load: async () => (await import('./commands/swap-command')).swapCommand,
  },
  {
    name: 'generate',
    summary: 'Generate a schedule into a new draft (worker pool, compliance check, JSON figures)',
    load: async () => (await import('./commands/generate')).generateCommand,
    startsWorkers: true,
  },
  {
    name: 'validate',
    summary: 'Check a schedule against the rules; findings as JSON (exit 3 on open critical findings)',
    load: async () => (await import('./commands/validate')).validateCommand,
  },
  {
    name: 'account',
    summary: 'Accounts: setup (first administrator), list, add, reset-password, unlock, disable, enable',
    load: async () => (await import('./commands/account')).accountCommand,
  },
  {
    name: 'contingency',
    summary:
      'N-1/N-2 contingency sweep: single points of failure, fatal pairs, repairs (exit 3 on a single point of failure)',
    load: async () => (await import('./commands/contingency')).contingencyCommand,
    startsWorkers: true,
  },
  {
    name: 'stress',
    summary: 'The stress ladder: 0–40 % of staff absent over a block, repaired, checked',
    load: async () => (await import('./commands/contingency')).stressCommand,
    startsWorkers: true,
  },
  {
    name: 'shifts',
    summary: 'Make a rotation shift-based (ED, ICU, night float) or not',
    load: async () => (await import('./commands/shifts')).shiftsCommand,
  },
  {
    name: 'audit',
    summary: 'Check the audit chain (audit verify)',
    load: async () => (await import('./commands/audit')).auditCommand,
  },
  {
    name: 'review',
    summary: 'Offline review of drafts: export, open, respond, import, pdf',
    load: async () => (await import('./commands/review')).reviewCommand,
  },
  {
    name: 'backup',
    summary: 'Backups: folder, run, list, restore (the newest kept, then daily, weekly and monthly ones)',
    load: async () => (await import('./commands/backup')).backupCommand,
  },
];

export function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    `Usage: ${CLI_USAGE}`,
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run a command with --help for its arguments.',
    '',
    'Programs with accounts: act as one with --as NAME (or RS_ACCOUNT=NAME); the password is asked',
    'on the terminal, or read from RS_PASSWORD. Every change is audited under that account.',
  ].join('\n');
}

/** `--as NAME` / `--as=NAME` anywhere on the command line: the account every command acts as. */
function takeAccount(argv: string[]): { argv: string[]; account?: string } {
  const rest: string[] = [];
  let account: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--as' && i + 1 < argv.length) account = argv[++i];
    else if (argv[i].startsWith('--as=')) account = argv[i].slice('--as='.length);
    else rest.push(argv[i]);
  }
  return { argv: rest, account };
}

/** The command a command line names (undefined for --help, nothing, or an unknown name). */
export function commandFor(argv: string[]): CommandEntry | undefined {
  const [name] = takeAccount(argv).argv;
  return COMMANDS.find((c) => c.name === name);
}

/** The terminal's io, the command timed from this process's start (its start-up counts against a time limit). */
export function processIo(): CliIo {
  return { ...stdio, startedAt: new Date(performance.timeOrigin) };
}

export async function main(argv: string[], io: CliIo = stdio): Promise<number> {
  if (!io.startedAt) io = { ...io, startedAt: (io.now ?? (() => new Date()))() };
  const taken = takeAccount(argv);
  if (taken.account !== undefined) io = { ...io, account: taken.account };
  const [name, ...rest] = taken.argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(helpText());
    return name ? 0 : 2;
  }
  const command = commandFor(taken.argv);
  if (!command) {
    io.err(`error: unknown command "${name}"`);
    io.err(helpText());
    return 2;
  }
  const body = await command.load();
  return body.run(rest, io);
}

// Run as a script (`node dist/cli/main.mjs …`). Bundled into the desktop app's main process
// (dist/electron/main.cjs) it is a library: electron/cli-mode.ts runs main() in the app's CLI mode.
const self = fileURLToPath(import.meta.url);
if (process.argv[1] && self === process.argv[1] && !self.endsWith('.cjs')) {
  main(process.argv.slice(2), processIo()).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
