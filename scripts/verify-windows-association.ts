// Does our per-user Windows installer (electron-builder.yml: nsis.perMachine false) register the
// .rsreview review file type, and does its uninstaller remove it? Electron's Windows build cannot be
// made here, so this compiles the part that decides it, with the real NSIS compiler, into a tiny
// installer and runs it under Wine:
// - electron-builder's FileAssociation.nsh and the registerFileAssociations /
//   unregisterFileAssociations macros its NsisTarget makes from our electron-builder.yml
//   (scripts/windows-association.ts), and our build/installer.nsh (customInstall, customUnInstall),
//   in the order electron-builder's installSection.nsh and uninstaller.nsh insert them;
// - in the per-user context electron-builder's multiUser.nsh sets (SetShellVarContext current),
//   with its install folder and $appExe; the program installed is a stand-in that records the
//   command line it was started with.
// Then it reads the registry (wine reg query), opens a review file the way a double-click does
// (ShellExecute: wine start), checks what the program was handed, uninstalls and reads again.
// Where Wine is not Windows: the installer is 64-bit (Debian's wine64 runs it without 32-bit
// libraries; electron-builder's is 32-bit, which writes the same keys: HKCU\Software\Classes is
// shared by both registry views); Wine 8 does not merge HKCU\Software\Classes into
// HKEY_CLASSES_ROOT as Windows does, so the double-click is given that merge (asClassesRoot); and
// Wine starts a program named by an unquoted path with spaces correctly, which Windows only guesses.
// `npm run verify:windows-association`; exits 1 if a key is missing or left behind, 2 if makensis
// or wine is not installed. `-- --builder-only` leaves out build/installer.nsh (what electron-builder
// alone does); `-- --keep` leaves the installer and the Wine prefix behind to look into.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  builderConfig,
  buildResourcesDir,
  customInstallerScript,
  fileAssociationScript,
  nsisTemplatesDir,
} from './windows-association';

const config = builderConfig();
const appExecutable = `${config.productName}.exe`;
const failures: string[] = [];
/** --keep: leave the scripts, the installer and the Wine prefix to look into. */
const keep = process.argv.includes('--keep');
/** --builder-only: without build/installer.nsh, to see what electron-builder alone registers. */
const builderOnly = process.argv.includes('--builder-only');

function tool(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).status === 0;
}
const missing = ['makensis', 'wine', 'winepath'].filter((t) => !tool(t));
if (missing.length > 0) {
  console.error(
    `${missing.join(', ')} not found. On Debian: sudo apt-get install --no-install-recommends nsis wine wine64`,
  );
  process.exit(2);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-windows-association-'));
const env = {
  ...process.env,
  WINEPREFIX: path.join(work, 'wine'),
  // Wine's own noise off (the installer's runs turn its shell's trace on: traced()).
  WINEDEBUG: '-all',
  // No Mono or Gecko installer prompts in a fresh prefix.
  WINEDLLOVERRIDES: 'mscoree,mshtml=',
};

function run(
  command: string,
  args: string[],
  extraEnv: Record<string, string> = {},
): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(command, args, { env: { ...env, ...extraEnv }, encoding: 'utf8', cwd: work, maxBuffer: 1 << 28 });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}
function must(command: string, args: string[]): string {
  const r = run(command, args);
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.status}):\n${r.stdout}${r.stderr}`);
  return r.stdout;
}
function makensis(script: string, name: string): string {
  const file = path.join(work, `${name}.nsi`);
  fs.writeFileSync(file, script);
  must('makensis', ['-WX', '-V2', '-INPUTCHARSET', 'UTF8', file]);
  return path.join(work, `${name}.exe`);
}

/** The stand-in program: writes the command line it was started with next to itself. */
function standInProgram(): string {
  return makensis(
    `Unicode true
Target amd64-unicode
OutFile "${path.join(work, 'app.exe')}"
RequestExecutionLevel user
SilentInstall silent
Section
  FileOpen $0 "$EXEDIR\\started-with.txt" w
  FileWrite $0 $CMDLINE
  FileClose $0
SectionEnd
`,
    'app',
  );
}

/** electron-builder's generated prefix, its !include of FileAssociation.nsh once. */
async function associationMacros(): Promise<string> {
  const install = await fileAssociationScript(config, true);
  const uninstall = await fileAssociationScript(config, false);
  const lines = new Set<string>();
  return [...install.split('\n'), ...uninstall.split('\n')]
    .filter((line) => !line.startsWith('!include') || (!lines.has(line) && lines.add(line)))
    .join('\n');
}

async function installer(app: string): Promise<string> {
  const custom = customInstallerScript(config);
  return makensis(
    `Unicode true
Target amd64-unicode
Name "${config.productName}"
OutFile "${path.join(work, 'install.exe')}"
RequestExecutionLevel user
SilentInstall silent
!include LogicLib.nsh
!addincludedir "${path.join(nsisTemplatesDir(), 'include')}"
Var appExe
${await associationMacros()}
${fs.existsSync(custom) && !builderOnly ? `!addincludedir "${buildResourcesDir(config)}"\n!include "${custom}"` : ''}

Section
  ; multiUser.nsh setInstallModePerUser: the per-user context and install folder.
  SetShellVarContext current
  StrCpy $INSTDIR "$LOCALAPPDATA\\Programs\\${config.productName}"
  SetOutPath $INSTDIR
  CreateDirectory "$INSTDIR\\resources"
  File "/oname=${appExecutable}" "${app}"
  WriteUninstaller "$INSTDIR\\Uninstall ${config.productName}.exe"
  ; installSection.nsh, in its order.
  StrCpy $appExe "$INSTDIR\\${appExecutable}"
  !insertmacro registerFileAssociations
  !ifmacrodef customInstall
    !insertmacro customInstall
  !endif
SectionEnd

Section Uninstall
  SetShellVarContext current
  ; uninstaller.nsh, in its order.
  !ifmacrodef customUnInstall
    !insertmacro customUnInstall
  !endif
  System::Call 'shell32::SHChangeNotify(i, i, i, i) v (0x08000000, 0, 0, 0)'
  !insertmacro unregisterFileAssociations
  Delete "$INSTDIR\\${appExecutable}"
SectionEnd
`,
    'install',
  );
}

/** `wine reg query` of one key (with /v, one value; '' the default value): its output, or null. */
function query(key: string, value?: string): string | null {
  const args = ['reg', 'query', key, ...(value === undefined ? [] : value === '' ? ['/ve'] : ['/v', value])];
  const r = run('wine', args);
  return r.status === 0 ? r.stdout.replace(/\r/g, '').trim() : null;
}
function expectKey(key: string, value: string, expected: (data: string) => boolean, what: string): string | null {
  const out = query(key, value);
  const data = out?.split('\n').find((l) => /REG_/.test(l));
  const shown = value === '' ? '(Default)' : value;
  if (!out || !data) {
    console.log(`MISSING  ${key} ${shown}`);
    failures.push(`${key} ${shown}: not there (${what})`);
    return null;
  }
  const actual = data.replace(/^\s*\S.*?\s+REG_\w+\s*/, '');
  console.log(`found    ${key}\n         ${data.trim()}`);
  if (!expected(actual)) failures.push(`${key} ${shown} is ${JSON.stringify(actual)}: expected ${what}`);
  return actual;
}
function expectGone(key: string, what: string) {
  const out = query(key);
  if (out === null) console.log(`removed  ${key}`);
  else {
    console.log(`LEFT     ${key}\n${out}`);
    failures.push(`${key} left after uninstall (${what})`);
  }
}
/**
 * Windows's shell reads HKEY_CLASSES_ROOT, which shows HKCU\Software\Classes merged over
 * HKLM\Software\Classes; Wine 8's HKCR is HKLM's alone. For the double-click the per-user keys
 * are copied machine-wide in this throwaway prefix, standing in for that merge, and removed after.
 */
function asClassesRoot(keys: string[]): () => void {
  for (const key of keys)
    must('wine', ['reg', 'copy', `HKCU\\Software\\Classes\\${key}`, `HKLM\\Software\\Classes\\${key}`, '/s', '/f']);
  return () => {
    for (const key of keys) must('wine', ['reg', 'delete', `HKLM\\Software\\Classes\\${key}`, '/f']);
  };
}

/** Runs a program with Wine's shell trace on, to see whether it calls SHChangeNotify. */
function traced(args: string[]) {
  return run('wine', args, { WINEDEBUG: '-all,trace+shell' });
}
function shellNotified(stderr: string): boolean {
  return /SHChangeNotify.*0x0*8000000/i.test(stderr);
}

async function main() {
  const started = Date.now();
  const cpu = process.cpuUsage();
  console.log(`makensis ${must('makensis', ['-VERSION']).trim()}, ${must('wine', ['--version']).trim()}`);
  const setup = await installer(standInProgram());
  must('wineboot', ['-i']);

  const reviews = (config.fileAssociations ?? []).concat(config.win?.fileAssociations ?? []);
  if (reviews.length === 0) failures.push('electron-builder.yml has no fileAssociations');
  const installed = traced([setup]);
  if (installed.status !== 0) failures.push(`the installer failed (${installed.status})`);
  console.log(`\n== installed (per user) ==`);
  if (!shellNotified(installed.stderr)) failures.push('the installer did not call SHChangeNotify(SHCNE_ASSOCCHANGED)');
  else console.log('SHChangeNotify(SHCNE_ASSOCCHANGED) called by the installer');

  // The install folder, as the installer set it ($LOCALAPPDATA\Programs\<product name>).
  const instdir = `${must('wine', ['cmd', '/c', 'echo', '%LOCALAPPDATA%']).trim()}\\Programs\\${config.productName}`;
  const classes = 'HKCU\\Software\\Classes';
  for (const association of reviews) {
    for (const ext of [association.ext].flat().map((e) => e.replace(/^\./, ''))) {
      const progId = association.name ?? ext;
      expectKey(`${classes}\\.${ext}`, '', (d) => d === progId, `the ProgId ${progId}`);
      expectKey(`${classes}\\.${ext}\\OpenWithProgids`, progId, () => true, `${progId} listed under Open with`);
      expectKey(`${classes}\\${progId}`, '', (d) => d === (association.description ?? ''), 'the description');
      const icon = expectKey(`${classes}\\${progId}\\DefaultIcon`, '', (d) => d.endsWith('.ico'), 'an .ico file');
      if (icon && !fs.existsSync(must('winepath', ['-u', icon]).trim()))
        failures.push(`the icon ${icon} was not installed`);
      expectKey(`${classes}\\${progId}\\shell`, '', (d) => d === 'open', 'open, the default verb');
      expectKey(
        `${classes}\\${progId}\\shell\\open\\command`,
        '',
        (d) => /^"[^"]+\.exe" "%1"$/.test(d),
        'the quoted program path, then "%1"',
      );
      const machineWide = query(`HKLM\\Software\\Classes\\.${ext}`);
      if (machineWide !== null)
        failures.push(`HKLM\\Software\\Classes\\.${ext} written: a per-user install needs no admin`);
      else console.log(`absent   HKLM\\Software\\Classes\\.${ext} (nothing machine-wide)`);

      // A double-click: the shell opens the file with the registered command.
      const reviewFile = path.join(env.WINEPREFIX, 'drive_c', 'reviews', `draft for ${ext} review.${ext}`);
      fs.mkdirSync(path.dirname(reviewFile), { recursive: true });
      fs.writeFileSync(reviewFile, 'review');
      const windowsFile = must('winepath', ['-w', reviewFile]).trim();
      const record = must('winepath', ['-u', `${instdir}\\started-with.txt`]).trim();
      fs.rmSync(record, { force: true });
      const unmerge = asClassesRoot([`.${ext}`, progId]);
      const opened = run('wine', ['start', '/wait', windowsFile]);
      unmerge();
      console.log(`\n== opened ${windowsFile} (ShellExecute, as a double-click) ==`);
      const commandLine = fs.existsSync(record) ? fs.readFileSync(record, 'utf8') : null;
      if (commandLine === null)
        failures.push(`opening the review file did not start the program (wine start: ${opened.status})`);
      else {
        console.log(`the program was started with: ${commandLine}`);
        // The program's path and the review file, each one argument (electron/launch.ts reads argv).
        const expected = `"${instdir}\\${appExecutable}" "${windowsFile}"`;
        if (commandLine !== expected)
          failures.push(`the program was started with ${commandLine}: expected ${expected}`);
      }
    }
  }

  // _?= runs the uninstaller in place, so wine waits for it.
  const removed = traced([`${instdir}\\Uninstall ${config.productName}.exe`, '/S', `_?=${instdir}`]);
  console.log(`\n== uninstalled ==`);
  if (removed.status !== 0) failures.push(`the uninstaller failed (${removed.status})`);
  if (shellNotified(removed.stderr)) console.log('SHChangeNotify(SHCNE_ASSOCCHANGED) called by the uninstaller');
  for (const association of reviews) {
    for (const ext of [association.ext].flat().map((e) => e.replace(/^\./, ''))) {
      const progId = association.name ?? ext;
      expectGone(`${classes}\\.${ext}`, 'the extension');
      expectGone(`${classes}\\${progId}`, 'the ProgId');
    }
  }
  run('wineserver', ['-k']);
  if (keep) console.log(`kept ${work} (WINEPREFIX=${env.WINEPREFIX})`);
  else fs.rmSync(work, { recursive: true, force: true });

  const cpuUsed = process.cpuUsage(cpu);
  console.log(
    `\n${failures.length === 0 ? 'OK' : 'FAILED'}: ${((Date.now() - started) / 1000).toFixed(1)} s wall, ` +
      `this process ${((cpuUsed.user + cpuUsed.system) / 1e6).toFixed(1)} s CPU (Wine's CPU is in its own ` +
      `processes), ` +
      `load ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
  );
  for (const f of failures) console.log(`  - ${f}`);
  process.exit(failures.length === 0 ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  run('wineserver', ['-k']);
  if (keep) console.error(`kept ${work}`);
  else fs.rmSync(work, { recursive: true, force: true });
  process.exit(1);
});
