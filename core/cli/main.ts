// The command-line entry point: `npm run cli -- <command> [args]`. Each command is a small
// module in core/cli/commands; add new ones to COMMANDS.
import { fileURLToPath } from 'node:url';
import { stdio, type CliCommand, type CliIo } from './command';
import { accountCommand } from './commands/account';
import { contingencyCommand, stressCommand } from './commands/contingency';
import { auditCommand } from './commands/audit';
import { backupCommand } from './commands/backup';
import { demoCommand } from './commands/demo';
import { draftCommand } from './commands/draft-command';
import { exportCommand } from './commands/export';
import { exportCsvCommand } from './commands/export-csv';
import { exportIcsCommand } from './commands/export-ics';
import { exportPdfCommand } from './commands/export-pdf';
import { exportXlsxCommand } from './commands/export-xlsx';
import { importXlsxCommand } from './commands/import-xlsx';
import { importAbsencesCommand, importPeopleCommand } from './commands/import-rows';
import { generateCommand } from './commands/generate';
import { importCommand } from './commands/import';
import { infoCommand } from './commands/info';
import { initCommand } from './commands/init';
import { publishCommand } from './commands/publish';
import { reviewCommand } from './commands/review';
import { rollbackCommand } from './commands/rollback';
import { shiftsCommand } from './commands/shifts';
import { swapCommand } from './commands/swap-command';
import { validateCommand } from './commands/validate';

export const COMMANDS: CliCommand[] = [
  initCommand,
  importCommand,
  exportCommand,
  infoCommand,
  demoCommand,
  exportIcsCommand,
  exportPdfCommand,
  exportCsvCommand,
  exportXlsxCommand,
  importXlsxCommand,
  importPeopleCommand,
  importAbsencesCommand,
  draftCommand,
  publishCommand,
  rollbackCommand,
  swapCommand,
  generateCommand,
  validateCommand,
  accountCommand,
  contingencyCommand,
  stressCommand,
  shiftsCommand,
  auditCommand,
  reviewCommand,
  backupCommand,
];

export function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: npm run cli -- <command> [arguments]   (or: tsx core/cli/main.ts <command> …)',
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

export async function main(argv: string[], io: CliIo = stdio): Promise<number> {
  const taken = takeAccount(argv);
  if (taken.account !== undefined) io = { ...io, account: taken.account };
  const [name, ...rest] = taken.argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(helpText());
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`error: unknown command "${name}"`);
    io.err(helpText());
    return 2;
  }
  return command.run(rest, io);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
