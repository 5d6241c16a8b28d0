// Swap candidates: how long the ranked list takes for a call night and for an inpatient week, on
// the demo program (17 residents) and on a generated 40-resident program. Each candidate's swap
// is checked by the rules engine's incremental validator of the published year, so the first
// request of a year also builds that validator (reported apart, "cold"). Targets: < 50 ms for a
// call, < 200 ms for a week (give-away lists; trades are shown too). `npm run bench:swaps`
// (`-- --strict` exits non-zero when a target is missed). The machine's load is printed with the
// figures, and the process's CPU time per request beside the wall-clock time: on a busy machine
// the wall clock waits for other processes, the CPU time is what the request itself costs.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateProgram, residentsPerPgyFor } from '../core/demo/generate';
import type { ProgramData } from '../core/domain/program';
import { complianceInput, validate } from '../core/rules';
import { openProgram, writeProgramData } from '../core/services/program';
import { findCandidates, type CandidateQuery, type SwapKind } from '../core/services/swaps';

const YEAR = 2026;
/** The benchmark runs "on" this day: the items measured (October – February) are upcoming. */
const NOW = new Date('2026-09-15T12:00:00Z');
const strict = process.argv.includes('--strict');

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const p95 = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(0.95 * values.length))];
const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 1)} ms`;

interface Figure {
  what: string;
  value: number;
  target: number | null;
}

async function measure(label: string, data: ProgramData): Promise<Figure[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-swaps-'));
  const program = await openProgram(path.join(dir, 'program.sqlite'), { create: true });
  try {
    await writeProgramData(program, data, 'bench');
    const ctx = { program, actor: 'bench', now: () => NOW };
    const inRange = (d: string) => d >= '2026-10-01' && d <= '2027-02-28';
    const calls = data.calls
      .filter((c) => c.callTypeCode === 'OC' && inRange(c.date))
      .filter((_, i) => i % 5 === 0)
      .slice(0, 20);
    const weeks = data.inpatientWeeks
      .filter((w) => inRange(w.start))
      .filter((_, i) => i % 2 === 0)
      .slice(0, 10);
    const queries = (kind: SwapKind): { call: CandidateQuery[]; week: CandidateQuery[] } => ({
      call: calls.map((c) => ({
        kind,
        item: { kind: 'call', personId: c.personId, date: c.date, callTypeCode: c.callTypeCode },
      })),
      week: weeks.map((w) => ({ kind, item: { kind: 'inpatient_week', personId: w.personId, start: w.start } })),
    });
    const residents = data.people.filter((p) => p.kind === 'resident').length;
    const faculty = data.people.filter((p) => p.kind === 'faculty').length;
    console.log(
      `${label}: ${residents} residents, ${faculty} faculty, ${data.assignments.length} half-days, ` +
        `${data.calls.length} calls, ${data.inpatientWeeks.length} inpatient weeks`,
    );

    let t = performance.now();
    const first = await findCandidates(ctx, queries('absorb').call[0]);
    console.log(
      `  first request (builds the year's validator): ${ms(performance.now() - t)}, ${first.candidates.length} ` +
        `candidates`,
    );

    const figures: Figure[] = [];
    for (const kind of ['absorb', 'one_to_one'] as const) {
      for (const what of ['call', 'week'] as const) {
        const times: number[] = [];
        const cpu: number[] = [];
        let offered = 0;
        let excluded = 0;
        for (const q of queries(kind)[what]) {
          t = performance.now();
          const c = process.cpuUsage();
          const list = await findCandidates(ctx, q);
          times.push(performance.now() - t);
          const used = process.cpuUsage(c);
          cpu.push((used.user + used.system) / 1000);
          offered += list.candidates.length;
          excluded += list.excluded.length;
        }
        const n = times.length;
        const name =
          `${what === 'call' ? 'call night' : 'inpatient week'}, ` + `${kind === 'absorb' ? 'give-away' : 'trade'}`;
        console.log(
          `  ${name.padEnd(28)} median ${ms(median(times))} (CPU ${ms(median(cpu))}), p95 ${ms(p95(times))}, max ` +
            `${ms(Math.max(...times))} over ${n} items (${(offered / n).toFixed(1)} offered, ` +
            `${(excluded / n).toFixed(1)} excluded on average)`,
        );
        figures.push({
          what: `${label}, ${name}`,
          value: median(times),
          target: kind === 'absorb' ? (what === 'call' ? 50 : 200) : null,
        });
      }
    }
    return figures;
  } finally {
    await program.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The machine's speed right now, in a figure other benchmarks report too: the median full-year
 * validation of the demo program (bench:validate's first figure), so the swap figures of a busy
 * run can be compared with a quiet one.
 */
function calibration(data: ProgramData): number {
  const input = complianceInput(data, { start: `${YEAR}-07-01`, end: `${YEAR + 1}-06-30` });
  for (let i = 0; i < 2; i++) validate(input);
  const times: number[] = [];
  for (let i = 0; i < 9; i++) {
    const t = performance.now();
    validate(input);
    times.push(performance.now() - t);
  }
  return median(times);
}

console.log(`uptime: ${execSync('uptime').toString().trim()}`);
const demo = generateProgram({ seed: 20260701, academicYear: YEAR });
console.log(
  `calibration: full-year validation of the demo program, median ${ms(calibration(demo))} (bench:validate's first ` +
    `figure)`,
);
const figures = [
  ...(await measure('Demo program', demo)),
  ...(await measure(
    'Generated 40-resident program',
    generateProgram({ seed: 40, academicYear: YEAR, residentsPerPgy: residentsPerPgyFor(40) }),
  )),
];
console.log(`uptime: ${execSync('uptime').toString().trim()}`);
console.log('\nTargets (median):');
let missed = 0;
for (const f of figures) {
  if (f.target === null) continue;
  const ok = f.value < f.target;
  if (!ok) missed++;
  console.log(`  ${ok ? 'ok  ' : 'OVER'} ${f.what}: ${ms(f.value)} (target < ${f.target} ms)`);
}
if (missed && strict) process.exitCode = 1;
