// The command-line entry point: `npm run cli -- <command> [args]`. Each command is a small
// module in core/cli/commands; add new ones to COMMANDS.
import { fileURLToPath } from 'node:url';
import { stdio, type CliCommand, type CliIo } from './command';
import { demoCommand } from './commands/demo';
import { draftCommand } from './commands/draft-command';
import { exportCommand } from './commands/export';
import { exportCsvCommand } from './commands/export-csv';
import { exportIcsCommand } from './commands/export-ics';
import { exportPdfCommand } from './commands/export-pdf';
import { generateCommand } from './commands/generate';
import { importCommand } from './commands/import';
import { infoCommand } from './commands/info';
import { initCommand } from './commands/init';
import { publishCommand } from './commands/publish';
import { rollbackCommand } from './commands/rollback';
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
  draftCommand,
  publishCommand,
  rollbackCommand,
  generateCommand,
  validateCommand,
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
  ].join('\n');
}

export async function main(argv: string[], io: CliIo = stdio): Promise<number> {
  const [name, ...rest] = argv;
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
      process.stderr.write(`error: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
