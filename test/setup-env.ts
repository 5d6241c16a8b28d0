// Runs in every vitest worker before the tests: the CLI signs in as the demo administrator
// (test/sign-in.ts), and programs without accounts are used as that name.
import { ACCOUNT_ENV, PASSWORD_ENV } from '../core/cli/session';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './sign-in';

process.env[ACCOUNT_ENV] ??= DEMO_ACCOUNTS.administrator;
process.env[PASSWORD_ENV] ??= DEMO_PASSWORD;
