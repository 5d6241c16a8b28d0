// Electron main process entry: the desktop app (electron/window.ts) or, started with --cli, the
// command line (electron/cli-mode.ts). Each mode loads only its own modules (esbuild keeps each
// dynamic import's code in main.cjs, evaluated when imported), so the command line never starts
// the window's core, and the window never evaluates the command line.
import { app, dialog } from 'electron';
import { appMode, runCliMode } from './cli-mode';

const mode = appMode(process.argv);
if (mode.kind === 'cli') {
  // Before the window's single-instance lock: a command line runs beside an open window, never through it.
  void runCliMode(app, mode.args);
} else {
  // A microtask later, still before 'ready' (window.ts registers app:// and its events first).
  import('./window').catch((err: unknown) => {
    dialog.showErrorBox('Residency Scheduler could not start', err instanceof Error ? err.message : String(err));
    app.exit(1);
  });
}
