// The packaged app's Electron fuses (electron-builder.yml › electronFuses, applied by
// electron-builder with @electron/fuses): each one the security review asks for, under a name the
// packager knows (its own schema), so a typo cannot silently leave a fuse at Electron's default.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../../scripts/build.mjs';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };

const config = yaml.load(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as {
  electronFuses?: Record<string, unknown>;
  asar?: unknown;
};
const schema = JSON.parse(fs.readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as {
  definitions: Record<string, { properties: Record<string, unknown> }>;
};

describe('Electron fuses', () => {
  it(
    'turn off running as Node, NODE_OPTIONS and --inspect; turn on cookie encryption and ASAR-only, checked ' +
      'loading',
    () => {
      expect(config.electronFuses).toEqual({
        runAsNode: false,
        enableNodeOptionsEnvironmentVariable: false,
        enableNodeCliInspectArguments: false,
        enableCookieEncryption: true,
        enableEmbeddedAsarIntegrityValidation: true,
        onlyLoadAppFromAsar: true,
        grantFileProtocolExtraPrivileges: false,
      });
      // Loading only from app.asar needs the app packed into one.
      expect(config.asar).toBe(true);
    },
  );

  it('are all options electron-builder knows', () => {
    const known = Object.keys(schema.definitions.FuseOptionsV1.properties);
    for (const name of Object.keys(config.electronFuses ?? {})) expect(known, name).toContain(name);
  });

  it('leave nothing that needs a fuse turned back on: the main process forks no Node child', () => {
    // runAsNode off breaks child_process.fork in the packaged app; workers are worker threads.
    for (const file of fs.readdirSync(path.join(root, 'electron'))) {
      if (!file.endsWith('.ts')) continue;
      const text = fs.readFileSync(path.join(root, 'electron', file), 'utf8');
      expect(text, file).not.toMatch(/\bfork\(|ELECTRON_RUN_AS_NODE/);
    }
  });
});
