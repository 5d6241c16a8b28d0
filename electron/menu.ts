// The application menu as data: File (Open program database…, Open Recent, Open review…, Save a
// copy…, Import spreadsheet…, Quit), Edit and View. Electron-free apart from the template type, so
// the structure is unit-tested.
// Reload and the developer tools are there only in development (an unpackaged app): in the
// installed app DevTools would let anyone at the workstation call the API around the UI.
import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  openProgram(): void;
  /** Choose a review file (.rsreview) and show it in the review view. */
  openReview(): void;
  saveCopy(): void;
  /** Show the Import view (an edited block sheet workbook back as a draft). */
  importSpreadsheet(): void;
  openRecent(file: string): void;
  clearRecent(): void;
}

export function menuTemplate(
  recent: readonly string[],
  actions: MenuActions,
  platform = process.platform,
  developer = false,
): MenuItemConstructorOptions[] {
  const recentItems: MenuItemConstructorOptions[] = recent.length
    ? [
        ...recent.map((file) => ({
          label: path.basename(file),
          sublabel: file,
          toolTip: file,
          click: () => actions.openRecent(file),
        })),
        { type: 'separator' as const },
        { label: 'Clear Recently Opened', click: () => actions.clearRecent() },
      ]
    : [{ label: 'No recent program databases', enabled: false }];
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'Open program database…', accelerator: 'CmdOrCtrl+O', click: () => actions.openProgram() },
      { label: 'Open Recent', submenu: recentItems },
      { label: 'Open review…', accelerator: 'CmdOrCtrl+Shift+O', click: () => actions.openReview() },
      { type: 'separator' },
      { label: 'Save a copy…', accelerator: 'CmdOrCtrl+Shift+S', click: () => actions.saveCopy() },
      { type: 'separator' },
      { label: 'Import spreadsheet…', accelerator: 'CmdOrCtrl+I', click: () => actions.importSpreadsheet() },
      { type: 'separator' },
      { role: 'quit', label: platform === 'darwin' ? 'Quit' : 'E&xit' },
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      ...(developer
        ? [{ role: 'reload' as const }, { role: 'toggleDevTools' as const }, { type: 'separator' as const }]
        : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const app: MenuItemConstructorOptions[] = platform === 'darwin' ? [{ role: 'appMenu' }] : [];
  return [...app, file, edit, view, { role: 'windowMenu' }];
}
