// What core asks of the desktop (createCore's `host`): where exports go by default, choosing
// where to save (or a file to import) with the OS dialog, and showing an exported folder or file in the OS file
// manager. Takes Electron's shell and dialogs as parameters so it is tested without Electron.
import path from 'node:path';
import type { HostCapabilities, PathPickRequest } from '../core/api/core';

/** The part of Electron's `shell` used here. */
export interface DesktopShell {
  showItemInFolder(fullPath: string): void;
  /** Resolves to an error message, or '' on success. */
  openPath(fullPath: string): Promise<string>;
}

/** Electron's `dialog.showOpenDialog` / `showSaveDialog`, bound to the main window by the caller. */
export interface DesktopDialogs {
  showOpenDialog(options: {
    title: string;
    defaultPath?: string;
    buttonLabel: string;
    filters?: { name: string; extensions: string[] }[];
    properties: ('openDirectory' | 'openFile' | 'createDirectory' | 'promptToCreate')[];
  }): Promise<{ canceled: boolean; filePaths: string[] }>;
  showSaveDialog(options: {
    title: string;
    defaultPath?: string;
    buttonLabel: string;
    filters: { name: string; extensions: string[] }[];
    properties: ('createDirectory' | 'showOverwriteConfirmation')[];
  }): Promise<{ canceled: boolean; filePath?: string }>;
}

async function pickPath(dialogs: DesktopDialogs, request: PathPickRequest): Promise<string | null> {
  const defaultPath = request.defaultPath ?? undefined;
  if (request.kind === 'folder') {
    const choice = await dialogs.showOpenDialog({
      title: request.title,
      defaultPath,
      buttonLabel: 'Choose folder',
      // createDirectory: macOS "New Folder"; promptToCreate: Windows offers to create a typed one.
      properties: ['openDirectory', 'createDirectory', 'promptToCreate'],
    });
    return choice.canceled || choice.filePaths.length === 0 ? null : choice.filePaths[0];
  }
  if (request.kind === 'open') {
    const types = request.extensions;
    const choice = await dialogs.showOpenDialog({
      title: request.title,
      defaultPath,
      buttonLabel: 'Open',
      filters:
        types.length > 0 ? [{ name: `${types.map((t) => t.toUpperCase()).join(', ')} files`, extensions: types }] : [],
      properties: ['openFile'],
    });
    return choice.canceled || choice.filePaths.length === 0 ? null : choice.filePaths[0];
  }
  const ext = request.extension;
  const choice = await dialogs.showSaveDialog({
    title: request.title,
    defaultPath,
    buttonLabel: 'Save here',
    filters: ext ? [{ name: `${ext.toUpperCase()} file`, extensions: [ext] }] : [],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  });
  if (choice.canceled || !choice.filePath) return null;
  // Some platforms leave the extension off when the user types a bare name.
  return ext && path.extname(choice.filePath).toLowerCase() !== `.${ext}`
    ? `${choice.filePath}.${ext}`
    : choice.filePath;
}

export function desktopHostCapabilities(
  shell: DesktopShell,
  dialogs: DesktopDialogs,
  documentsDir: string,
  appName: string,
): HostCapabilities {
  return {
    exportFolder: path.join(documentsDir, appName),
    async revealPath(target, kind) {
      // A file is only selected in its folder, never opened: nothing exported is ever launched.
      if (kind === 'file') return shell.showItemInFolder(target);
      const failure = await shell.openPath(target);
      if (failure) throw new Error(failure);
    },
    pickPath: (request) => pickPath(dialogs, request),
  };
}
