// What a page asks of the host: its API calls in order (asked and answered), and the scripts it fetched by the
// time the app has started, for the specs that count requests (shell.spec, drafts.spec).
import type { Page, Request } from '@playwright/test';
import { expect } from './fixtures';

export interface ApiEvent {
  method: string;
  body: string;
  event: 'asked' | 'answered';
}

/** Records the page's API calls from now on; `idle(done)` resolves once `done(log)` holds and none is in flight. */
export function watchApiCalls(page: Page) {
  const log: ApiEvent[] = [];
  const inFlight = new Set<Request>();
  const waiters: { done: (log: readonly ApiEvent[]) => boolean; resolve(): void }[] = [];
  const check = () => {
    for (const w of [...waiters])
      if (inFlight.size === 0 && w.done(log)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
  };
  const methodOf = (r: Request) => {
    const path = new URL(r.url()).pathname;
    return path.startsWith('/api/') ? path.slice('/api/'.length) : null;
  };
  page.on('request', (r) => {
    const method = methodOf(r);
    if (!method) return;
    inFlight.add(r);
    log.push({ method, body: r.postData() ?? '', event: 'asked' });
  });
  const answered = (r: Request) => {
    if (!inFlight.delete(r)) return;
    log.push({ method: methodOf(r)!, body: r.postData() ?? '', event: 'answered' });
    check();
  };
  page.on('requestfinished', answered);
  page.on('requestfailed', answered);
  return {
    log,
    /** The methods asked, in order. */
    asked: () => log.filter((e) => e.event === 'asked'),
    idle(done: (log: readonly ApiEvent[]) => boolean = () => true): Promise<void> {
      return new Promise<void>((resolve) => {
        waiters.push({ done, resolve });
        check();
      });
    },
  };
}

/** Reload the page onto the dashboard; the scripts it fetched (live) and those it had by the time it showed. */
export async function startScripts(page: Page): Promise<{ scripts: string[]; atStart: Set<string> }> {
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
  });
  await page.reload();
  await expect(page.getByTestId('current-block')).toBeVisible();
  return { scripts, atStart: new Set(scripts) };
}
