// End-to-end tests: the built renderer in the system Chromium, served by the browser test host
// (test/host) with the real core over a fresh copy of the demo program. `npm run test:e2e`.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './test/e2e/global-setup.ts',
  // One browser at a time by default (two cores), all specs on one host and program copy. With
  // E2E_WORKERS=n, n workers run spec files side by side, each with a host and program copy of its own
  // (with E2E_LATER_WORKERS_AFTER=<file>, all but the first wait for that file: fixtures.ts).
  workers: Number(process.env.E2E_WORKERS ?? 1),
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  // CI retries a failed test once and the run lists it as flaky (.ci/run prints which): a flake
  // is reported, not hidden, and does not sink a run whose product is sound.
  retries: process.env.CI ? 1 : 0,
  // Hang guards, not bets on speed: tests wait on events (a spinner gone, a job's state), and on two
  // cores beside another CPU-heavy job a step that takes 2 s quiet took 30 s (a year's rule check
  // behind a publish check) and a whole test over a minute. A passing wait ends at its event.
  timeout: 180_000,
  expect: { timeout: 30_000 },
  outputDir: 'test-results/e2e',
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1440, height: 900 },
    // A user who asked the system to reduce motion: dialogs and menus appear at once instead of
    // after their fade or grow, which every step would otherwise wait out (shell.spec checks both).
    reducedMotion: 'reduce',
    // Recording a trace costs every test a snapshot of the page before and after each action (about a
    // quarter of a spec's CPU). CI records only the retry of a failed test, which has it; locally, a
    // failure keeps its trace.
    trace: process.env.CI ? 'on-first-retry' : 'retain-on-failure',
    screenshot: 'only-on-failure',
    // Debian's Chromium headless shell (apt chromium-headless-shell): Playwright's own headless browser,
    // the same Blink without the desktop browser's machinery (bench:e2e-cpu: less CPU per spec). Its
    // default full font hinting rounds each glyph of a web font to whole pixels (the bundled condensed
    // face measured 2 px wider per grid column); without hinting it measures text as the app's
    // Chromium does, to the thousandth of a pixel.
    launchOptions: {
      executablePath: '/usr/lib/chromium/chromium-headless-shell',
      args: [
        '--font-render-hinting=none',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        // The offline promise, kept by the browser: no name or address resolves but the test host's, so a
        // request elsewhere fails in Chromium (fixtures.ts fails the test that made it) without each request
        // being held for a round trip to the test runner.
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
        // Playwright's inspector session makes V8 record a detailed stack trace for every error object,
        // caught ones too (emotion's insertRule tries each vendor-prefixed rule, Chromium throws on it),
        // and each frame's function is then parsed a second time for its source positions: a fifth of a
        // boot's renderer CPU. Recording positions when a function is compiled is cheaper than that.
        // Test-only: the app's Electron window has no inspector attached.
        '--js-flags=--no-enable-lazy-source-positions',
      ],
    },
  },
});
