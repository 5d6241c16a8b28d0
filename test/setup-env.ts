// Runs in every vitest worker before the tests: the CLI signs in as the demo administrator
// (test/sign-in.ts), and programs without accounts are used as that name; the audit key file
// (core/db/audit-chain.ts) lives in a temporary user-data folder, never in the user's own.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ACCOUNT_ENV, PASSWORD_ENV } from '../core/cli/sign-in-env';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './sign-in';

process.env[ACCOUNT_ENV] ??= DEMO_ACCOUNTS.administrator;
process.env[PASSWORD_ENV] ??= DEMO_PASSWORD;
if (!process.env.RS_USER_DATA) {
  const userData = mkdtempSync(path.join(os.tmpdir(), 'rs-user-data-'));
  process.env.RS_USER_DATA = userData;
  process.on('exit', () => rmSync(userData, { recursive: true, force: true }));
}
