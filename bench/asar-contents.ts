// `npm run bench:asar`: how many files and bytes the packaged app holds (app.asar with
// app.asar.unpacked), by electron-builder's own file matching (scripts/package-contents.ts): the
// app's built files (run `npm run build` first) and the production packages. Packaging itself
// needs the Electron binary, which cannot be had on these machines.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packagedContents } from '../scripts/package-contents';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const started = process.cpuUsage();
const t0 = performance.now();
const c = packagedContents(root);
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
console.log(`packaged app: ${c.files} files, ${mb(c.bytes)}`);
console.log(`  production packages: ${c.packages.length}, ${c.packageFiles} files, ${mb(c.packageBytes)}`);
console.log(`  the app's own files: ${c.files - c.packageFiles} files, ${mb(c.bytes - c.packageBytes)}`);
console.log('  largest packages:');
for (const p of c.packages.slice(0, 10))
  console.log(`    ${p.key.replace(/^node_modules\//, '')}: ${p.files} files, ${mb(p.bytes)}`);
const cpu = process.cpuUsage(started);
const wallSec = ((performance.now() - t0) / 1000).toFixed(1);
const cpuSec = ((cpu.user + cpu.system) / 1e6).toFixed(1);
const load = os
  .loadavg()
  .map((l) => l.toFixed(1))
  .join(' ');
console.log(`counted in ${wallSec} s wall, ${cpuSec} s CPU; load ${load}`);
