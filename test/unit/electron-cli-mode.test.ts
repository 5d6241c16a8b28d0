// Which mode the desktop app starts in (electron/cli-mode.ts): the window, or the command line when
// `--cli` is given, with every argument after it (and after the launchers' `--`) the command line's.
import { describe, expect, it } from 'vitest';
import { appMode, CLI_LAUNCHER, cliCommand } from '../../electron/cli-mode';
import { reviewFileInArgv } from '../../electron/launch';

describe('the app mode', () => {
  it('is the window without --cli: a plain start, a double-clicked review file, Chromium switches', () => {
    expect(appMode(['C:\\App\\Residency Scheduler.exe'])).toEqual({ kind: 'window' });
    expect(appMode(['C:\\App\\Residency Scheduler.exe', 'D:\\in\\draft.rsreview'])).toEqual({ kind: 'window' });
    expect(appMode(['/usr/bin/electron', '.', '--allow-file-access-from-files', '/x/a.rsreview'])).toEqual({
      kind: 'window',
    });
    // Not the switch: a longer one, or an argument after `--` (never Electron's).
    expect(appMode(['/opt/app/residency-scheduler', '--cli-mode'])).toEqual({ kind: 'window' });
    expect(appMode(['/opt/app/residency-scheduler', '--', '--cli', 'info'])).toEqual({ kind: 'window' });
    // The executable's own name is no argument.
    expect(appMode(['--cli'])).toEqual({ kind: 'window' });
  });

  it('is the command line with --cli, as the launchers pass it: `--cli -- <arguments>`', () => {
    const installed = ['/opt/Residency Scheduler/residency-scheduler', '--ozone-platform=headless', '--cli', '--'];
    expect(appMode([...installed, 'info', '/data/program.sqlite'])).toEqual({
      kind: 'cli',
      args: ['info', '/data/program.sqlite'],
    });
    // Every argument reaches the command line as typed: switches Electron knows, `--`, names with a
    // colon (which Electron refuses other arguments after unless they follow `--`), review files.
    const typed = ['init', 'C:\\p.sqlite', '--name', 'Surgery: 2026', '--disable-gpu', '--', 'x.rsreview', '--cli'];
    expect(appMode(['C:\\App\\Residency Scheduler.exe', '--cli', '--', ...typed])).toEqual({
      kind: 'cli',
      args: typed,
    });
    // In development: electron . --cli …; without the `--` too.
    expect(appMode(['/usr/bin/electron', '.', '--cli', '--help'])).toEqual({ kind: 'cli', args: ['--help'] });
    expect(appMode(['/usr/bin/electron', '.', '--cli'])).toEqual({ kind: 'cli', args: [] });
  });

  it('never hands a command line’s review file to the window', () => {
    // `review open` names a .rsreview file: the window's own rule would open it in the review view.
    const argv = ['/opt/app/residency-scheduler', '--cli', '--', 'review', 'open', '/home/pd/Block 5.rsreview'];
    expect(reviewFileInArgv(argv, '/')).not.toBeNull();
    expect(appMode(argv)).toEqual({ kind: 'cli', args: ['review', 'open', '/home/pd/Block 5.rsreview'] });
  });

  it('names the launcher in the installed app’s usage line, electron --cli in development', () => {
    expect(cliCommand(true)).toBe(CLI_LAUNCHER);
    expect(cliCommand(false)).toBe('electron . --cli --');
  });
});
