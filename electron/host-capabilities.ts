// What core asks of the desktop (createCore's `host`): where exports go by default, and showing
// an exported folder or file in the OS file manager. Takes Electron's shell as a parameter so it
// is tested without Electron.
import path from 'node:path';
import type { HostCapabilities } from '../core/api/core';

/** The part of Electron's `shell` used here. */
export interface DesktopShell {
  showItemInFolder(fullPath: string): void;
  /** Resolves to an error message, or '' on success. */
  openPath(fullPath: string): Promise<string>;
}

export function desktopHostCapabilities(shell: DesktopShell, documentsDir: string, appName: string): HostCapabilities {
  return {
    exportFolder: path.join(documentsDir, appName),
    async revealPath(target, kind) {
      // A file is only selected in its folder, never opened: nothing exported is ever launched.
      if (kind === 'file') return shell.showItemInFolder(target);
      const failure = await shell.openPath(target);
      if (failure) throw new Error(failure);
    },
  };
}
