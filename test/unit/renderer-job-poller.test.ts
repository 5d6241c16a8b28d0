// The one job poller the generation and contingency stores follow their jobs with.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JobStatus } from '../../core/api/contract';
import { createJobPoller, type JobPollerHooks } from '../../renderer/src/lib/jobPoller';

const status = (state: JobStatus['state']) => ({ jobId: 'j1', state }) as unknown as JobStatus;

let answers: (JobStatus | Error)[];
let looks: number;
beforeEach(() => {
  vi.useFakeTimers();
  looks = 0;
  answers = [];
  const jobsStatus = async () => {
    looks++;
    const next = answers.shift();
    if (!next) throw new Error('no answer left');
    if (next instanceof Error) throw next;
    return next;
  };
  (globalThis as { window?: unknown }).window = { api: { 'jobs.status': jobsStatus } };
});
afterEach(() => {
  vi.useRealTimers();
  delete (globalThis as { window?: unknown }).window;
});

function hooks(current = () => true) {
  const seen: string[] = [];
  const h: JobPollerHooks = {
    intervalMs: 300,
    isCurrent: current,
    onRunning: (s) => seen.push(`running:${s.state}`),
    onEnd: (s) => seen.push(`end:${s.state}`),
    onLost: (e) => seen.push(`lost:${(e as Error).message}`),
  };
  return { h, seen };
}

describe('createJobPoller', () => {
  it('looks once per interval while the job runs, and reports its end once', async () => {
    answers = [status('running'), status('running'), status('succeeded')];
    const { h, seen } = hooks();
    createJobPoller(h).follow('j1');
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual(['running:running']);
    await vi.advanceTimersByTimeAsync(299);
    expect(looks).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    await vi.advanceTimersByTimeAsync(300);
    expect(seen).toEqual(['running:running', 'running:running', 'end:succeeded']);
    await vi.advanceTimersByTimeAsync(3000);
    expect(looks).toBe(3);
  });

  it('ignores the answer once the store has moved on', async () => {
    answers = [status('succeeded')];
    const { h, seen } = hooks(() => false);
    createJobPoller(h).follow('j1');
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual([]);
  });

  it('says when the job is lost and looks no more', async () => {
    answers = [status('running'), new Error('No job j1')];
    const { h, seen } = hooks();
    createJobPoller(h).follow('j1');
    await vi.advanceTimersByTimeAsync(300);
    expect(seen).toEqual(['running:running', 'lost:No job j1']);
    await vi.advanceTimersByTimeAsync(3000);
    expect(looks).toBe(2);
  });

  it('stop cancels the look that was due; lookAgain never doubles one', async () => {
    answers = [status('running'), status('running'), status('cancelled')];
    const { h, seen } = hooks();
    const poller = createJobPoller(h);
    poller.follow('j1');
    await vi.advanceTimersByTimeAsync(0);
    poller.stop();
    await vi.advanceTimersByTimeAsync(3000);
    expect(looks).toBe(1);
    poller.lookAgain('j1');
    poller.lookAgain('j1');
    await vi.advanceTimersByTimeAsync(300);
    expect(looks).toBe(2);
    await vi.advanceTimersByTimeAsync(300);
    expect(seen).toEqual(['running:running', 'running:running', 'end:cancelled']);
  });
});
