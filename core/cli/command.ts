// What every CLI command module exports: a name, a one-line summary, its usage text, and
// run(argv, io) returning the exit code (0 done, 1 refused or failed, 2 called wrongly).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { plural } from '../domain/words';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** The account to act as (--as NAME, taken off the command line by main()). */
  account?: string;
  /** Ask for a password (tests answer it; the terminal prompt is used otherwise). */
  promptPassword?: (question: string) => Promise<string>;
  /**
   * When the command was entered: a command's time limit (generate --time-limit) counts from here,
   * its start-up included. main() sets it to when it was called if the caller did not.
   */
  startedAt?: Date;
  /** The clock a command's time limit reads (tests move it); default the system clock. */
  now?: () => Date;
}

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  run(argv: string[], io: CliIo): Promise<number>;
}

/**
 * A top-level command as its module defines it. Its one-line summary lives in the registry
 * (core/cli/main.ts), so `--help` lists every command without loading any.
 */
export type CommandBody = Omit<CliCommand, 'summary'>;

export const stdio: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** A mistake in how a command was called: reported with its usage, exit code 2. */
export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}

export function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Runs a command body with parsed arguments: --help prints the usage, usage errors exit 2, any
 * other error is printed and exits 1.
 */
export async function runCommand<O extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  io: CliIo,
  spec: { usage: string; options: O; positionals: string[] },
  body: (values: Record<string, string | boolean | undefined>, positionals: string[]) => Promise<void>,
): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    const parsed = parseArgs({
      args: argv,
      options: { ...spec.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    values = parsed.values as Record<string, string | boolean | undefined>;
    positionals = parsed.positionals;
    if (values.help) {
      io.out(spec.usage);
      return 0;
    }
    if (positionals.length !== spec.positionals.length)
      throw new CliUsageError(
        `expected ${spec.positionals.map((p) => `<${p}>`).join(' ')}, got ${plural(positionals.length, 'argument')}`,
      );
  } catch (err) {
    io.err(`error: ${message(err)}`);
    io.err(spec.usage);
    return 2;
  }
  try {
    await body(values, positionals);
    return 0;
  } catch (err) {
    if (err instanceof CliUsageError) {
      io.err(`error: ${err.message}`);
      io.err(spec.usage);
      return 2;
    }
    io.err(`error: ${message(err)}`);
    return 1;
  }
}

export function integerOption(
  value: string | boolean | undefined,
  option: string,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d+$/.test(value) || Number(value) < min || Number(value) > max)
    throw new CliUsageError(`--${option} expects a whole number from ${min} to ${max}, got "${String(value)}"`);
  return Number(value);
}

/**
 * A command made of subcommands (`draft list`, `swap approve`): its usage lists them (then the
 * optional note), and it runs the one named first (exit 2 with the usage when it is missing or unknown).
 */
export function commandGroup(name: string, subcommands: readonly CliCommand[], note?: string): CommandBody {
  const width = Math.max(...subcommands.map((c) => c.name.length));
  const usage = [
    `Usage: ${name} <subcommand> …`,
    '',
    ...subcommands.map((c) => `  ${name} ${c.name.padEnd(width)}  ${c.summary}`),
    ...(note ? ['', note] : []),
  ].join('\n');
  return {
    name,
    usage,
    async run(argv: string[], io: CliIo) {
      const [sub, ...rest] = argv;
      if (sub === '--help' || sub === '-h') {
        io.out(usage);
        return 0;
      }
      const command = subcommands.find((c) => c.name === sub);
      if (!command) {
        io.err(sub ? `error: unknown ${name} subcommand "${sub}"` : `error: missing ${name} subcommand`);
        io.err(usage);
        return 2;
      }
      return command.run(rest, io);
    },
  };
}
