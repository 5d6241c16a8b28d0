// system.* handlers: where exports go by default, choosing where to save (or a file to import)
// with the OS dialog, and showing an exported folder or file in the OS file manager. The dialog
// and the showing are the
// host's capabilities (Electron's dialog and shell, the test host's stand-ins); the checks that
// give the user a clear message live here, shared by every host.
import { stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { HandlerContext } from '../context';
import type { Contract } from '../contract';
import { ApiError, type HandlersOf } from '../kit';

type Methods = Pick<Contract, 'system.paths' | 'system.revealPath' | 'system.pickPath'>;

/** Without a host (tests, tools) exports still need somewhere sensible to suggest. */
function fallbackExportFolder(): string {
  return path.join(os.homedir(), 'Residency Scheduler exports');
}

/** Where exports go unless the user picks another folder (created when missing). */
export function exportFolderOf(ctx: Pick<HandlerContext, 'host'>): string {
  return ctx.host?.exportFolder ?? fallbackExportFolder();
}

export function systemHandlers(ctx: Pick<HandlerContext, 'host'>): HandlersOf<Methods> {
  return {
    'system.paths': () => ({
      exportFolder: exportFolderOf(ctx),
      separator: path.sep === '\\' ? '\\' : '/',
      canReveal: ctx.host !== undefined,
      canPick: ctx.host?.pickPath !== undefined,
    }),
    async 'system.pickPath'({ kind, title, defaultPath, extension, extensions }) {
      const pick = ctx.host?.pickPath;
      if (!pick) throw new ApiError('rejected', 'This window cannot show a file dialog; type the full path instead');
      // A relative or half-typed path would open the dialog somewhere arbitrary: let the OS choose.
      const start = defaultPath && path.isAbsolute(defaultPath) ? path.resolve(defaultPath) : null;
      let chosen: string | null;
      try {
        chosen = await pick.call(ctx.host, {
          kind,
          title,
          defaultPath: start,
          extension: kind === 'file' ? extension : null,
          extensions: kind === 'open' ? [...new Set(extensions)] : [],
        });
      } catch (err) {
        throw new ApiError(
          'rejected',
          `Could not show the file dialog: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
      return { path: chosen === null ? null : path.resolve(chosen) };
    },
    async 'system.revealPath'({ path: given }) {
      if (!path.isAbsolute(given))
        throw new ApiError('invalid_input', `"${given}" is not a full path to a folder or file`);
      const target = path.resolve(given);
      const found = await stat(target).catch(() => null);
      if (!found) throw new ApiError('not_found', `${target} does not exist (was it moved, renamed or deleted?)`);
      if (!ctx.host)
        throw new ApiError('rejected', `This window cannot open the file manager; open ${target} yourself`);
      const kind = found.isDirectory() ? 'folder' : 'file';
      try {
        await ctx.host.revealPath(target, kind);
      } catch (err) {
        throw new ApiError(
          'rejected',
          `Could not show the ${kind} ${target}: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
      return { path: target, kind };
    },
  };
}
