// The desktop's capabilities for core (electron/host-capabilities.ts) against recording fakes of
// Electron's shell and dialogs: folders are opened, files only selected in their folder, failures
// reported; the save dialogs ask for the right thing and a cancel is null.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { desktopHostCapabilities, type DesktopDialogs, type DesktopShell } from '../../electron/host-capabilities';

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

/** Dialogs that answer `answer` (null = the user cancels) and record what they were asked. */
function fakeDialogs(answer: string | null) {
  const asked: unknown[] = [];
  const dialogs: DesktopDialogs = {
    showOpenDialog: async (options) => {
      asked.push({ open: options });
      return answer === null ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: [answer] };
    },
    showSaveDialog: async (options) => {
      asked.push({ save: options });
      return answer === null ? { canceled: true } : { canceled: false, filePath: answer };
    },
  };
  return { dialogs, asked };
}
const noDialogs = fakeDialogs(null).dialogs;

describe('desktop host capabilities', () => {
  it('exports default to the app folder in Documents', () => {
    const documents = path.join(path.sep, 'home', 'coord', 'Documents');
    expect(desktopHostCapabilities(fakeShell().shell, noDialogs, documents, 'Residency Scheduler').exportFolder).toBe(
      path.join(documents, 'Residency Scheduler'),
    );
  });

  it('opens a folder and selects a file without opening it', async () => {
    const { shell, calls } = fakeShell();
    const host = desktopHostCapabilities(shell, noDialogs, '/docs', 'App');
    await host.revealPath('/docs/App/Calendars', 'folder');
    await host.revealPath('/docs/App/Block 5.pdf', 'file');
    expect(calls).toEqual(['open /docs/App/Calendars', 'select /docs/App/Block 5.pdf']);
  });

  it('a folder the OS cannot open is an error with its message', async () => {
    const host = desktopHostCapabilities(fakeShell('Failed to open path').shell, noDialogs, '/docs', 'App');
    await expect(host.revealPath('/docs/App', 'folder')).rejects.toThrow('Failed to open path');
  });

  it('a folder is chosen with the folder dialog, starting where asked', async () => {
    const { dialogs, asked } = fakeDialogs('/docs/App/Calendars');
    const host = desktopHostCapabilities(fakeShell().shell, dialogs, '/docs', 'App');
    const picked = await host.pickPath!({
      kind: 'folder',
      title: 'Save the calendars in…',
      defaultPath: '/docs/App',
      extension: null,
      extensions: [],
    });
    expect(picked).toBe('/docs/App/Calendars');
    expect(asked).toEqual([
      {
        open: {
          title: 'Save the calendars in…',
          defaultPath: '/docs/App',
          buttonLabel: 'Choose folder',
          properties: ['openDirectory', 'createDirectory', 'promptToCreate'],
        },
      },
    ]);
  });

  it('a file is chosen with the save dialog for its type, and gets its extension if typed without', async () => {
    const { dialogs, asked } = fakeDialogs('/docs/App/Block 5');
    const host = desktopHostCapabilities(fakeShell().shell, dialogs, '/docs', 'App');
    expect(
      await host.pickPath!({
        kind: 'file',
        title: 'Save the PDF as…',
        defaultPath: null,
        extension: 'pdf',
        extensions: [],
      }),
    ).toBe('/docs/App/Block 5.pdf');
    expect(asked).toEqual([
      {
        save: {
          title: 'Save the PDF as…',
          defaultPath: undefined,
          buttonLabel: 'Save here',
          filters: [{ name: 'PDF file', extensions: ['pdf'] }],
          properties: ['createDirectory', 'showOverwriteConfirmation'],
        },
      },
    ]);
    const kept = desktopHostCapabilities(fakeShell().shell, fakeDialogs('/docs/App/plan.PDF').dialogs, '/docs', 'App');
    expect(
      await kept.pickPath!({ kind: 'file', title: 'Save', defaultPath: null, extension: 'pdf', extensions: [] }),
    ).toBe('/docs/App/plan.PDF');
  });

  it('a file to import is chosen with the open dialog, showing the types asked for', async () => {
    const { dialogs, asked } = fakeDialogs('/docs/leave.csv');
    const host = desktopHostCapabilities(fakeShell().shell, dialogs, '/docs', 'App');
    const request = { kind: 'open', title: 'Import absences', defaultPath: '/docs', extension: null } as const;
    expect(await host.pickPath!({ ...request, extensions: ['xlsx', 'csv'] })).toBe('/docs/leave.csv');
    expect(await host.pickPath!({ ...request, extensions: [] })).toBe('/docs/leave.csv');
    const options = { title: 'Import absences', defaultPath: '/docs', buttonLabel: 'Open', properties: ['openFile'] };
    expect(asked).toEqual([
      { open: { ...options, filters: [{ name: 'XLSX, CSV files', extensions: ['xlsx', 'csv'] }] } },
      { open: { ...options, filters: [] } },
    ]);
    const cancelled = desktopHostCapabilities(fakeShell().shell, noDialogs, '/docs', 'App');
    expect(await cancelled.pickPath!({ ...request, extensions: ['csv'] })).toBeNull();
  });

  it('cancelling either dialog is null', async () => {
    const host = desktopHostCapabilities(fakeShell().shell, noDialogs, '/docs', 'App');
    expect(
      await host.pickPath!({ kind: 'folder', title: 'Folder', defaultPath: null, extension: null, extensions: [] }),
    ).toBeNull();
    expect(
      await host.pickPath!({ kind: 'file', title: 'File', defaultPath: null, extension: 'csv', extensions: [] }),
    ).toBeNull();
  });
});
