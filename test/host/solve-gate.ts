// The test host's solve gate: a spec can hold every solve task the host's pool starts, before its
// first step, until the spec releases it or cancels the run. "While a generation runs" is then a
// state the spec controls, not a race against how fast the solver is on that machine. Test-only:
// the host points the core at a copy of the built worker folder whose solve.cjs waits at the gate.
import { mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BroadcastChannel } from 'node:worker_threads';

export interface SolveGate {
  /** The worker folder to give the core: the built one, with the solve task behind the gate. */
  workerDir: string;
  /** Solve tasks started from now on wait at the gate. */
  hold(): void;
  /** Every waiting solve task goes on; later ones start at once. */
  release(): void;
  remove(): void;
}

const CHANNEL = 'test-host-solve-gate';

/** The solve worker file: the built handler behind a wait for the gate (a file: new threads see it). */
function gatedSolveWorker(realFile: string, holdFile: string): string {
  return `'use strict';
// Written by test/host/solve-gate.ts.
const { existsSync } = require('node:fs');
const { BroadcastChannel } = require('node:worker_threads');
const built = require(${JSON.stringify(realFile)});
const handler = typeof built === 'function' ? built : built.default;
const holdFile = ${JSON.stringify(holdFile)};
function gateOpen() {
  if (!existsSync(holdFile)) return Promise.resolve();
  return new Promise((resolve) => {
    const channel = new BroadcastChannel(${JSON.stringify(CHANNEL)});
    const open = () => {
      if (existsSync(holdFile)) return;
      channel.close();
      resolve();
    };
    channel.onmessage = open;
    // Released between the first look and the channel's opening.
    open();
  });
}
module.exports = async function gatedSolve(message) {
  await gateOpen();
  return handler(message);
};
`;
}

export function createSolveGate(builtWorkerDir: string, scratchDir: string): SolveGate {
  const workerDir = path.join(scratchDir, 'workers');
  const holdFile = path.join(scratchDir, 'solves-held');
  rmSync(workerDir, { recursive: true, force: true });
  mkdirSync(workerDir, { recursive: true });
  for (const name of readdirSync(builtWorkerDir))
    if (name !== 'solve.cjs') symlinkSync(path.join(builtWorkerDir, name), path.join(workerDir, name));
  writeFileSync(path.join(workerDir, 'solve.cjs'), gatedSolveWorker(path.join(builtWorkerDir, 'solve.cjs'), holdFile));
  const channel = new BroadcastChannel(CHANNEL);
  // The channel only posts: it must not keep the host's process alive.
  channel.unref();
  return {
    workerDir,
    hold: () => writeFileSync(holdFile, ''),
    release() {
      rmSync(holdFile, { force: true });
      channel.postMessage('released');
    },
    remove() {
      channel.close();
      rmSync(workerDir, { recursive: true, force: true });
      rmSync(holdFile, { force: true });
    },
  };
}
