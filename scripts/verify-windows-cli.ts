// Does the Windows command-line launcher (resources/cli/win/residency-scheduler-cli.cmd) start the
// installed app the way electron/cli-mode.ts expects, wait for it, and hand back its exit code?
// Electron's Windows build cannot be made here, so the app is a stand-in compiled with the real
// NSIS compiler: a window (GUI-subsystem) program, like Electron's executable, that waits a moment,
// records the command line it was started with and exits with code 3. The launcher and the
// stand-in sit in a folder named like the install folder (with its space), and Wine's cmd.exe
// runs the launcher with arguments a user types (a path with a space, a name with a colon). It
// checks that the app got `--cli --` and every argument as typed, that the batch file waited (the
// record exists when cmd returns) and that its exit code is the app's.
// `npm run verify:windows-cli`; exits 1 on a mismatch, 2 if makensis or wine is not installed.
// `-- --keep` leaves the folder and the Wine prefix behind to look into.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { builderConfig } from './windows-association';

const root = path.resolve(import.meta.dirname, '..');
const config = builderConfig();
const launcherName = 'residency-scheduler-cli.cmd';
const keep = process.argv.includes('--keep');

const missing = ['makensis', 'wine'].filter(
  (t) => spawnSync('sh', ['-c', `command -v ${t}`], { encoding: 'utf8' }).status !== 0,
);
if (missing.length > 0) {
  console.error(
    `${missing.join(', ')} not found. On Debian: sudo apt-get install --no-install-recommends nsis wine wine64`,
  );
  process.exit(2);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-windows-cli-'));
const installed = path.join(work, config.productName);
const env = {
  ...process.env,
  WINEPREFIX: path.join(work, 'wine'),
  WINEDEBUG: '-all',
  WINEDLLOVERRIDES: 'mscoree,mshtml=',
};

function run(command: string, args: string[], cwd = work) {
  const r = spawnSync(command, args, { env, cwd, encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

/** The stand-in app: a GUI-subsystem program that records its command line late, then exits 3. */
function standInApp(): void {
  const script = path.join(work, 'app.nsi');
  fs.writeFileSync(
    script,
    `Unicode true
Target amd64-unicode
OutFile "${path.join(installed, `${config.productName}.exe`)}"
RequestExecutionLevel user
SilentInstall silent
Section
  Sleep 1500
  FileOpen $0 "$EXEDIR\\started-with.txt" w
  FileWrite $0 $CMDLINE
  FileClose $0
  SetErrorLevel 3
SectionEnd
`,
  );
  const made = run('makensis', ['-WX', '-V2', '-INPUTCHARSET', 'UTF8', script]);
  if (made.status !== 0) throw new Error(`makensis failed (${made.status}):\n${made.output}`);
}

const failures: string[] = [];
try {
  fs.mkdirSync(installed);
  standInApp();
  fs.copyFileSync(path.join(root, 'resources', 'cli', 'win', launcherName), path.join(installed, launcherName));
  const typed = ['info', 'C:\\Program data\\surgery.sqlite', '--name', 'Surgery: 2026'];
  // Typed in the install folder (as from the PATH): cmd /c with a first word that is not quoted.
  const ran = run('wine', ['cmd', '/c', launcherName, ...typed], installed);
  const record = path.join(installed, 'started-with.txt');
  const startedWith = fs.existsSync(record) ? fs.readFileSync(record, 'utf8') : null;
  const winInstalled = `Z:${installed.replaceAll('/', '\\')}`;
  // As cmd.exe hands them on: quoted where they hold a space.
  const asTyped = typed.map((a) => (a.includes(' ') ? `"${a}"` : a)).join(' ');
  const expected = `"${winInstalled}\\${config.productName}.exe" --cli -- ${asTyped}`;
  console.log(`launcher exit code: ${ran.status}`);
  console.log(`the app was started with: ${startedWith ?? '(nothing recorded when cmd returned)'}`);
  if (startedWith === null) failures.push('cmd returned before the app had finished: the batch file did not wait');
  else if (startedWith.trim() !== expected) failures.push(`expected the app to be started with: ${expected}`);
  if (ran.status !== 3)
    failures.push(`expected the launcher to exit with the app's code 3, got ${ran.status}:\n${ran.output}`);
} catch (err) {
  failures.push(err instanceof Error ? err.message : String(err));
} finally {
  if (keep) console.log(`kept: ${work}`);
  else fs.rmSync(work, { recursive: true, force: true });
}
if (failures.length > 0) {
  for (const f of failures) console.error(`FAIL ${f}`);
  process.exit(1);
}
console.log('OK: the launcher passes --cli -- and every argument as typed, waits for the app, returns its exit code');
