// What the desktop app opens (electron/launch.ts): the program at start (none: the start page,
// never a silent new one) and a review file handed over by the OS, on the command line of the
// first or a second instance, checked before the review view is asked to show it.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkReviewFile, decideLaunch, reviewFileInArgv, reviewRoute, startupProgram } from '../../electron/launch';
import { parseHash } from '../../renderer/src/state/routeHash';

const files = new Set(['/b.sqlite', '/user/program.sqlite', '/home/pd/Downloads/Block 5 draft.rsreview']);
const isFile = (f: string) => files.has(f);

describe('the program at start', () => {
  it('is the last one opened that still exists, else the workstation’s own', () => {
    expect(startupProgram(['/a.sqlite', '/b.sqlite'], '/user/program.sqlite', isFile)).toBe('/b.sqlite');
    expect(startupProgram(['/a.sqlite'], '/user/program.sqlite', isFile)).toBe('/user/program.sqlite');
  });
  it('is none on a workstation without a program (a reviewer’s machine): the start page', () => {
    expect(startupProgram([], '/reviewer/program.sqlite', isFile)).toBeNull();
    expect(startupProgram(['/gone.sqlite'], '/reviewer/program.sqlite', isFile)).toBeNull();
  });
});

describe('a review file on the command line', () => {
  it('is found after the executable and the switches, on every platform’s argv', () => {
    // Packaged on Windows: "Open with" passes the path after the executable.
    expect(reviewFileInArgv(['C:\\App\\Residency Scheduler.exe', 'D:\\in\\draft.rsreview'], 'C:\\')).toBe(
      path.resolve('C:\\', 'D:\\in\\draft.rsreview'),
    );
    // Development: electron . <file>; a second instance adds Chromium switches.
    expect(
      reviewFileInArgv(
        ['/usr/bin/electron', '.', '--allow-file-access-from-files', '/home/pd/Downloads/Block 5 draft.rsreview'],
        '/home/pd',
      ),
    ).toBe('/home/pd/Downloads/Block 5 draft.rsreview');
    // Relative to the folder the second instance was started in; the extension in any case.
    expect(reviewFileInArgv(['/opt/app/scheduler', 'Draft.RSREVIEW'], '/home/pd/Downloads')).toBe(
      '/home/pd/Downloads/Draft.RSREVIEW',
    );
  });
  it('is none when no entry names a review file (the executable itself never counts)', () => {
    expect(reviewFileInArgv(['/opt/app/scheduler'], '/')).toBeNull();
    expect(reviewFileInArgv(['/x/a.rsreview'], '/')).toBeNull();
    expect(reviewFileInArgv(['/opt/app/scheduler', '--flag=x.rsreview', 'notes.txt', 'x.rsresponse'], '/')).toBeNull();
  });
});

describe('checking a review file the OS handed over', () => {
  it('takes an existing .rsreview file', () => {
    expect(checkReviewFile('/home/pd/Downloads/Block 5 draft.rsreview', isFile)).toEqual({
      ok: true,
      file: '/home/pd/Downloads/Block 5 draft.rsreview',
    });
  });
  it('says what is wrong with anything else', () => {
    expect(checkReviewFile('/home/pd/gone.rsreview', isFile)).toEqual({
      ok: false,
      message: 'The review file /home/pd/gone.rsreview does not exist (was it moved, renamed or deleted?)',
    });
    const other = checkReviewFile('/b.sqlite', isFile);
    expect(other.ok).toBe(false);
    expect(!other.ok && other.message).toMatch(/is not a review file \(a review file ends in \.rsreview\)/);
  });
});

describe('the first window', () => {
  it('opens the review view on the named file, with or without a program', () => {
    const file = '/home/pd/Downloads/Block 5 draft.rsreview';
    const launch = decideLaunch({
      argv: ['/opt/app/scheduler', file],
      cwd: '/',
      recent: [],
      programFile: '/reviewer/program.sqlite',
      isFile,
    });
    expect(launch).toEqual({ program: null, route: reviewRoute(file), problem: null });
    // The renderer's own route parser reads the file back exactly (spaces and all).
    expect(parseHash(launch.route)).toEqual({ view: 'review', query: { file } });
    expect(
      decideLaunch({ argv: ['/opt/app/scheduler', file], cwd: '/', recent: ['/b.sqlite'], programFile: '/p', isFile }),
    ).toMatchObject({ program: '/b.sqlite', route: reviewRoute(file) });
  });
  it('opens the app’s own start, and says why, when the named file cannot be opened', () => {
    expect(
      decideLaunch({
        argv: ['/opt/app/scheduler', '/tmp/missing.rsreview'],
        cwd: '/',
        recent: [],
        programFile: '/user/program.sqlite',
        isFile,
      }),
    ).toEqual({
      program: '/user/program.sqlite',
      route: '',
      problem: 'The review file /tmp/missing.rsreview does not exist (was it moved, renamed or deleted?)',
    });
    expect(decideLaunch({ argv: ['/opt/app/scheduler'], cwd: '/', recent: [], programFile: '/none', isFile })).toEqual({
      program: null,
      route: '',
      problem: null,
    });
  });
});
