// system.* through the dispatcher: the default export folder, choosing where to save with the
// host's dialog, and showing a path in the file manager through the host's capability (recording
// fakes here), with clear refusals.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostCapabilities, PathPickRequest } from '../../core/api/context';
import { contract, type Contract } from '../../core/api/contract';
import { systemHandlers } from '../../core/api/handlers/system';
import { createDispatcher, type Envelope, type HandlersOf } from '../../core/api/kit';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'system-api-'));
  writeFileSync(path.join(dir, 'Block 5.pdf'), '%PDF-1.7');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function dispatcher(host?: HostCapabilities) {
  return createDispatcher(contract, () => systemHandlers({ host }) as unknown as HandlersOf<Contract>);
}

function recordingHost(fail?: string) {
  const shown: { target: string; kind: string }[] = [];
  const host: HostCapabilities = {
    exportFolder: path.join(dir, 'exports'),
    async revealPath(target, kind) {
      if (fail) throw new Error(fail);
      shown.push({ target, kind });
    },
  };
  return { host, shown };
}

function errorOf(envelope: Envelope<unknown>) {
  if (envelope.ok) throw new Error(`expected a refusal, got ${JSON.stringify(envelope.value)}`);
  return envelope.error;
}

describe('system API', () => {
  it('reports the host export folder, separator and whether paths can be shown', async () => {
    const { host } = recordingHost();
    expect(await dispatcher(host)('system.paths', {})).toEqual({
      ok: true,
      value: { exportFolder: path.join(dir, 'exports'), separator: path.sep, canReveal: true, canPick: false },
    });
    const bare = await dispatcher()('system.paths', {});
    expect(bare).toMatchObject({ ok: true, value: { canReveal: false, canPick: false } });
    expect(path.isAbsolute((bare as { value: { exportFolder: string } }).value.exportFolder)).toBe(true);
  });

  it('opens a folder and selects a file through the host', async () => {
    const { host, shown } = recordingHost();
    const call = dispatcher(host);
    expect(await call('system.revealPath', { path: dir })).toEqual({ ok: true, value: { path: dir, kind: 'folder' } });
    const file = path.join(dir, 'Block 5.pdf');
    expect(await call('system.revealPath', { path: `${dir}${path.sep}.${path.sep}Block 5.pdf` })).toEqual({
      ok: true,
      value: { path: file, kind: 'file' },
    });
    expect(shown).toEqual([
      { target: dir, kind: 'folder' },
      { target: file, kind: 'file' },
    ]);
  });

  it('refuses missing and relative paths before asking the host, and says why', async () => {
    const { host, shown } = recordingHost();
    const call = dispatcher(host);
    const missing = path.join(dir, 'moved away');
    expect(errorOf(await call('system.revealPath', { path: missing }))).toEqual({
      code: 'not_found',
      message: `${missing} does not exist (was it moved, renamed or deleted?)`,
    });
    expect(errorOf(await call('system.revealPath', { path: 'exports/Calendars' }))).toMatchObject({
      code: 'invalid_input',
      message: '"exports/Calendars" is not a full path to a folder or file',
    });
    expect(errorOf(await call('system.revealPath', { path: '  ' }))).toMatchObject({
      code: 'invalid_input',
      issues: [{ path: 'path' }],
    });
    expect(shown).toEqual([]);
  });

  it('without a host, or when the host fails, the refusal names the path', async () => {
    expect(errorOf(await dispatcher()('system.revealPath', { path: dir }))).toEqual({
      code: 'rejected',
      message: `This window cannot open the file manager; open ${dir} yourself`,
    });
    const { host } = recordingHost('No application is associated');
    expect(errorOf(await dispatcher(host)('system.revealPath', { path: dir }))).toEqual({
      code: 'rejected',
      message: `Could not show the folder ${dir}: No application is associated`,
    });
  });

  describe('choosing where to save', () => {
    function pickingHost(answer: string | null | Error) {
      const asked: PathPickRequest[] = [];
      const host: HostCapabilities = {
        ...recordingHost().host,
        async pickPath(request) {
          asked.push(request);
          if (answer instanceof Error) throw answer;
          return answer;
        },
      };
      return { host, asked };
    }

    it('asks the host with a clean request and returns the full path chosen', async () => {
      const chosen = path.join(dir, 'exports', 'Calendars');
      const { host, asked } = pickingHost(chosen);
      const call = dispatcher(host);
      expect(await call('system.paths', {})).toMatchObject({ ok: true, value: { canPick: true } });
      expect(
        await call('system.pickPath', {
          kind: 'folder',
          title: 'Save the calendars in…',
          defaultPath: `${dir}${path.sep}.`,
          extension: 'ics',
        }),
      ).toEqual({
        ok: true,
        value: { path: chosen },
      });
      // A half-typed relative path opens the dialog where the OS likes; a folder has no extension.
      await call('system.pickPath', {
        kind: 'file',
        title: 'Save the PDF as…',
        defaultPath: 'exports/x',
        extension: 'pdf',
      });
      // A file to open lists the types shown (once each); save dialogs do not take that list.
      expect(
        await call('system.pickPath', {
          kind: 'open',
          title: 'Import absences',
          defaultPath: null,
          extension: 'pdf',
          extensions: ['xlsx', 'csv', 'xlsx'],
        }),
      ).toEqual({ ok: true, value: { path: chosen } });
      expect(asked).toEqual([
        { kind: 'folder', title: 'Save the calendars in…', defaultPath: dir, extension: null, extensions: [] },
        { kind: 'file', title: 'Save the PDF as…', defaultPath: null, extension: 'pdf', extensions: [] },
        { kind: 'open', title: 'Import absences', defaultPath: null, extension: null, extensions: ['xlsx', 'csv'] },
      ]);
    });

    it('a cancelled dialog is a null path, not an error', async () => {
      expect(await dispatcher(pickingHost(null).host)('system.pickPath', { kind: 'folder', title: 'Folder' })).toEqual({
        ok: true,
        value: { path: null },
      });
    });

    it('bad requests are refused before any dialog opens; no dialog, or a failing one, is said in words', async () => {
      const { host, asked } = pickingHost(dir);
      expect(
        errorOf(await dispatcher(host)('system.pickPath', { kind: 'file', title: 'x', extension: '.pdf' })),
      ).toMatchObject({
        code: 'invalid_input',
        issues: [{ path: 'extension' }],
      });
      expect(
        errorOf(await dispatcher(host)('system.pickPath', { kind: 'open', title: 'x', extensions: ['xlsx', '.csv'] })),
      ).toMatchObject({
        code: 'invalid_input',
        issues: [{ path: 'extensions[1]' }],
      });
      expect(errorOf(await dispatcher(host)('system.pickPath', { kind: 'disk', title: 'x' }))).toMatchObject({
        code: 'invalid_input',
        issues: [{ path: 'kind' }],
      });
      expect(asked).toEqual([]);
      expect(
        errorOf(await dispatcher(recordingHost().host)('system.pickPath', { kind: 'folder', title: 'x' })),
      ).toEqual({
        code: 'rejected',
        message: 'This window cannot show a file dialog; type the full path instead',
      });
      expect(
        errorOf(
          await dispatcher(pickingHost(new Error('dialog already open')).host)('system.pickPath', {
            kind: 'folder',
            title: 'x',
          }),
        ),
      ).toEqual({
        code: 'rejected',
        message: 'Could not show the file dialog: dialog already open',
      });
    });
  });
});
