// The NSIS code electron-builder puts into our Windows installer for the file types in
// electron-builder.yml (fileAssociations), made by electron-builder's own NsisTarget from our own
// configuration: what scripts/verify-windows-association.ts compiles and runs under Wine, and what
// test/unit/electron-file-associations.test.ts checks against the app's launch path.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { root } from './build.mjs';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };

export interface FileAssociation {
  ext: string | string[];
  name?: string;
  description?: string;
  mimeType?: string;
  role?: string;
  icon?: string;
}

export interface BuilderConfig {
  productName: string;
  directories?: { buildResources?: string };
  fileAssociations?: FileAssociation[];
  win?: { fileAssociations?: FileAssociation[] };
  nsis?: Record<string, unknown> & { include?: string; perMachine?: boolean; oneClick?: boolean };
}

export function builderConfig(): BuilderConfig {
  return yaml.load(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
}

export function buildResourcesDir(config: BuilderConfig): string {
  return path.join(root, config.directories?.buildResources ?? 'build');
}

/** The installer script electron-builder includes from the build resources (nsis.include). */
export function customInstallerScript(config: BuilderConfig): string {
  return path.join(buildResourcesDir(config), config.nsis?.include ?? 'installer.nsh');
}

/** electron-builder's NSIS templates (FileAssociation.nsh and the installer it is part of). */
export function nsisTemplatesDir(): string {
  return path.join(path.dirname(require.resolve('app-builder-lib/package.json')), 'templates', 'nsis');
}

interface FinalScript {
  computeFinalScript(originalScript: string, isInstaller: boolean, archs: Map<unknown, string>): Promise<string>;
}

/**
 * The script prefix electron-builder's NsisTarget.computeFinalScript writes before the installer
 * (isInstaller: the registerFileAssociations macro) or the uninstaller (unregisterFileAssociations).
 * It is called on a target and packager that carry only what that method reads (the configuration,
 * the build resources folder, the product name), so the macros are electron-builder's, not a copy.
 */
export async function fileAssociationScript(config: BuilderConfig, isInstaller: boolean): Promise<string> {
  // The package's entry first: its modules import one another in a cycle that only resolves from there.
  require('app-builder-lib');
  const { NsisTarget } = require('app-builder-lib/out/targets/nsis/NsisTarget') as {
    NsisTarget: { prototype: object };
  };
  const { PlatformPackager } = require('app-builder-lib/out/platformPackager') as {
    PlatformPackager: { prototype: object };
  };
  const resources = buildResourcesDir(config);
  const packager = Object.create(PlatformPackager.prototype, {
    config: { value: config },
    platformSpecificBuildOptions: { value: config.win ?? {} },
    info: { value: { buildResourcesDir: resources, cancellationToken: { cancelled: false } } },
    projectDir: { value: root },
    appInfo: { value: { productName: config.productName } },
    _resourceList: { value: { value: fs.promises.readdir(resources) } },
  });
  const target = Object.create(NsisTarget.prototype, {
    packager: { value: packager },
    options: { value: config.nsis ?? {} },
    name: { value: 'nsis' },
  }) as FinalScript;
  return target.computeFinalScript('', isInstaller, new Map());
}
