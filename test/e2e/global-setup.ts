// With one Playwright worker (the default): starts the browser test host once for the whole run,
// on a fresh temp copy of the demo program, and hands its URL to the tests through E2E_HOST_URL
// (Playwright passes env set here to the test workers) and .tmp/e2e-host.json. The returned
// function stops the host. With several workers each starts a host of its own (fixtures.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FullConfig } from '@playwright/test';
import { buildHostServer } from '../../scripts/build.mjs';
import { staleReason } from '../../scripts/build-stamp.mjs';
import { startHostProcess } from './host-process';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const HOST_INFO_FILE = path.join(root, '.tmp', 'e2e-host.json');

export default async function globalSetup(config: FullConfig): Promise<() => Promise<void>> {
  // The host runs from its bundle: one older than its sources (test/host or the core edited since
  // `npm run build:e2e`) is made again here, before any worker starts a host from it.
  const stale = staleReason(root, path.join(root, 'dist', 'host'));
  if (stale) {
    console.log(`e2e: bundling the test host (${stale})`);
    await buildHostServer();
  }
  if (config.workers > 1) return async () => {};
  const host = await startHostProcess();
  process.env.E2E_HOST_URL = host.url;
  mkdirSync(path.dirname(HOST_INFO_FILE), { recursive: true });
  writeFileSync(HOST_INFO_FILE, JSON.stringify({ url: host.url, pid: host.pid }, null, 2));
  return () => host.stop();
}
