// The desktop app's command-line mode: `<app> --cli -- <command> [arguments]` runs the command line
// (core/cli, the same commands as `npm run cli`) in the main process and exits with its exit code.
// The installed app has no Node of its own (the RunAsNode fuse is off, electron-builder.yml), so the
// launcher beside the executable (resources/cli) starts the app itself in this mode. Nothing of the
// UI starts: no window, no GPU, no single-instance lock (a running app is neither asked nor
// blocked), no menu. main.ts chooses the mode before anything else.
import type { App } from 'electron';
import { appPaths } from './app-paths';

/** The switch that starts the command-line mode. */
export const CLI_SWITCH = '--cli';

/** What the launchers are called (resources/cli; `.cmd` on Windows). */
export const CLI_LAUNCHER = 'residency-scheduler-cli';

export type AppMode = { kind: 'window' } | { kind: 'cli'; args: string[] };

/**
 * The mode a command line asks for. `argv` is the whole process.argv: the executable, in
 * development `.` (the app folder), switches, then the user's arguments. `--cli` before any `--`
 * chooses the command-line mode and everything after it is the command line's; a `--` right after
 * it is dropped (the launchers pass one so that Electron takes none of the user's arguments as its
 * own switches, nor refuses them after one that looks like a URL).
 */
export function appMode(argv: readonly string[]): AppMode {
  for (let i = 1; i < argv.length; i++) {
    if (argv[i] === '--') break;
    if (argv[i] !== CLI_SWITCH) continue;
    const rest = argv.slice(i + 1);
    return { kind: 'cli', args: rest[0] === '--' ? rest.slice(1) : rest };
  }
  return { kind: 'window' };
}

/** How the user typed it, for the usage line of `--help`. */
export function cliCommand(isPackaged: boolean): string {
  return isPackaged ? CLI_LAUNCHER : `electron . ${CLI_SWITCH} --`;
}

type CliApp = Pick<App, 'disableHardwareAcceleration' | 'exit' | 'isPackaged' | 'getAppPath' | 'getPath'> & {
  dock?: { hide(): void };
};

/** Resolves once everything written to `stream` so far has been handed to the OS. */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()));
}

/** Run the command line with `args` and exit the app with its exit code. */
export async function runCliMode(app: CliApp, args: string[]): Promise<void> {
  // Before 'ready': no GPU process; on macOS no Dock icon.
  app.disableHardwareAcceleration();
  app.dock?.hide();
  let code: number;
  try {
    const paths = appPaths({
      isPackaged: app.isPackaged,
      appPath: app.getAppPath(),
      resourcesPath: process.resourcesPath,
      userData: app.getPath('userData'),
    });
    const { configureInstalledApp } = await import('../core/cli/paths');
    configureInstalledApp({
      command: cliCommand(app.isPackaged),
      workerDir: paths.workerDir,
      resourcesDir: paths.resourcesDir,
    });
    const { main } = await import('../core/cli/main');
    code = await main(args);
  } catch (err) {
    process.stderr.write(`error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    code = 1;
  }
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  app.exit(code);
}
