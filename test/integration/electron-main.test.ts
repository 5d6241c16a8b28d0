// The bundled Electron main process (dist/electron/main.cjs as `npm run build` makes it), run in
// plain Node against a recording fake of the `electron` module (the Electron binary cannot run
// here). Checks the wiring: privileged app:// scheme, secure window, one IPC handler per contract
// method with the sender check, the CSP header, the network block, a first start without a program
// (the start page makes it from the demo), review files handed over by the OS, quit. Started with
// --cli (electron/cli-mode.ts) it is the command line: run in a child process, it must print what
// the command prints and exit with its code, and start nothing of the window.
import { spawn } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { METHOD_NAMES } from '../../core/api/contract';
import type { Envelope } from '../../core/api/kit';
import { generateProgram } from '../../core/demo/generate';
import { openProgram, writeProgramData } from '../../core/services/program';
import { CONTENT_SECURITY_POLICY } from '../../electron/security';
import { buildElectron, root } from '../../scripts/build.mjs';
import { signIn } from '../sign-in';

type Listener = (...args: unknown[]) => unknown;

/** A recording stand-in for the parts of the electron module main.ts uses. */
function fakeElectron(appPath: string, userData: string) {
  const rec = {
    privileged: [] as unknown[],
    protocolHandlers: new Map<string, (req: { url: string }) => Promise<Response>>(),
    ipc: new Map<string, Listener>(),
    appEvents: new Map<string, Listener[]>(),
    beforeRequest: null as null | ((details: { url: string }, cb: (r: { cancel: boolean }) => void) => void),
    permissionHandler: null as null | Listener,
    windows: [] as {
      options: Record<string, unknown>;
      url: string | null;
      webContents: { id: number; reloads: number; scripts: string[] };
    }[],
    menu: null as unknown,
    quitCalls: 0,
    exitCode: null as number | null,
    errors: [] as string[],
    /** What the next open/save dialog answers. */
    nextOpen: null as string | null,
    nextSave: null as string | null,
  };
  const on = (name: string, fn: Listener) => rec.appEvents.set(name, [...(rec.appEvents.get(name) ?? []), fn]);
  class BrowserWindow {
    webContents = {
      id: 1,
      reloads: 0,
      scripts: [] as string[],
      reload: () => this.webContents.reloads++,
      executeJavaScript: async (code: string) => {
        this.webContents.scripts.push(code);
      },
    };
    private record: (typeof rec.windows)[number];
    constructor(options: Record<string, unknown>) {
      this.record = { options, url: null, webContents: this.webContents };
      rec.windows.push(this.record);
    }
    loadURL(url: string) {
      this.record.url = url;
      return Promise.resolve();
    }
    once() {}
    on() {}
    maximize() {}
    show() {}
    isDestroyed() {
      return false;
    }
    isMinimized() {
      return false;
    }
    focus() {}
    restore() {}
    getNormalBounds() {
      return { x: 0, y: 0, width: 1200, height: 800 };
    }
    isMaximized() {
      return false;
    }
  }
  const electron = {
    app: {
      requestSingleInstanceLock: () => true,
      on,
      whenReady: () => Promise.resolve(),
      getAppPath: () => appPath,
      getPath: (name: string) => (name === 'userData' ? userData : path.join(userData, name)),
      isPackaged: false,
      getName: () => 'Residency Scheduler',
      addRecentDocument() {},
      clearRecentDocuments() {},
      quit: () => rec.quitCalls++,
      exit: (code: number) => (rec.exitCode = code),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => rec.privileged.push(...schemes),
      handle: (scheme: string, fn: (req: { url: string }) => Promise<Response>) => rec.protocolHandlers.set(scheme, fn),
    },
    session: {
      defaultSession: {
        webRequest: { onBeforeRequest: (fn: typeof rec.beforeRequest) => (rec.beforeRequest = fn) },
        setPermissionRequestHandler: (fn: Listener) => (rec.permissionHandler = fn),
        setPermissionCheckHandler() {},
      },
    },
    ipcMain: { handle: (channel: string, fn: Listener) => rec.ipc.set(channel, fn) },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: (m: unknown) => (rec.menu = m) },
    dialog: {
      showErrorBox: (title: string, message: string) => rec.errors.push(`${title}: ${message}`),
      showOpenDialog: async () =>
        rec.nextOpen ? { canceled: false, filePaths: [rec.nextOpen] } : { canceled: true, filePaths: [] },
      showSaveDialog: async () => (rec.nextSave ? { canceled: false, filePath: rec.nextSave } : { canceled: true }),
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }] },
    // A stand-in for the OS-protected storage: reversible, and visibly not the plain text.
    safeStorage: {
      isEncryptionAvailable: () => true,
      encryptString: (plain: string) => Buffer.from(plain, 'utf8').reverse(),
      decryptString: (encrypted: Buffer) => Buffer.from(encrypted).reverse().toString('utf8'),
    },
    BrowserWindow,
  };
  return { electron, rec };
}

let tmp: string;
let rec: ReturnType<typeof fakeElectron>['rec'];
const userData = () => path.join(tmp, 'userData');
/** A review file named on the command line the app is started with (a double-click on Windows). */
const startReview = () => path.join(tmp, 'sent', 'Block 5 draft.rsreview');

async function until(check: () => boolean, what: string, timeoutMs = 20_000) {
  const t0 = Date.now();
  while (!check()) {
    if (Date.now() - t0 > timeoutMs)
      throw new Error(`timed out waiting for ${what}; errors: ${rec.errors.join(' | ')}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const trusted = { sender: { id: 1 }, senderFrame: { url: 'app://renderer/index.html', parent: null } };

beforeAll(async () => {
  mkdirSync(path.join(root, '.tmp'), { recursive: true });
  tmp = mkdtempSync(path.join(root, '.tmp', 'electron-main-'));
  const dist = path.join(tmp, 'dist');
  await buildElectron({ outDir: path.join(dist, 'electron') });
  // The run's workers (test/global-workers.ts), where main.cjs looks for them: bundled once per run.
  symlinkSync(inject('workerDir'), path.join(dist, 'workers'), 'dir');
  mkdirSync(path.join(dist, 'renderer'), { recursive: true });
  writeFileSync(path.join(dist, 'renderer', 'index.html'), '<!doctype html><html><head></head><body></body></html>');
  mkdirSync(path.join(dist, 'demo'), { recursive: true });
  const demo = await openProgram(path.join(dist, 'demo', 'demo-program.sqlite'), { create: true });
  await writeProgramData(demo, generateProgram({ seed: 3, academicYear: 2026, programName: 'Electron Demo' }));
  await demo.close();

  // main.cjs resolves `electron` from tmp/node_modules before the real package.
  const fake = fakeElectron(tmp, userData());
  rec = fake.rec;
  mkdirSync(path.join(tmp, 'node_modules', 'electron'), { recursive: true });
  writeFileSync(path.join(tmp, 'node_modules', 'electron', 'index.js'), 'module.exports = globalThis.__fakeElectron;');
  (globalThis as Record<string, unknown>).__fakeElectron = fake.electron;
  mkdirSync(path.dirname(startReview()), { recursive: true });
  writeFileSync(startReview(), 'a review file');
  const argv = process.argv;
  process.argv = [process.execPath, '.', '--some-chromium-switch', startReview()];
  try {
    // main reads the command line once the app is ready, before it opens the window.
    createRequire(import.meta.url)(path.join(dist, 'electron', 'main.cjs'));
    await until(() => rec.windows.length === 1, 'the main window');
  } finally {
    process.argv = argv;
  }
});

afterAll(async () => {
  // Quit the way Electron does, so the core closes the database and the worker pool.
  const willQuit = rec?.appEvents.get('will-quit')?.[0];
  if (willQuit) {
    willQuit({ preventDefault() {} });
    await until(() => rec.quitCalls > 0, 'quit').catch(() => {});
  }
  delete (globalThis as Record<string, unknown>).__fakeElectron;
  rmSync(tmp, { recursive: true, force: true });
});

describe('Electron main (bundled)', () => {
  it('registers app:// as a standard, secure scheme before ready', () => {
    expect(rec.privileged).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
  });

  it('starts without a program on a workstation that has none, and makes none by itself', async () => {
    expect(existsSync(path.join(userData(), 'program.sqlite'))).toBe(false);
    expect(rec.errors).toEqual([]);
    const status = (await rec.ipc.get('api:session.status')!(trusted, {})) as Envelope<{ programPath: string | null }>;
    expect(status).toMatchObject({ ok: true, value: { programPath: null } });
    expect(await rec.ipc.get('api:program.info')!(trusted, {})).toMatchObject({
      ok: false,
      error: { code: 'rejected', message: expect.stringContaining('No program is open on this workstation') },
    });
  });

  it('opens one window with secure web preferences, on the review named on the command line', () => {
    const [win] = rec.windows;
    expect(win.url).toBe(`app://renderer/index.html#/review?${new URLSearchParams({ file: startReview() })}`);
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: path.join(tmp, 'dist', 'electron', 'preload.cjs'),
    });
    expect(existsSync(path.join(tmp, 'dist', 'electron', 'preload.cjs'))).toBe(true);
  });

  it('has exactly one IPC handler per contract method', () => {
    expect([...rec.ipc.keys()].sort()).toEqual(METHOD_NAMES.map((m) => `api:${m}`).sort());
  });

  it('makes the workstation’s program from the demo when the start page asks, in userData', async () => {
    const made = (await rec.ipc.get('api:program.createFromDemo')!(trusted, {})) as Envelope<{ path: string }>;
    expect(made).toMatchObject({ ok: true, value: { path: path.join(userData(), 'program.sqlite') } });
    expect(existsSync(path.join(userData(), 'program.sqlite'))).toBe(true);
    expect(await rec.ipc.get('api:program.createFromDemo')!(trusted, {})).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
  });

  it('answers our window through core and refuses other senders', async () => {
    // Signed out, the window gets only the sign-in methods; the first run creates the administrator.
    expect(await rec.ipc.get('api:program.info')!(trusted, {})).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
    await signIn((method, payload) => rec.ipc.get(`api:${method}`)!(trusted, payload) as Promise<Envelope<unknown>>);
    const info = (await rec.ipc.get('api:program.info')!(trusted, {})) as Envelope<{
      settings: { programName: string };
    }>;
    expect(info).toMatchObject({ ok: true, value: { settings: { programName: 'Electron Demo' } } });
    const invalid = (await rec.ipc.get('api:people.list')!(trusted, { academicYear: 'x' })) as Envelope<unknown>;
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    for (const event of [
      { ...trusted, sender: { id: 2 } },
      { ...trusted, senderFrame: { url: 'https://example.com/', parent: null } },
      { ...trusted, senderFrame: { url: 'app://renderer/index.html', parent: {} } },
      { ...trusted, senderFrame: null },
    ]) {
      expect(await rec.ipc.get('api:program.info')!(event, {})).toMatchObject({
        ok: false,
        error: { code: 'rejected' },
      });
    }
  });

  it('serves the renderer with the CSP header and nothing outside it', async () => {
    const handler = rec.protocolHandlers.get('app')!;
    const index = await handler({ url: 'app://renderer/index.html' });
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await index.text()).toContain('<head>');
    expect((await handler({ url: 'app://renderer/assets/missing.js' })).status).toBe(404);
    expect((await handler({ url: 'app://other/index.html' })).status).toBe(404);
    expect((await handler({ url: 'app://renderer/..%2f..%2fuserData%2fprogram.sqlite' })).status).toBe(403);
  });

  it('cancels every network request and denies permissions', () => {
    const decide = (url: string) => {
      let cancel: boolean | null = null;
      rec.beforeRequest!({ url }, (r) => (cancel = r.cancel));
      return cancel;
    };
    expect(decide('https://example.com/')).toBe(true);
    expect(decide('ws://127.0.0.1:1/')).toBe(true);
    expect(decide('file:///etc/passwd')).toBe(true);
    expect(decide('app://renderer/index.html')).toBe(false);
    let granted: boolean | null = null;
    rec.permissionHandler!(null, 'geolocation', (g: boolean) => (granted = g));
    expect(granted).toBe(false);
  });

  it('blocks navigation away from the app and every new window', () => {
    const listeners = new Map<string, Listener>();
    let openHandler: Listener | null = null;
    const contents = {
      on: (n: string, fn: Listener) => listeners.set(n, fn),
      setWindowOpenHandler: (fn: Listener) => (openHandler = fn),
    };
    rec.appEvents.get('web-contents-created')![0]({}, contents);
    const navigate = (url: string) => {
      let prevented = false;
      listeners.get('will-navigate')!({ preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    expect(navigate('https://example.com/')).toBe(true);
    expect(navigate('app://renderer/index.html#/people')).toBe(false);
    expect(openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });

  it('has a File menu with open, recent, open review and save a copy', () => {
    const menu = rec.menu as { label?: string; submenu?: { label?: string }[] }[];
    const file = menu.find((m) => m.label === '&File')!;
    expect(file.submenu!.map((i) => i.label).filter(Boolean)).toEqual(
      expect.arrayContaining(['Open program database…', 'Open Recent', 'Open review…', 'Save a copy…']),
    );
  });

  it('shows review files in the review view: File > Open review, a second instance, macOS open-file', async () => {
    type Item = { label?: string; click?: () => void; submenu?: Item[] };
    const { scripts } = rec.windows[0].webContents;
    const shown = (file: string) => `location.hash = ${JSON.stringify(`#/review?${new URLSearchParams({ file })}`)}`;
    const chosen = path.join(tmp, 'sent', 'chosen.rsreview');
    writeFileSync(chosen, 'a review file');
    rec.nextOpen = chosen;
    (rec.menu as Item[]).find((m) => m.label === '&File')!.submenu!.find((i) => i.label === 'Open review…')!.click!();
    await until(() => scripts.length === 1, 'the review view on the chosen file');
    expect(scripts[0]).toBe(shown(chosen));
    // Windows and Linux: a double-click while the app runs starts a second instance with the file,
    // relative to its own folder; the running one shows it.
    rec.appEvents.get('second-instance')![0](
      {},
      ['/opt/app/scheduler', 'Block 5 draft.rsreview'],
      path.join(tmp, 'sent'),
    );
    expect(scripts[1]).toBe(shown(startReview()));
    let prevented = false;
    rec.appEvents.get('open-file')![0]({ preventDefault: () => (prevented = true) }, chosen);
    expect(prevented).toBe(true);
    expect(scripts[2]).toBe(shown(chosen));
    // A file that is not there is said, and nothing changes in the window.
    rec.appEvents.get('second-instance')![0]({}, ['/opt/app/scheduler', '/gone/x.rsreview'], '/');
    expect(scripts).toHaveLength(3);
    expect(rec.errors.pop()).toMatch(/^Could not open the review: The review file \/gone\/x\.rsreview does not exist/);
  });

  it('File > Open switches the program, reloads the window and lists it under Open Recent', async () => {
    type Item = { label?: string; click?: () => void; submenu?: Item[] };
    const fileMenu = () => (rec.menu as Item[]).find((m) => m.label === '&File')!.submenu!;
    const item = (label: string) => fileMenu().find((i) => i.label === label)!;
    expect(item('Open Recent').submenu![0].label).toBe('No recent program databases');

    const other = path.join(tmp, 'other.sqlite');
    const program = await openProgram(other, { create: true });
    await writeProgramData(program, generateProgram({ seed: 4, academicYear: 2026, programName: 'Other Program' }));
    await program.close();
    rec.nextOpen = other;
    item('Open program database…').click!();
    await until(() => rec.windows[0].webContents.reloads === 1, 'the reload after opening');
    await signIn((method, payload) => rec.ipc.get(`api:${method}`)!(trusted, payload) as Promise<Envelope<unknown>>);
    const info = (await rec.ipc.get('api:program.info')!(trusted, {})) as Envelope<{
      settings: { programName: string };
      path: string;
    }>;
    expect(info).toMatchObject({ ok: true, value: { settings: { programName: 'Other Program' }, path: other } });
    expect(item('Open Recent').submenu![0]).toMatchObject({ label: 'other.sqlite' });
    expect(JSON.parse(readFileSync(path.join(userData(), 'recent-files.json'), 'utf8'))).toEqual([other]);
  });

  it('File > Save a copy writes a consistent copy of the open program', async () => {
    type Item = { label?: string; click?: () => void; submenu?: Item[] };
    const fileMenu = (rec.menu as Item[]).find((m) => m.label === '&File')!.submenu!;
    const copy = path.join(tmp, 'saved-copy.sqlite');
    rec.nextSave = copy;
    fileMenu.find((i) => i.label === 'Save a copy…')!.click!();
    await until(() => existsSync(copy), 'the saved copy');
    const reopened = await openProgram(copy);
    await reopened.close();
    expect(rec.errors).toEqual([]);
  });
});

/**
 * A child process that loads the built main with a fake `electron` for the command-line mode: every
 * Electron call is recorded (CLI_CALLS_FILE); those of the window (a window, the single-instance
 * lock, the app:// scheme, waiting for ready, dialogs, the menu) throw. app.exit ends the process
 * with its code, as Electron's does.
 */
const CLI_CHILD = `const fs = require('node:fs');
const path = require('node:path');
const calls = [];
const refuse = (name) => () => {
  calls.push(name);
  throw new Error('the command-line mode called ' + name);
};
const packaged = process.env.CLI_PACKAGED === '1';
if (packaged) process.resourcesPath = process.env.CLI_RESOURCES;
globalThis.__fakeElectron = {
  app: {
    isPackaged: packaged,
    getAppPath: () => process.env.CLI_APP_PATH,
    getPath: (name) => path.join(process.env.CLI_USER_DATA, name),
    disableHardwareAcceleration: () => calls.push('disableHardwareAcceleration'),
    exit: (code) => {
      calls.push('exit(' + code + ')');
      fs.writeFileSync(process.env.CLI_CALLS_FILE, JSON.stringify(calls));
      process.exit(code);
    },
    requestSingleInstanceLock: refuse('requestSingleInstanceLock'),
    whenReady: refuse('whenReady'),
    on: refuse('app.on'),
    quit: refuse('quit'),
  },
  BrowserWindow: function BrowserWindow() {
    refuse('new BrowserWindow')();
  },
  protocol: { registerSchemesAsPrivileged: refuse('registerSchemesAsPrivileged'), handle: refuse('protocol.handle') },
  dialog: { showErrorBox: refuse('dialog.showErrorBox') },
  Menu: { setApplicationMenu: refuse('Menu.setApplicationMenu'), buildFromTemplate: refuse('Menu.buildFromTemplate') },
  ipcMain: { handle: refuse('ipcMain.handle') },
};
require(process.env.CLI_MAIN);
`;

interface CliRun {
  code: number | null;
  out: string;
  err: string;
  /** The Electron calls the command-line mode made. */
  calls: string[];
}

/**
 * `<app> --cli -- <args>` as the launchers run it, in a child process; packaged: the installed
 * layout; via: a launcher script, run with `args` as a user types them.
 */
function runAppCli(args: string[], options: { packaged?: boolean; via?: string } = {}): Promise<CliRun> {
  const callsFile = path.join(tmp, `cli-calls-${Math.random().toString(36).slice(2)}.json`);
  const installed = path.join(tmp, 'installed', 'resources');
  const [command, argv] = options.via
    ? [options.via, args]
    : [process.execPath, [path.join(tmp, 'cli-child.cjs'), '--cli', '--', ...args]];
  const child = spawn(command, argv, {
    cwd: tmp,
    env: {
      ...process.env,
      CLI_MAIN: path.join(tmp, 'dist', 'electron', 'main.cjs'),
      CLI_APP_PATH: options.packaged ? path.join(installed, 'app.asar') : tmp,
      CLI_RESOURCES: installed,
      CLI_PACKAGED: options.packaged ? '1' : '0',
      CLI_USER_DATA: userData(),
      CLI_CALLS_FILE: callsFile,
      // The children load the same 6 MB main.cjs: V8's code cache, kept from the first, spares the
      // others its compilation (about a quarter of a --help run's CPU). It changes nothing they do.
      NODE_COMPILE_CACHE: path.join(tmp, 'compile-cache'),
    },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (err += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code, out, err, calls: existsSync(callsFile) ? JSON.parse(readFileSync(callsFile, 'utf8')) : [] }),
    );
  });
}

/**
 * Test budget per child process of the bundled main: about a second on a quiet machine, 10 s at
 * load 28 on 2 cores, where three of them overran the 30 s default. The budget only bounds a hang;
 * the child's exit is the event the test waits on (bench:cli times the command line).
 */
const PER_CHILD_MS = 30_000;

describe('Electron main (bundled) started with --cli', () => {
  beforeAll(() => writeFileSync(path.join(tmp, 'cli-child.cjs'), CLI_CHILD));

  it(
    'prints the command line’s help and exits 0, with no window, lock, scheme or GPU',
    async () => {
      const run = await runAppCli(['--help']);
      expect(run.err).toBe('');
      expect(run.code).toBe(0);
      expect(run.out).toMatch(/^Usage: electron \. --cli -- <command> \[arguments\]/);
      for (const name of ['info', 'validate', 'generate', 'export', 'review'])
        expect(run.out).toContain(`\n  ${name} `);
      expect(run.calls).toEqual(['disableHardwareAcceleration', 'exit(0)']);
    },
    PER_CHILD_MS,
  );

  it(
    'prints a program’s summary with info, and says what is wrong with the exit code of the command',
    async () => {
      const program = path.join(tmp, 'cli-program.sqlite');
      copyFileSync(path.join(tmp, 'dist', 'demo', 'demo-program.sqlite'), program);
      const info = await runAppCli(['info', program]);
      expect(info.code, info.err).toBe(0);
      expect(JSON.parse(info.out)).toMatchObject({ programName: 'Electron Demo', academicYears: [{ id: 2026 }] });
      expect(info.calls).toEqual(['disableHardwareAcceleration', 'exit(0)']);

      const missing = await runAppCli(['info', path.join(tmp, 'no-such-program.sqlite')]);
      expect(missing.code).toBe(1);
      expect(missing.err).toMatch(/^error: .*no-such-program\.sqlite/);
      expect(missing.calls).toEqual(['disableHardwareAcceleration', 'exit(1)']);
      const unknown = await runAppCli(['frobnicate']);
      expect(unknown.code).toBe(2);
      expect(unknown.err).toMatch(/^error: unknown command "frobnicate"/);
    },
    3 * PER_CHILD_MS,
  );

  it(
    'installed: names the launcher and takes the workers unpacked next to app.asar',
    async () => {
      const help = await runAppCli(['--help'], { packaged: true });
      expect(help.code, help.err).toBe(0);
      expect(help.out).toMatch(/^Usage: residency-scheduler-cli <command> \[arguments\]/);
      const generate = await runAppCli(['generate', '--help'], { packaged: true });
      expect(generate.code, generate.err).toBe(0);
      const workers = path.join(tmp, 'installed', 'resources', 'app.asar.unpacked', 'dist', 'workers');
      expect(generate.out).toContain(`--worker-dir DIR  built workers (default ${path.relative(tmp, workers)}`);
    },
    2 * PER_CHILD_MS,
  );

  it('installed: prints with the fonts shipped in the app’s resources folder', async () => {
    const program = path.join(tmp, 'cli-print.sqlite');
    copyFileSync(path.join(tmp, 'dist', 'demo', 'demo-program.sqlite'), program);
    const print = (out: string) =>
      runAppCli(['export-pdf', '-p', program, '--type', 'call-roster', '--out', out], { packaged: true });
    const without = await print(path.join(tmp, 'roster-without-fonts.pdf'));
    expect(without.code, without.err).toBe(0);
    expect(readFileSync(path.join(tmp, 'roster-without-fonts.pdf')).toString('latin1')).not.toContain('DejaVuSans');
    // electron-builder.yml › extraResources puts resources/fonts in <resources>/fonts.
    const fonts = path.join(tmp, 'installed', 'resources', 'fonts');
    mkdirSync(fonts, { recursive: true });
    for (const font of ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'])
      copyFileSync(path.join(root, 'resources', 'fonts', font), path.join(fonts, font));
    const withFonts = await print(path.join(tmp, 'roster.pdf'));
    expect(withFonts.code, withFonts.err).toBe(0);
    expect(withFonts.out).toMatch(/^Printed call-roster, /);
    expect(readFileSync(path.join(tmp, 'roster.pdf')).toString('latin1')).toContain('DejaVuSans');
  });

  it.skipIf(process.platform === 'win32')(
    'runs through the Linux launcher, from a link on the PATH, with every argument as typed',
    async () => {
      // The installed folder: the launcher next to "the executable", here Node running the built main.
      const folder = path.join(tmp, 'opt', 'Residency Scheduler');
      mkdirSync(folder, { recursive: true });
      const launcher = path.join(folder, 'residency-scheduler-cli');
      copyFileSync(path.join(root, 'resources', 'cli', 'linux', 'residency-scheduler-cli'), launcher);
      chmodSync(launcher, 0o755);
      const executable = path.join(folder, 'residency-scheduler');
      writeFileSync(executable, `#!/bin/sh\nexec "${process.execPath}" "${path.join(tmp, 'cli-child.cjs')}" "$@"\n`);
      chmodSync(executable, 0o755);
      mkdirSync(path.join(tmp, 'bin'), { recursive: true });
      const onPath = path.join(tmp, 'bin', 'residency-scheduler-cli');
      symlinkSync(launcher, onPath);

      // A name with a colon and spaces, an argument that looks like an Electron switch, a review file.
      const program = path.join(tmp, 'new program.sqlite');
      const made = await runAppCli(['init', program, '--name', 'Surgery: "A" & B', '--year', '2026'], { via: onPath });
      expect(made.code, made.err).toBe(0);
      expect(made.calls).toEqual(['disableHardwareAcceleration', 'exit(0)']);
      const info = await runAppCli(['info', program], { via: onPath });
      expect(info.code, info.err).toBe(0);
      expect(JSON.parse(info.out)).toMatchObject({ programName: 'Surgery: "A" & B' });
      const refused = await runAppCli(['info', program, '--disable-gpu'], { via: onPath });
      expect(refused.code).toBe(2);
      expect(refused.err).toMatch(/^error: .*--disable-gpu/);
      const review = await runAppCli(['review', 'open', path.join(tmp, 'Block 5.rsreview')], { via: onPath });
      expect(review.code).toBe(1);
      expect(review.err).toContain('Block 5.rsreview');
      expect(review.calls).toEqual(['disableHardwareAcceleration', 'exit(1)']);
    },
    4 * PER_CHILD_MS,
  );
});
