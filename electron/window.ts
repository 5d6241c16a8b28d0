// The desktop app (electron/main.ts loads it unless started with --cli): a thin shell around core
// (createCore). It owns the window, the app:// protocol serving the renderer with a strict CSP, the
// one IPC channel per contract method, the File menu, the review files the OS hands over
// (electron/launch.ts decides what opens), and the offline lock-down (no network, no navigation, no
// new windows).
// Testable policy lives in small modules next to this file.
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
  type IpcMainInvokeEvent,
} from 'electron';
import { METHOD_NAMES } from '../core/api/contract';
import { createCore, type Core } from '../core/api/core';
import type { Envelope } from '../core/api/kit';
import { appPaths, type AppPaths } from './app-paths';
import { desktopAuditKeyring } from './audit-keyring';
import { desktopHostCapabilities, type DesktopDialogs } from './host-capabilities';
import { readJsonFile, writeJsonFile } from './json-file';
import { menuTemplate } from './menu';
import { checkReviewFile, decideLaunch, REVIEW_EXTENSION, reviewFileInArgv, reviewRoute } from './launch';
import { addRecentFile, parseRecentFiles, removeRecentFile } from './recent-files';
import { contentTypeOf, rendererFileFor } from './renderer-files';
import {
  APP_ORIGIN,
  APP_SCHEME,
  CONTENT_SECURITY_POLICY,
  isAllowedRequestUrl,
  isAppUrl,
  isTrustedSender,
} from './security';
import { fitWindowState } from './window-state';

let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;
let paths: AppPaths;
let recent: string[] = [];
/** The route the window opens on (a review file handed over before the window existed). */
let firstRoute = '';

const isFile = (file: string): boolean => {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
};

function saveRecent(): void {
  writeJsonFile(paths.recentFilesFile, recent);
  buildMenu();
}

function buildMenu(): void {
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate(
        recent,
        {
          openProgram: () => void chooseAndOpenProgram(),
          openReview: () => void chooseAndOpenReview(),
          saveCopy: () => void saveCopy(),
          // The renderer routes by the URL hash: File → Import opens its Import view.
          importSpreadsheet: () => void mainWindow?.webContents.executeJavaScript("location.hash = '#/import'"),
          openRecent: (file) => void openProgramFile(file),
          clearRecent: () => {
            recent = [];
            app.clearRecentDocuments();
            saveRecent();
          },
        },
        process.platform,
        !app.isPackaged,
      ),
    ),
  );
}

async function openProgramFile(file: string): Promise<void> {
  if (!core) return;
  try {
    const opened = await core.openProgramFile(file);
    recent = addRecentFile(recent, opened.path);
    app.addRecentDocument(opened.path);
    saveRecent();
    mainWindow?.webContents.reload();
  } catch (err) {
    if (!existsSync(file)) {
      recent = removeRecentFile(recent, file);
      saveRecent();
    }
    dialog.showErrorBox('Could not open the program database', err instanceof Error ? err.message : String(err));
  }
}

/** The OS file dialogs, as sheets of the main window when it exists. */
const windowDialogs: DesktopDialogs = {
  showOpenDialog: (options) =>
    mainWindow ? dialog.showOpenDialog(mainWindow, options) : dialog.showOpenDialog(options),
  showSaveDialog: (options) =>
    mainWindow ? dialog.showSaveDialog(mainWindow, options) : dialog.showSaveDialog(options),
};

async function chooseAndOpenProgram(): Promise<void> {
  if (!mainWindow) return;
  const choice = await dialog.showOpenDialog(mainWindow, {
    title: 'Open program database',
    properties: ['openFile'],
    filters: [
      { name: 'Program database', extensions: ['sqlite', 'db'] },
      { name: 'All files', extensions: ['*'] },
    ],
  });
  if (!choice.canceled && choice.filePaths[0]) await openProgramFile(choice.filePaths[0]);
}

/** Show a review file in the review view (the renderer reads it through reviews.open). */
function showReview(file: string): void {
  const checked = checkReviewFile(file, isFile);
  if (!checked.ok) {
    dialog.showErrorBox('Could not open the review', checked.message);
    return;
  }
  if (!mainWindow) {
    firstRoute = reviewRoute(checked.file);
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
  void mainWindow.webContents.executeJavaScript(`location.hash = ${JSON.stringify(reviewRoute(checked.file))}`);
}

async function chooseAndOpenReview(): Promise<void> {
  const choice = await windowDialogs.showOpenDialog({
    title: 'Open a review file',
    buttonLabel: 'Open',
    properties: ['openFile'],
    filters: [{ name: 'Review file', extensions: [REVIEW_EXTENSION] }],
  });
  if (!choice.canceled && choice.filePaths[0]) showReview(choice.filePaths[0]);
}

async function saveCopy(): Promise<void> {
  if (!mainWindow || !core) return;
  const current = core.currentPath();
  if (current === null) {
    dialog.showErrorBox('Nothing to save', 'No program is open on this workstation.');
    return;
  }
  const choice = await dialog.showSaveDialog(mainWindow, {
    title: 'Save a copy of the program database',
    defaultPath: path.join(path.dirname(current), `${path.basename(current, path.extname(current))}-copy.sqlite`),
    filters: [{ name: 'Program database', extensions: ['sqlite'] }],
  });
  if (choice.canceled || !choice.filePath) return;
  try {
    await core.backupTo(choice.filePath);
  } catch (err) {
    dialog.showErrorBox('Could not save a copy', err instanceof Error ? err.message : String(err));
  }
}

/** app://renderer/<path> → the built renderer, with the CSP as a header. */
function serveRenderer(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'renderer') return new Response('Not found', { status: 404 });
    const found = rendererFileFor(paths.rendererDir, url.pathname);
    if (found.kind !== 'file')
      return new Response(found.kind === 'forbidden' ? 'Forbidden' : 'Not found', {
        status: found.kind === 'forbidden' ? 403 : 404,
      });
    return new Response(await readFile(found.file), {
      headers: {
        'Content-Type': contentTypeOf(found.file),
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  });
}

/** Offline by design: refuse every request that is not our own files, devtools or inline data. */
function lockDownSession(): void {
  const s = session.defaultSession;
  s.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequestUrl(details.url) }));
  s.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  s.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

/** One handler per contract method; only our own window's top frame may call. */
function registerIpc(): void {
  for (const method of METHOD_NAMES) {
    ipcMain.handle(`api:${method}`, async (event: IpcMainInvokeEvent, payload: unknown): Promise<Envelope<unknown>> => {
      const trusted = isTrustedSender(
        {
          frameUrl: event.senderFrame?.url,
          isMainFrame: event.senderFrame !== null && event.senderFrame.parent === null,
          webContentsId: event.sender.id,
        },
        mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents.id : null,
      );
      if (!trusted)
        return {
          ok: false,
          error: { code: 'rejected', message: `Refused ${method}: the request did not come from the app window` },
        };
      if (!core) return { ok: false, error: { code: 'internal', message: 'The program is not open' } };
      return core.dispatch(method, payload);
    });
  }
}

function createWindow(): void {
  const state = fitWindowState(
    readJsonFile(paths.windowStateFile),
    screen.getAllDisplays().map((d) => d.workArea),
  );
  mainWindow = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: app.getName(),
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: paths.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // No developer tools in the installed app (nor their keyboard shortcut).
      devTools: !app.isPackaged,
    },
  });
  if (state.maximized) mainWindow.maximize();
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('close', () => {
    if (!mainWindow) return;
    writeJsonFile(paths.windowStateFile, { ...mainWindow.getNormalBounds(), maximized: mainWindow.isMaximized() });
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  void mainWindow.loadURL(`${APP_ORIGIN}/index.html${firstRoute}`);
  firstRoute = '';
}

async function start(): Promise<void> {
  await app.whenReady();
  paths = appPaths({
    isPackaged: app.isPackaged,
    appPath: app.getAppPath(),
    resourcesPath: process.resourcesPath,
    userData: app.getPath('userData'),
  });
  recent = parseRecentFiles(readJsonFile(paths.recentFilesFile));
  lockDownSession();
  serveRenderer();
  registerIpc();
  // No program on this workstation (a reviewer's machine, a first start): the start page.
  const launch = decideLaunch({
    argv: process.argv,
    cwd: process.cwd(),
    recent,
    programFile: paths.programDatabase,
    isFile,
  });
  // A file macOS handed over before the app was ready ('open-file') was kept in firstRoute.
  if (launch.route) firstRoute = launch.route;
  try {
    core = await createCore({
      dbPath: launch.program,
      newProgram: { file: paths.programDatabase, demoFile: paths.demoDatabase },
      workerDir: paths.workerDir,
      resourcesDir: paths.resourcesDir,
      actor: os.userInfo().username,
      auditKeyring: desktopAuditKeyring(safeStorage, app.getPath('userData')),
      host: desktopHostCapabilities(shell, windowDialogs, app.getPath('documents'), app.getName()),
    });
  } catch (err) {
    dialog.showErrorBox('Residency Scheduler could not start', err instanceof Error ? err.message : String(err));
    app.exit(1);
    return;
  }
  buildMenu();
  createWindow();
  if (launch.problem) dialog.showErrorBox('Could not open the review', launch.problem);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Must run before `ready`: app:// behaves like https (standard, secure, fetch-able).
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
  // The app opened again (a double-clicked review file on Windows and Linux): this window shows it.
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const review = reviewFileInArgv(argv, workingDirectory);
    if (review) return showReview(review);
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  // macOS hands a double-clicked file over as an event (before 'ready' when it started the app).
  app.on('open-file', (event, file) => {
    event.preventDefault();
    showReview(file);
  });
  app.on('window-all-closed', () => app.quit());
  app.on('activate', () => {
    if (!mainWindow && core) createWindow();
  });
  // Close the database and the worker pool before exiting (once; quitting again proceeds).
  let closing = false;
  app.on('will-quit', (event) => {
    if (closing || !core) return;
    closing = true;
    event.preventDefault();
    void core.close().finally(() => app.quit());
  });
  void start();
}
