// Pure parts of the Electron shell: window-state fitting, the recent-files list, app paths,
// renderer file resolution, the menu, errors across contextBridge.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiCallError } from '../../core/api/kit';
import { appPaths, unpackedPath } from '../../electron/app-paths';
import { bridgeSafe, toBridgeRejection } from '../../electron/bridge-client';
import { readJsonFile, writeJsonFile } from '../../electron/json-file';
import { menuTemplate } from '../../electron/menu';
import { addRecentFile, MAX_RECENT, parseRecentFiles, removeRecentFile } from '../../electron/recent-files';
import { rendererFileFor } from '../../electron/renderer-files';
import { DEFAULT_WINDOW, fitWindowState, MIN_HEIGHT, MIN_WIDTH } from '../../electron/window-state';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'rs-shell-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('fitWindowState', () => {
  const primary = { x: 0, y: 0, width: 1920, height: 1040 };
  const right = { x: 1920, y: 0, width: 2560, height: 1400 };

  it('keeps a saved window that is on a display', () => {
    expect(fitWindowState({ x: 100, y: 50, width: 1200, height: 800, maximized: false }, [primary])).toEqual({
      x: 100,
      y: 50,
      width: 1200,
      height: 800,
      maximized: false,
    });
  });
  it('uses the default for missing or malformed state', () => {
    expect(fitWindowState(undefined, [primary])).toEqual(DEFAULT_WINDOW);
    expect(fitWindowState({ width: 'big' }, [primary])).toEqual(DEFAULT_WINDOW);
    expect(fitWindowState({ x: 1.5, y: 0, width: 1000, height: 700 }, [primary])).toEqual(DEFAULT_WINDOW);
  });
  it('forgets the position when its monitor is gone, so the OS centres it', () => {
    const saved = { x: 2200, y: 100, width: 1600, height: 1000, maximized: true };
    expect(fitWindowState(saved, [primary, right])).toMatchObject({ x: 2200, y: 100 });
    expect(fitWindowState(saved, [primary])).toEqual({ width: 1600, height: 1000, maximized: true });
  });
  it('pulls a window hanging off the edge back onto its display and clamps the size', () => {
    const s = fitWindowState({ x: 1500, y: -40, width: 5000, height: 300, maximized: false }, [primary]);
    expect(s).toEqual({ x: 0, y: 0, width: 1920, height: MIN_HEIGHT, maximized: false });
    const small = fitWindowState({ x: 10, y: 10, width: 200, height: 100 }, [primary]);
    expect(small).toMatchObject({ width: MIN_WIDTH, height: MIN_HEIGHT });
  });
});

describe('recent files', () => {
  it('adds newest first, moves duplicates up, and caps the list', () => {
    let list: string[] = [];
    for (let i = 0; i < MAX_RECENT + 3; i++) list = addRecentFile(list, `/data/p${i}.sqlite`);
    expect(list).toHaveLength(MAX_RECENT);
    expect(list[0]).toBe(path.resolve(`/data/p${MAX_RECENT + 2}.sqlite`));
    list = addRecentFile(list, `/data/p${MAX_RECENT}.sqlite`);
    expect(list[0]).toBe(path.resolve(`/data/p${MAX_RECENT}.sqlite`));
    expect(new Set(list).size).toBe(list.length);
    expect(removeRecentFile(list, list[0])).not.toContain(list[0]);
  });
  it('reads only a list of paths, anything else is empty', () => {
    expect(parseRecentFiles(['/a.sqlite', '/a.sqlite', '/b.sqlite'])).toEqual(['/a.sqlite', '/b.sqlite']);
    expect(parseRecentFiles({ files: [] })).toEqual([]);
    expect(parseRecentFiles([1, 2])).toEqual([]);
    expect(parseRecentFiles(undefined)).toEqual([]);
  });
});

describe('json files in userData', () => {
  it('round-trips and tolerates missing or corrupt files', () => {
    const file = path.join(tmp, 'state.json');
    expect(readJsonFile(file)).toBeUndefined();
    writeJsonFile(file, { width: 1000 });
    expect(readJsonFile(file)).toEqual({ width: 1000 });
    writeFileSync(file, '{"width": 10');
    expect(readJsonFile(file)).toBeUndefined();
  });
});

describe('app paths', () => {
  it('finds workers unpacked next to app.asar in a packaged app', () => {
    expect(unpackedPath('/opt/App/resources/app.asar/dist/workers')).toBe(
      '/opt/App/resources/app.asar.unpacked/dist/workers',
    );
    expect(unpackedPath('C:\\App\\resources\\app.asar\\dist\\workers')).toBe(
      'C:\\App\\resources\\app.asar.unpacked\\dist\\workers',
    );
    const p = appPaths({
      isPackaged: true,
      appPath: '/opt/App/resources/app.asar',
      resourcesPath: '/opt/App/resources',
      userData: '/home/u/.config/App',
    });
    expect(p.workerDir).toBe(path.join('/opt/App/resources/app.asar.unpacked', 'dist', 'workers'));
    expect(p.demoDatabase).toBe(path.join('/opt/App/resources', 'demo', 'demo-program.sqlite'));
    expect(p.programDatabase).toBe(path.join('/home/u/.config/App', 'program.sqlite'));
    expect(p.preload).toBe(path.join('/opt/App/resources/app.asar', 'dist', 'electron', 'preload.cjs'));
  });
  it('uses dist/ of the checkout in development', () => {
    const p = appPaths({ isPackaged: false, appPath: '/src/app', resourcesPath: '/x', userData: '/u' });
    expect(p.workerDir).toBe(path.join('/src/app', 'dist', 'workers'));
    expect(p.demoDatabase).toBe(path.join('/src/app', 'dist', 'demo', 'demo-program.sqlite'));
    expect(p.rendererDir).toBe(path.join('/src/app', 'dist', 'renderer'));
  });
});

describe('rendererFileFor', () => {
  const dir = path.join(tmp, 'renderer');
  mkdirSync(path.join(dir, 'assets'), { recursive: true });
  writeFileSync(path.join(dir, 'index.html'), '<html><head></head></html>');
  writeFileSync(path.join(dir, 'assets', 'app.js'), '');
  writeFileSync(path.join(tmp, 'secret.txt'), 'secret');

  it('serves files and index.html for / and client-side routes', () => {
    expect(rendererFileFor(dir, '/')).toMatchObject({ kind: 'file', isIndex: true });
    expect(rendererFileFor(dir, '/assets/app.js')).toEqual({
      kind: 'file',
      file: path.join(dir, 'assets', 'app.js'),
      isIndex: false,
    });
    expect(rendererFileFor(dir, '/schedule')).toMatchObject({ kind: 'file', isIndex: true });
    expect(rendererFileFor(dir, '/assets/missing.js')).toEqual({ kind: 'not_found' });
  });
  it('never leaves the renderer directory', () => {
    expect(rendererFileFor(dir, '/../secret.txt').kind).not.toBe('file');
    expect(rendererFileFor(dir, '/%2e%2e/secret.txt')).toEqual({ kind: 'forbidden' });
    expect(rendererFileFor(dir, '/%E0%A4%A')).toEqual({ kind: 'forbidden' });
    expect(rendererFileFor(dir, '/a%00.js')).toEqual({ kind: 'forbidden' });
  });
});

describe('menu', () => {
  it('has File with open, recent, save a copy and quit, wired to the actions', () => {
    const calls: string[] = [];
    const template = menuTemplate(
      ['/data/a.sqlite'],
      {
        openProgram: () => calls.push('open'),
        openReview: () => calls.push('review'),
        saveCopy: () => calls.push('save'),
        importSpreadsheet: () => calls.push('import'),
        openRecent: (f) => calls.push(`recent:${f}`),
        clearRecent: () => calls.push('clear'),
      },
      'linux',
    );
    const file = template.find((m) => m.label === '&File')!;
    const items = file.submenu as Electron.MenuItemConstructorOptions[];
    const byLabel = (l: string) => items.find((i) => i.label === l)!;
    (byLabel('Open program database…').click as () => void)();
    expect(byLabel('Open review…').accelerator).toBe('CmdOrCtrl+Shift+O');
    (byLabel('Open review…').click as () => void)();
    (byLabel('Save a copy…').click as () => void)();
    (byLabel('Import spreadsheet…').click as () => void)();
    const recent = byLabel('Open Recent').submenu as Electron.MenuItemConstructorOptions[];
    expect(recent[0]).toMatchObject({ label: 'a.sqlite', sublabel: '/data/a.sqlite' });
    (recent[0].click as () => void)();
    (recent.at(-1)!.click as () => void)();
    expect(calls).toEqual(['open', 'review', 'save', 'import', 'recent:/data/a.sqlite', 'clear']);
    expect(items.some((i) => i.role === 'quit')).toBe(true);
  });
  it('has no developer tools or reload in the installed app, only in development', () => {
    const actions = {
      openProgram() {},
      openReview() {},
      saveCopy() {},
      importSpreadsheet() {},
      openRecent() {},
      clearRecent() {},
    };
    const roles = (developer: boolean) =>
      menuTemplate([], actions, 'linux', developer).flatMap((m) =>
        ((m.submenu ?? []) as Electron.MenuItemConstructorOptions[]).map((i) => i.role),
      );
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).not.toContain('reload');
    expect(roles(false)).toContain('zoomIn');
    expect(roles(true)).toContain('toggleDevTools');
    expect(
      menuTemplate([], actions, 'linux').flatMap((m) =>
        ((m.submenu ?? []) as Electron.MenuItemConstructorOptions[]).map((i) => i.role),
      ),
    ).not.toContain('toggleDevTools');
  });
  it('shows a disabled placeholder when nothing was opened yet', () => {
    const template = menuTemplate(
      [],
      { openProgram() {}, openReview() {}, saveCopy() {}, importSpreadsheet() {}, openRecent() {}, clearRecent() {} },
      'linux',
    );
    const recent = (template[0].submenu as Electron.MenuItemConstructorOptions[]).find(
      (i) => i.label === 'Open Recent',
    )!;
    expect(recent.submenu).toEqual([{ label: 'No recent program databases', enabled: false }]);
  });
});

describe('errors across contextBridge', () => {
  it('rejects with a plain object that keeps the structured API error', async () => {
    const data = {
      code: 'invalid_input' as const,
      message: 'Invalid input',
      issues: [{ path: 'name', message: 'name is required' }],
    };
    const onDataChange = () => () => {};
    const client = bridgeSafe(
      { 'people.create': async (_: unknown) => Promise.reject(new ApiCallError(data)), onDataChange },
      ['people.create'],
    );
    const err = await client['people.create'](undefined).catch((e: unknown) => e);
    // Not a contract method: passed through as it is (it returns a function, not a promise).
    expect(client.onDataChange).toBe(onDataChange);
    expect(err).toEqual({ name: 'ApiCallError', message: 'Invalid input', data });
    expect(Object.getPrototypeOf(err)).toBe(Object.prototype);
    expect(toBridgeRejection(new Error('boom'))).toEqual({
      name: 'ApiCallError',
      message: 'boom',
      data: { code: 'internal', message: 'boom' },
    });
  });
});
