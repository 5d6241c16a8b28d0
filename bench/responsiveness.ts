// How quickly the main process answers while long work runs: the latency of program.info asked
// every 25 ms, and the longest stall of the main event loop, with nothing running, during a year
// of personal printouts for everyone (export job), and during a block+calls generation (solve
// job). Target: every answer within 200 ms. Needs the built workers: `npm run build`, then
// `npm run bench:responsiveness` (add `-- --residents 100` for a generated 100-resident program).
// `-- --year` instead runs the whole year (plan, every block's calls and half-days) and measures the
// main thread until the year's draft is saved and checked against the rules (its flags stored):
// longest event-loop stall (wall, and the main thread's own CPU in it: its length on a quiet
// machine), answers, and the main thread's heap peak (issue 12 / issue 15 item 1); then the same
// while the year's draft is checked again, compared (drafts.diff), checked for publishing, published
// and rolled back. `-- --changed-year` does the same without solving: the year's draft changes every
// unlocked published half-day to another activity (a regenerated year at any size, its rules off so
// its flags do not block the publish: `-- --residents 250 --changed-year`).
// `-- --paths` drives every other request that reads the whole program (contingency, a person's
// schedule, generate's start, the exports, the imports' previews, the review file, the year's grid,
// search) on the generated program's published year: each one's longest main-thread stall (CPU and
// wall) and the worst answer of program.info asked meanwhile (issue 15 item 1). `--only <text>[,<text>…]`
// runs only the paths whose label holds one of the texts (`--paths --only people.schedule,exports.csv`).
// The Compliance view's first open (compliance.summary) is a path, and is opened again after a draft's publish.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { constants, monitorEventLoopDelay, PerformanceObserver, performance } from 'node:perf_hooks';
import { createCore, type Core } from '../core/api/core';
import type { JobStatus } from '../core/api/contract';
import { generateProgram, residentsPerPgyFor } from '../core/demo/generate';
import type { ProgramData } from '../core/domain/program';
import { createProgramFile } from '../core/services/create';
import { createDraftFromAssignments } from '../core/services/drafts';
import { openProgram } from '../core/services/program';
import { changedYear } from '../test/changed-year';
import { DEMO_PASSWORD, signIn } from '../test/sign-in';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const workerDir = path.join(root, 'dist', 'workers');
const YEAR = 2026;
const argResidents = process.argv.indexOf('--residents');
const residents = argResidents > 0 ? Number(process.argv[argResidents + 1]) : 17;
const argWorkers = process.argv.indexOf('--workers');
const workers = argWorkers > 0 ? Number(process.argv[argWorkers + 1]) : undefined;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function value<T>(core: Core, method: string, payload: unknown): Promise<T> {
  const e = await core.dispatch(method, payload);
  if (!e.ok) throw new Error(`${method}: ${e.error.message}`);
  return e.value as T;
}

interface Probe {
  latencies: number[];
  stallMs: number;
  /** The main thread's JS heap (heapUsed) and the process's resident memory, highest seen. */
  heapPeakMb: number;
  rssPeakMb: number;
  /** The longest stall seen while the job showed each phase (the phase when the stall began). */
  stallByPhase: Map<string, number>;
  /**
   * The main thread's own CPU time in its longest stall, by phase: what the stall would last on a
   * quiet machine (on a loaded one the wall time of a stall is that CPU time stretched by the load).
   */
  stallCpuByPhase: Map<string, number>;
  /** GC pauses (wall ms) inside the stall with the most main-thread CPU, by phase: is the stall a collection? */
  gcInStall: Map<string, number>;
  /** The main thread's longest garbage-collection pause by phase (kind: major = mark-compact). */
  gcByPhase: Map<string, { ms: number; kind: string }>;
}

const GC_KINDS: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak callbacks',
};

/** CPU time of this thread alone (not the worker threads'), in ms. */
const threadCpuMs = () => {
  const u = process.threadCpuUsage();
  return (u.user + u.system) / 1000;
};

/** Ask program.info every 25 ms until `done` resolves; the latencies and the event-loop stalls. */
async function probe(core: Core, done: Promise<unknown>, phase: () => string = () => ''): Promise<Probe> {
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  // A 10 ms ticker as well: the gap between two ticks is a stall, put down to the phase it began in.
  const stallByPhase = new Map<string, number>();
  const stallCpuByPhase = new Map<string, number>();
  let last = performance.now();
  let lastCpu = threadCpuMs();
  let lastPhase = phase();
  /** When the stall with the most main-thread CPU of each phase began and ended (for the GC inside it). */
  const longestCpuStall = new Map<string, { start: number; end: number }>();
  const gcs: { start: number; ms: number }[] = [];
  const ticker = setInterval(() => {
    const now = performance.now();
    const cpu = threadCpuMs();
    const gap = now - last - 10;
    if (gap > (stallByPhase.get(lastPhase) ?? 0)) stallByPhase.set(lastPhase, gap);
    if (cpu - lastCpu > (stallCpuByPhase.get(lastPhase) ?? 0)) {
      stallCpuByPhase.set(lastPhase, cpu - lastCpu);
      longestCpuStall.set(lastPhase, { start: last, end: now });
    }
    last = now;
    lastCpu = cpu;
    lastPhase = phase();
  }, 10);
  const gcByPhase = new Map<string, { ms: number; kind: string }>();
  const gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gcs.push({ start: e.startTime, ms: e.duration });
      const p = phase();
      if (e.duration > (gcByPhase.get(p)?.ms ?? 0))
        gcByPhase.set(p, {
          ms: e.duration,
          kind: GC_KINDS[(e as PerformanceEntry & { detail?: { kind: number } }).detail?.kind ?? -1] ?? '?',
        });
    }
  });
  gc.observe({ entryTypes: ['gc'] });
  let finished = false;
  void done.then(() => (finished = true));
  const latencies: number[] = [];
  let heapPeak = 0;
  let rssPeak = 0;
  while (!finished) {
    const t0 = performance.now();
    await value(core, 'program.info', {});
    latencies.push(performance.now() - t0);
    const m = process.memoryUsage();
    heapPeak = Math.max(heapPeak, m.heapUsed);
    rssPeak = Math.max(rssPeak, m.rss);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  loop.disable();
  clearInterval(ticker);
  gc.disconnect();
  const mb = (x: number) => Math.round(x / 2 ** 20);
  const tickerMax = Math.max(0, ...stallByPhase.values());
  const gcInStall = new Map(
    [...longestCpuStall].map(([p, w]) => [
      p,
      gcs.filter((g) => g.start < w.end && g.start + g.ms > w.start).reduce((sum, g) => sum + g.ms, 0),
    ]),
  );
  return {
    latencies,
    stallMs: Math.max(loop.max / 1e6, tickerMax),
    heapPeakMb: mb(heapPeak),
    rssPeakMb: mb(rssPeak),
    stallByPhase,
    stallCpuByPhase,
    gcInStall,
    gcByPhase,
  };
}

/** The longest GC pause of the main thread, by phase (the longest first). */
function gcReport(r: Probe, top = 4): string {
  return [...r.gcByPhase]
    .sort((a, b) => b[1].ms - a[1].ms)
    .slice(0, top)
    .map(([p, g]) => `${p || '(all)'}: ${ms(g.ms)} ${g.kind}`)
    .join('; ');
}

function report(label: string, r: Probe, seconds?: number) {
  const worst = Math.max(...r.latencies);
  console.log(
    `${label.padEnd(34)} answers ${String(r.latencies.length).padStart(4)}  p50 ` +
      `${ms(percentile(r.latencies, 50)).padStart(9)}  p95 ${ms(percentile(r.latencies, 95)).padStart(9)}  max ` +
      `${ms(worst).padStart(9)}  loop stall max ${ms(r.stallMs).padStart(9)}  main heap peak ${r.heapPeakMb} MB  ` +
      `rss peak ${r.rssPeakMb} MB${seconds === undefined ? '' : `  (job ${seconds.toFixed(1)} s)`}  ` +
      `${worst <= 200 ? 'ok' : 'OVER 200 ms'}`,
  );
}

const cpuSec = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
};
const load = () => fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/**
 * The whole year, then its draft checked against the rules: the main thread while the job runs
 * (solving, saving the draft) and after it, until the draft's flags are stored.
 */
async function yearRun(core: Core, file: string) {
  const cpu0 = process.cpuUsage();
  const year = await jobRun(core, () =>
    value(core, 'generate.start', { scope: 'year', academicYear: YEAR, timeLimitSec: 1800 }),
  );
  const during = await probe(core, year.done, () => core.jobs.status(year.jobId).phase.replace(/[\d.,%]+/g, '#'));
  const end = await year.done;
  const jobSec = (performance.now() - year.began) / 1000;
  report('year: solve + save the draft', during, jobSec);
  const phases = [...during.stallByPhase].sort((a, b) => b[1] - a[1]).slice(0, 4);
  console.log(`  longest stalls by job phase: ${phases.map(([p, x]) => `${p}: ${ms(x)}`).join('; ')}`);
  const cpuPhases = [...during.stallCpuByPhase].sort((a, b) => b[1] - a[1]).slice(0, 4);
  console.log(
    `  main-thread CPU of the longest stall by job phase (its length on a quiet machine; GC pauses in it): ` +
      `${cpuPhases.map(([p, x]) => `${p}: ${ms(x)} (GC ${ms(during.gcInStall.get(p) ?? 0)})`).join('; ')}`,
  );
  console.log(`  main thread's longest GC pause by job phase: ${gcReport(during)}`);
  const result = end.result as { status?: string; draftId?: number | null; message?: string } | null;
  console.log(`  job ${end.state}: ${result?.status ?? ''} ${result?.message ?? end.error ?? ''}`.slice(0, 300));
  const draftId = result?.draftId ?? null;
  if (draftId === null) return;
  const checked = (async () => {
    for (;;) {
      const d = await value<{ validation: unknown }>(core, 'drafts.get', { draftId });
      if (d.validation) return d;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();
  const t0 = performance.now();
  const after = await probe(core, checked);
  report('year: checking the draft (flags)', after, (performance.now() - t0) / 1000);
  console.log(
    `  main-thread CPU of the longest stall: ${ms(Math.max(0, ...after.stallCpuByPhase.values()))}; longest GC ` +
      `pause ${gcReport(after, 1)}`,
  );
  await draftPhases(core, draftId, file);
  const v = ((await checked).validation ?? {}) as { added?: number; unresolved?: number };
  console.log(
    `  flags ${v.added ?? '?'} (unresolved ${v.unresolved ?? '?'}); main process CPU ${cpuSec(cpu0).toFixed(1)} s ` +
      `(all threads); load ${load()}`,
  );
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

/**
 * The program file's size once its WAL is folded in and emptied (a second connection's TRUNCATE
 * checkpoint): what a write left in the file for good. The WAL then starts empty, so its size after
 * the next write is that write's (frames a transaction writes twice are counted once).
 */
function foldWal(file: string): number {
  const db = new Sqlite(file);
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  return fs.statSync(file).size;
}
const walSize = (file: string) => fs.statSync(`${file}-wal`).size;

/**
 * A year's draft, once saved: checked again by hand, its summary, compared with the published
 * schedule, checked for publishing, published (its blocking flags acknowledged first) and rolled back.
 * `file`: the program's, for what publish and rollback write (WAL, the file's growth).
 */
async function draftPhases(core: Core, draftId: number, file: string) {
  // Checked again by hand (Check against the rules on the draft): its inputs read on the main thread.
  const t1 = performance.now();
  const revalidate = probe(core, value(core, 'drafts.validate', { draftId }));
  const again = await revalidate;
  report('year: drafts.validate again', again, (performance.now() - t1) / 1000);
  console.log(
    `  main-thread CPU of the longest stall: ${ms(Math.max(0, ...again.stallCpuByPhase.values()))} (GC pauses in it ` +
      `${ms(again.gcInStall.get('') ?? 0)}); longest GC pause ${gcReport(again, 1)}`,
  );
  // What the UI polls: the draft's summary.
  const t2 = performance.now();
  const cpu2 = threadCpuMs();
  await value(core, 'drafts.get', { draftId });
  console.log(
    `year: drafts.get (summary)          ${ms(performance.now() - t2)} wall, ${ms(threadCpuMs() - cpu2)} ` +
      `main-thread CPU`,
  );
  // The draft against the published schedule (the grid's diff mode), the Publish dialog's check,
  // then publishing it: each reads the whole year's draft (issue 15 item 1). Its blocking flags are
  // acknowledged before publishing, as a coordinator would (up to 200 of them).
  const timed = async (label: string, method: string, payload: unknown, dispatch = core.dispatch) => {
    const t = performance.now();
    const mainCpu = threadCpuMs();
    const processCpu = process.cpuUsage();
    const answer = dispatch(method, payload);
    const r = await probe(core, answer);
    report(label, r, (performance.now() - t) / 1000);
    const e = await answer;
    console.log(
      `  main-thread CPU of the longest stall: ${ms(Math.max(0, ...r.stallCpuByPhase.values()))} (GC pauses in it ` +
        `${ms(r.gcInStall.get('') ?? 0)}); longest GC pause ${gcReport(r, 1)}; ` +
        `${e.ok ? 'answered' : `refused: ${e.error.message.slice(0, 200)}`}`,
    );
    // The step's whole CPU (the probe's program.info calls included): main thread, and every thread (the pool's check).
    console.log(
      `  the step's CPU: main thread ${ms(threadCpuMs() - mainCpu)}, all threads ${ms(cpuSec(processCpu) * 1000)}`,
    );
    return e;
  };
  const diff = await timed('year: drafts.diff', 'drafts.diff', { draftId });
  const flags = diff.ok
    ? ((diff.value as { validation: { added: { id: string; blocking: boolean }[] } | null }).validation?.added ?? [])
    : [];
  const blocking = flags.filter((f) => f.blocking).slice(0, 200);
  for (const f of blocking)
    await value(core, 'drafts.acknowledgeFinding', {
      findingId: f.id,
      draftId,
      reasonCode: 'approved_exception',
      reason: 'benchmark: publish the generated year',
    });
  console.log(`  acknowledged ${blocking.length} blocking flags before publishing`);
  const publish = {
    draftId,
    acceptChurnWarnings: true,
    breakGlass: { reason: 'benchmark: publish the generated year' },
  };
  await timed('year: drafts.publishCheck', 'drafts.publishCheck', publish);
  // Changes on or before the lock date are published with break-glass by the program director.
  await value(core, 'accounts.create', {
    username: 'pd',
    displayName: 'Program Director',
    role: 'program_director',
    password: DEMO_PASSWORD,
    mustChangePassword: false,
  });
  const director = core.openSession();
  await signIn(director.dispatch, 'program_director');
  const before = foldWal(file);
  const published = await timed('year: drafts.publish', 'drafts.publish', publish, director.dispatch);
  const publishWal = walSize(file);
  const afterPublish = foldWal(file);
  console.log(`  publish's WAL ${mb(publishWal)}; program file ${mb(before)} -> ${mb(afterPublish)}`);
  // The Compliance view opened after the publish: the year's validator built (or brought up to date).
  await timed('year: compliance.summary (open)', 'compliance.summary', { academicYear: YEAR, draftId: null });
  if (published.ok) {
    const beforeRollback = foldWal(file);
    await timed(
      'year: publications.rollback',
      'publications.rollback',
      { publicationId: (published.value as { id: number }).id, reason: 'benchmark: roll the year back' },
      director.dispatch,
    );
    const rollbackWal = walSize(file);
    console.log(`  rollback's WAL ${mb(rollbackWal)}; program file ${mb(beforeRollback)} -> ${mb(foldWal(file))}`);
  }
  console.log(`  load ${load()}`);
}

/** The changed year saved as a draft on its own connection, before the core opens the program. */
async function saveChangedYear(file: string, data: ProgramData) {
  const t = performance.now();
  const program = await openProgram(file);
  try {
    const { draft } = await createDraftFromAssignments({ program, actor: 'bench' }, changedYear(data, YEAR));
    return { draftId: draft.id, cells: draft.entries.cells, seconds: (performance.now() - t) / 1000 };
  } finally {
    await program.close();
  }
}

/**
 * Each request path over the whole program, one at a time, with program.info asked meanwhile:
 * the longest main-thread stall (its CPU and wall) until the request (and its job, if any) ends.
 */
async function pathsRun(core: Core, dir: string, data: ReturnType<typeof generateProgram>) {
  const year = { start: `${YEAR}-07-01`, end: `${YEAR + 1}-06-30` };
  const rows: string[] = [];
  const isJob = (v: unknown): v is { jobId: string } =>
    typeof v === 'object' && v !== null && typeof (v as { jobId?: unknown }).jobId === 'string';
  /** Runs a request (and waits for its job); prints its row; the answer. */
  const argOnly = process.argv.indexOf('--only');
  const only = argOnly > 0 ? process.argv[argOnly + 1].split(',') : null;
  const path_ = async (label: string, method: string, payload: unknown) => {
    if (only !== null && !only.some((text) => label.includes(text))) return undefined;
    const t = performance.now();
    let outcome = 'answered';
    const answer = (async () => {
      const e = await core.dispatch(method, payload);
      if (!e.ok) throw new Error(`${method}: ${e.error.message}`);
      if (!isJob(e.value)) return e.value;
      const end = await core.jobs.wait(e.value.jobId);
      outcome = `job ${end.state}`;
      return end.result;
    })();
    const r = await probe(
      core,
      answer.catch(() => undefined),
    );
    const value_ = await answer.catch((err: Error) => {
      outcome = `FAILED ${err.message.slice(0, 120)}`;
      return undefined;
    });
    const worst = Math.max(...r.latencies);
    const row =
      `${label.padEnd(30)} stall CPU ${ms(Math.max(0, ...r.stallCpuByPhase.values())).padStart(9)}  wall ` +
      `${ms(r.stallMs).padStart(9)}  worst answer ${ms(worst).padStart(9)}  ` +
      `(${((performance.now() - t) / 1000).toFixed(1)} s; ${outcome})`;
    console.log(row);
    rows.push(row);
    return value_;
  };
  const resident = data.people.find((p) => p.kind === 'resident')!;
  const faculty = data.people.find((p) => p.kind === 'faculty')!;
  const csvFile = (name: string, lines: string[]) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, `${lines.join('\n')}\n`);
    return f;
  };
  await path_('search (people.list)', 'people.list', { academicYear: YEAR });
  await path_('schedule.grid (the year)', 'schedule.grid', year);
  await path_('people.schedule (a resident)', 'people.schedule', { personId: resident.id, academicYear: YEAR });
  await path_('people.schedule (a faculty)', 'people.schedule', { personId: faculty.id, academicYear: YEAR });
  // The Compliance view's first open: the year's validator built, with everyone's hours.
  await path_('compliance.summary (first open)', 'compliance.summary', { academicYear: YEAR, draftId: null });
  await path_('contingency.start (N-1, 4 weeks)', 'contingency.start', {
    start: `${YEAR}-09-07`,
    end: `${YEAR}-10-04`,
    depth: 1,
    timeLimitSec: 30,
  });
  // Generate's start: the program read for the request, then one block's calls solved into a draft.
  const generated = (await path_('generate.start (block 4 calls)', 'generate.start', {
    scope: 'calls',
    academicYear: YEAR,
    blockNumber: 4,
    timeLimitSec: 20,
  })) as { draftId?: number | null } | undefined;
  // Printouts for everyone for one block: the main thread's part (the program read, the job's input)
  // does not depend on the span, the worker's rendering does (a year at 150 residents: minutes).
  await path_('exports.pdf (everyone, block 4)', 'exports.pdf', {
    kind: 'person',
    block: { academicYear: YEAR, number: 4 },
    output: path.join(dir, 'pdf'),
  });
  await path_('exports.xlsx (the year)', 'exports.xlsx', {
    academicYear: YEAR,
    plan: true,
    calls: true,
    output: path.join(dir, 'year.xlsx'),
  });
  await path_('exports.xlsx (block 4)', 'exports.xlsx', {
    block: { academicYear: YEAR, number: 4 },
    output: path.join(dir, 'block4.xlsx'),
  });
  await path_('exports.calendars (everyone)', 'exports.calendars', { ...year, outputDir: path.join(dir, 'ics') });
  await path_('exports.csv (the year)', 'exports.csv', { ...year, output: path.join(dir, 'year.csv') });
  await path_('imports.xlsxPreview (block 4)', 'imports.xlsxPreview', { path: path.join(dir, 'block4.xlsx') });
  await path_('imports.absencesPreview', 'imports.absencesPreview', {
    path: csvFile('leave.csv', [
      'Name,Type,First day,Last day,AM/PM,Approved',
      `${resident.name},Vacation,${YEAR}-12-01,${YEAR}-12-04,,yes`,
      `${faculty.name},conference,${YEAR}-12-08,,PM,no`,
    ]),
  });
  await path_('imports.peoplePreview', 'imports.peoplePreview', {
    path: csvFile('people.csv', [
      'Name,PGY,Role,E-mail',
      'Ellis Evans,PGY-1,,ellis@example.mil',
      'Gale Green,,Core faculty,',
    ]),
    academicYear: YEAR,
  });
  if (generated?.draftId)
    await path_('reviews.export (block 4 draft)', 'reviews.export', {
      draftId: generated.draftId,
      path: path.join(dir, 'block4.rsreview'),
    });
  console.log(`load: ${execSync('uptime').toString().trim()}`);
}

async function jobRun(
  core: Core,
  start: () => Promise<{ jobId: string }>,
): Promise<{ done: Promise<JobStatus>; began: number; jobId: string }> {
  const began = performance.now();
  const { jobId } = await start();
  return { done: core.jobs.wait(jobId) as Promise<JobStatus>, began, jobId };
}

async function main() {
  if (!fs.existsSync(path.join(workerDir, 'export.cjs'))) throw new Error('Build the workers first: npm run build');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-responsive-'));
  const file = path.join(dir, 'program.sqlite');
  const data = generateProgram({ seed: 20260701, academicYear: YEAR, residentsPerPgy: residentsPerPgyFor(residents) });
  // A regenerated year changes a fifth of the published slots and more: the churn guard, which would
  // refuse its publish, is set to warn only (settings are read by publishing alone, not by the solver).
  data.settings = {
    ...data.settings,
    churn: { ...data.settings.churn, rejectTotalPct: 100, rejectPersonPct: 100 },
    // The changed year breaks rules everywhere (its flags would block its publish): checked with none on.
    ...(process.argv.includes('--changed-year')
      ? { rules: data.settings.rules.map((r) => ({ ...r, enabled: false })) }
      : {}),
  };
  await createProgramFile(file, data);
  const saved = process.argv.includes('--changed-year') ? await saveChangedYear(file, data) : null;
  const core = await createCore({ dbPath: file, workerDir, actor: 'bench', maxThreads: workers });
  try {
    await signIn(core.dispatch);
    console.log(`main-process responsiveness, ${residents} residents — load: ${execSync('uptime').toString().trim()}`);
    report('idle (1 s)', await probe(core, new Promise((resolve) => setTimeout(resolve, 1000))));
    if (process.argv.includes('--paths')) {
      await pathsRun(core, dir, data);
      return;
    }
    if (saved) {
      console.log(`year's draft: ${saved.cells} changed half-days, saved in ${saved.seconds.toFixed(1)} s`);
      await draftPhases(core, saved.draftId, file);
      return;
    }
    if (process.argv.includes('--year')) {
      await yearRun(core, file);
      return;
    }

    const exp = await jobRun(core, () =>
      value(core, 'exports.pdf', {
        kind: 'person',
        start: `${YEAR}-07-01`,
        end: `${YEAR + 1}-06-30`,
        output: path.join(dir, 'pdf'),
      }),
    );
    const e = await probe(core, exp.done);
    report('export: everyone’s year (PDF)', e, (performance.now() - exp.began) / 1000);

    const solve = await jobRun(core, () =>
      value(core, 'generate.start', { scope: 'block+calls', academicYear: YEAR, blockNumber: 4, timeLimitSec: 60 }),
    );
    const s = await probe(core, solve.done);
    report('solve: block 4 + calls', s, (performance.now() - solve.began) / 1000);

    // Stop: asked as soon as the solver has a first schedule; the time until the job has ended
    // (its draft written, the run recorded). Target: within 1 s.
    for (const phase of ['Call', 'Half-day'] as const) {
      const { jobId } = await value<{ jobId: string }>(core, 'generate.start', {
        scope: 'block+calls',
        academicYear: YEAR,
        blockNumber: 5,
        timeLimitSec: 120,
      });
      for (;;) {
        const st = await value<JobStatus>(core, 'jobs.status', { jobId });
        if (st.state !== 'running' || (st.phase.includes(phase) && st.detail.objective !== null)) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const t0 = performance.now();
      await value(core, 'generate.stop', { jobId });
      const end = await core.jobs.wait(jobId);
      const result = end.result as { status?: string; missing?: { what: string }[] } | null;
      const missing = result?.missing?.length ? `; missing ${result.missing.map((m) => m.what).join(', ')}` : '';
      console.log(
        `${`stop during the ${phase.toLowerCase()} model`.padEnd(34)} job ended ` +
          `${((performance.now() - t0) / 1000).toFixed(2)} s after Stop  ` +
          `(${result?.status ?? end.state}${missing})`,
      );
    }
  } finally {
    await core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
