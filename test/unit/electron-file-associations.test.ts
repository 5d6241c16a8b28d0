// The review file type the packaged app registers (electron-builder.yml › fileAssociations): every
// field is one electron-builder knows (its own schema), the extension is the one the app looks for
// on the command line (electron/launch.ts), and the icon files it names are there for macOS
// (.icns) and Windows (.ico), as electron-builder resolves them from the build resources folder.
// On Windows, the per-user installer's registration (electron-builder's own macros and
// build/installer.nsh) agrees with it and hands the app the file where launch.ts looks for it;
// `npm run verify:windows-association` runs that registration under Wine.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REVIEW_EXTENSION, reviewFileInArgv } from '../../electron/launch';
import { root } from '../../scripts/build.mjs';
import {
  builderConfig,
  customInstallerScript,
  fileAssociationScript,
  nsisTemplatesDir,
} from '../../scripts/windows-association';

const require = createRequire(import.meta.url);
const config = builderConfig();
const schema = JSON.parse(fs.readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as {
  definitions: Record<string, { properties: Record<string, { type?: string | string[] }>; required?: string[] }>;
};

describe('the .rsreview file type', () => {
  const review = config.fileAssociations?.find((a) => a.ext === REVIEW_EXTENSION);

  it('is registered with a name, a description, a mime type, the Viewer role and an icon', () => {
    expect(review).toEqual({
      ext: 'rsreview',
      name: 'Residency Scheduler review',
      description: 'A draft schedule sent for review',
      mimeType: 'application/x-residency-scheduler-review',
      role: 'Viewer',
      icon: 'review',
    });
  });

  it('uses only fields electron-builder knows, with the types it takes', () => {
    const known = schema.definitions.FileAssociation;
    for (const field of known.required ?? []) expect(review, field).toHaveProperty(field);
    for (const [field, value] of Object.entries(review ?? {})) {
      expect(Object.keys(known.properties), field).toContain(field);
      const types = known.properties[field].type;
      if (types) expect([types].flat(), field).toContain(typeof value);
    }
    // A role macOS accepts (CFBundleTypeRole).
    expect(['Editor', 'Viewer', 'Shell', 'None']).toContain(review?.role);
  });

  it('has its icon for macOS and Windows in the build resources folder, as the real formats', () => {
    const dir = path.join(root, config.directories?.buildResources ?? 'build');
    const icns = fs.readFileSync(path.join(dir, `${review?.icon}.icns`));
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const ico = fs.readFileSync(path.join(dir, `${review?.icon}.ico`));
    // ICONDIR: reserved 0, type 1 (icon), at least one image.
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    expect(ico.readUInt16LE(4)).toBeGreaterThan(0);
  });
});

describe('the Windows installer', () => {
  const review = config.fileAssociations?.find((a) => a.ext === REVIEW_EXTENSION);
  const progId = review?.name;
  const template = (file: string) => fs.readFileSync(path.join(nsisTemplatesDir(), file), 'utf8');
  const custom = fs.readFileSync(customInstallerScript(config), 'utf8');
  const define = (name: string) => custom.match(new RegExp(`^!define ${name} "([^"]*)"`, 'm'))?.[1];

  it('installs per user, where the association is written to HKCU\\Software\\Classes', () => {
    expect(config.nsis).toMatchObject({ perMachine: false, allowElevation: false });
    // FileAssociation.nsh writes every key in SHELL_CONTEXT, which is HKCU after multiUser.nsh's
    // per-user `SetShellVarContext current`.
    const associate = template('include/FileAssociation.nsh').match(/!macro APP_ASSOCIATE (.*?)!macroend/s)?.[0];
    const writes = associate?.split('\n').filter((l) => /^\s*WriteReg/.test(l)) ?? [];
    expect(writes.length).toBeGreaterThan(0);
    for (const w of writes) expect(w).toMatch(/^\s*WriteReg\w+ SHELL_CONTEXT "Software\\Classes\\/);
    expect(template('multiUser.nsh')).toMatch(/macro setInstallModePerUser[\s\S]*?SetShellVarContext current/);
  });

  it("registers .rsreview with electron-builder's macros: the ProgId, the icon, the open command", async () => {
    const install = await fileAssociationScript(config, true);
    expect(install).toContain(`File "/oname=$INSTDIR\\resources\\${review?.icon}.ico"`);
    expect(install).toContain(
      `!insertmacro APP_ASSOCIATE "${REVIEW_EXTENSION}" "${progId}" "${review?.description}" ` +
        `"$INSTDIR\\resources\\${review?.icon}.ico" "Open with ${config.productName}" "$appExe $\\"%1$\\""`,
    );
    const uninstall = await fileAssociationScript(config, false);
    expect(uninstall).toContain(`!insertmacro APP_UNASSOCIATE "${REVIEW_EXTENSION}" "${progId}"`);
  });

  it('mends it in build/installer.nsh, for the same extension and ProgId, after electron-builder', () => {
    expect(define('REVIEW_FILE_EXT')).toBe(REVIEW_EXTENSION);
    expect(define('REVIEW_FILE_PROGID')).toBe(progId);
    // installSection.nsh and uninstaller.nsh insert our macros where the script expects them.
    const section = template('installSection.nsh');
    expect(section.indexOf('!insertmacro registerFileAssociations')).toBeGreaterThan(0);
    expect(section.indexOf('!insertmacro customInstall')).toBeGreaterThan(
      section.indexOf('!insertmacro registerFileAssociations'),
    );
    expect(template('uninstaller.nsh')).toContain('!insertmacro customUnInstall');
  });

  it('starts the app with the review file where electron/launch.ts looks for it', () => {
    const command = custom.match(/shell\\open\\command" "" '([^']*)'/)?.[1];
    expect(command).toBe('"$appExe" "%1"');
    // What Windows starts for a double-click on the file: the command, $appExe and %1 filled in.
    const exe = '/Programs/Residency Scheduler/Residency Scheduler.exe';
    const file = '/reviews/draft for review.rsreview';
    const argv = [...(command ?? '').matchAll(/"([^"]*)"/g)].map((m) =>
      m[1].replace('$appExe', exe).replace('%1', file),
    );
    expect(argv).toEqual([exe, file]);
    expect(reviewFileInArgv(argv, '/elsewhere')).toBe(file);
  });
});
