// The desktop's capabilities for core (electron/host-capabilities.ts) against a recording fake of
// Electron's shell: folders are opened, files only selected in their folder, failures reported.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { desktopHostCapabilities, type DesktopShell } from '../../electron/host-capabilities';

function fakeShell(openFailure = '') {
  const calls: string[] = [];
  const shell: DesktopShell = {
    showItemInFolder: (p) => void calls.push(`select ${p}`),
    openPath: async (p) => {
      calls.push(`open ${p}`);
      return openFailure;
    },
  };
  return { shell, calls };
}

describe('desktop host capabilities', () => {
  it('exports default to the app folder in Documents', () => {
    const documents = path.join(path.sep, 'home', 'coord', 'Documents');
    expect(desktopHostCapabilities(fakeShell().shell, documents, 'Residency Scheduler').exportFolder).toBe(
      path.join(documents, 'Residency Scheduler'),
    );
  });

  it('opens a folder and selects a file without opening it', async () => {
    const { shell, calls } = fakeShell();
    const host = desktopHostCapabilities(shell, '/docs', 'App');
    await host.revealPath('/docs/App/Calendars', 'folder');
    await host.revealPath('/docs/App/Block 5.pdf', 'file');
    expect(calls).toEqual(['open /docs/App/Calendars', 'select /docs/App/Block 5.pdf']);
  });

  it('a folder the OS cannot open is an error with its message', async () => {
    const host = desktopHostCapabilities(fakeShell('Failed to open path').shell, '/docs', 'App');
    await expect(host.revealPath('/docs/App', 'folder')).rejects.toThrow('Failed to open path');
  });
});
