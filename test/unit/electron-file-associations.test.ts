// The review file type the packaged app registers (electron-builder.yml › fileAssociations): every
// field is one electron-builder knows (its own schema), the extension is the one the app looks for
// on the command line (electron/launch.ts), and the icon files it names are there for macOS
// (.icns) and Windows (.ico), as electron-builder resolves them from the build resources folder.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REVIEW_EXTENSION } from '../../electron/launch';
import { root } from '../../scripts/build.mjs';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };

interface Association {
  ext: string | string[];
  name?: string;
  description?: string;
  mimeType?: string;
  role?: string;
  icon?: string;
}
const config = yaml.load(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as {
  fileAssociations?: Association[];
  directories?: { buildResources?: string };
};
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
