// `npm run bench:grid`: how the block grid behaves on a large program. Generates a 100-resident
// program (34/33/33 by PGY, faculty scaled to match) into a temporary file, serves the built app
// with the browser test host, opens the whole academic year in Chromium, and measures:
//   - time from navigation to the first rendered activity cell,
//   - how many cells are in the DOM against the grid's full size (virtualization),
//   - frame intervals while scrolling horizontally, vertically and diagonally.
// Needs `npm run build` first (renderer, host bridge, workers).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { academicYearOf } from '../core/domain/calendar';
import { generateProgram } from '../core/demo/generate';
import { openProgram, writeProgramData } from '../core/services/program';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RESIDENTS_PER_PGY = [34, 33, 33];
const FRAMES = 150;

async function makeProgram(dir: string): Promise<string> {
  const file = path.join(dir, 'large-program.sqlite');
  const program = await openProgram(file, { create: true });
  try {
    const academicYear = academicYearOf(new Date().toISOString().slice(0, 10));
    await writeProgramData(
      program,
      generateProgram({ seed: 7, academicYear, residentsPerPgy: RESIDENTS_PER_PGY }),
      'bench',
    );
  } finally {
    await program.close();
  }
  return file;
}

function startHost(dbFile: string): Promise<{ url: string; stop(): void }> {
  const child = spawn(
    process.execPath,
    [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'test/host/start.ts', '--db', dbFile, '--exit-with-stdin'],
    {
      cwd: root,
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^HOST_URL=(\S+)$/m.exec(out);
      if (m) resolve({ url: m[1], stop: () => child.kill('SIGTERM') });
    });
    child.once('exit', (code) => reject(new Error(`test host exited with code ${code} before printing HOST_URL`)));
  });
}

interface FrameStats {
  p50: number;
  p95: number;
  max: number;
  over50: number;
}

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rs-bench-grid-'));
  const host = await startHost(await makeProgram(dir));
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(host.url);
    const origin = new URL(host.url).origin;
    await page.waitForSelector('[data-testid="program-name"]');

    const started = Date.now();
    await page.goto(`${origin}/#/schedule?block=year`);
    await page.waitForSelector('[role="grid"] [role="gridcell"][data-activity]');
    const openMs = Date.now() - started;

    const size = await page.$eval('[role="grid"]', (g) => ({
      rows: Number(g.getAttribute('aria-rowcount')) - 2,
      cols: Number(g.getAttribute('aria-colcount')) - 1,
      rendered: g.querySelectorAll('[role="gridcell"]').length,
    }));

    const sweep = (dx: number, dy: number) =>
      page.evaluate(
        async ([dx, dy, frames]) => {
          const el = document.querySelector<HTMLElement>('[role="grid"]')!;
          el.scrollTo(0, 0);
          await new Promise((r) => requestAnimationFrame(() => r(null)));
          const gaps: number[] = [];
          let last = performance.now();
          for (let i = 0; i < frames; i++) {
            el.scrollBy(dx, dy);
            await new Promise((r) => requestAnimationFrame(() => r(null)));
            const now = performance.now();
            gaps.push(now - last);
            last = now;
          }
          gaps.sort((a, b) => a - b);
          // No named helpers in here: tsx would wrap them in a __name() the page does not have.
          return {
            p50: gaps[Math.floor(0.5 * gaps.length)],
            p95: gaps[Math.floor(0.95 * gaps.length)],
            max: gaps[gaps.length - 1],
            over50: gaps.filter((g) => g > 50).length,
          };
        },
        [dx, dy, FRAMES] as const,
      );

    const results: Record<string, FrameStats> = {
      'horizontal (60 px/frame)': await sweep(60, 0),
      'vertical (40 px/frame)': await sweep(0, 40),
      'diagonal (60, 40 px/frame)': await sweep(60, 40),
    };

    console.log(
      `Block grid, whole year, ${size.rows} rows × ${size.cols} half-day columns (${RESIDENTS_PER_PGY.join('/')} ` +
        `residents by PGY)`,
    );
    console.log(`  open the year view:   ${openMs} ms (program.info already loaded; includes schedule.grid over HTTP)`);
    console.log(`  cells in the DOM:     ${size.rendered} of ${(size.rows * size.cols).toLocaleString('en-US')}`);
    console.log(`  machine load (1 min): ${os.loadavg()[0].toFixed(2)} on ${os.cpus().length} cores`);
    for (const [name, s] of Object.entries(results)) {
      console.log(
        `  ${name.padEnd(27)} frame p50 ${s.p50.toFixed(1)} ms · p95 ${s.p95.toFixed(1)} ms · max ` +
          `${s.max.toFixed(1)} ms · ${s.over50}/${FRAMES} frames over 50 ms`,
      );
    }
  } finally {
    await browser.close();
    host.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
