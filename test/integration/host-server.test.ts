// The browser test host over real HTTP: token → cookie exchange, 403 without the cookie or with a
// foreign Host/Origin, JSON-only POST API, the bridge injected into index.html, the CSP header,
// and a round trip through the real core (createCore: contract, handlers, jobs, worker pool).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../core/api/core';
import { defaultSettings } from '../../core/domain/defaults';
import { openProgram, writeProgramData } from '../../core/services/program';
import { CONTENT_SECURITY_POLICY } from '../../electron/security';
import { buildHostBridge, root } from '../../scripts/build.mjs';
import {
  BRIDGE_PATH,
  CLIENT_COOKIE_NAME,
  COOKIE_NAME,
  injectBridge,
  startHost,
  type RunningHost,
} from '../host/server';
import { signIn } from '../sign-in';
import { buildTestWorkers } from './jobs-fixtures/build';
import { createTestCore } from '../test-core';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(
  host: RunningHost,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: host.port,
        method: opts.method ?? 'GET',
        path: opts.path,
        headers: { Host: `127.0.0.1:${host.port}`, ...opts.headers },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

let tmp: string;
let host: RunningHost;
let core: Core;
let cleanupWorkers: () => void;
let cookie: string;

beforeAll(async () => {
  mkdirSync(path.join(root, '.tmp'), { recursive: true });
  tmp = mkdtempSync(path.join(root, '.tmp', 'host-'));
  const rendererDir = path.join(tmp, 'renderer');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(
    path.join(rendererDir, 'index.html'),
    '<!doctype html><html><head><title>Residency Scheduler</title></head><body><script type="module" ' +
      'src="./assets/app.js"></script></body></html>',
  );
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log("app");');
  await buildHostBridge({ outDir: path.join(tmp, 'host') });

  const built = await buildTestWorkers();
  cleanupWorkers = built.cleanup;
  const dbPath = path.join(tmp, 'program.sqlite');
  const program = await openProgram(dbPath, { create: true });
  await writeProgramData(program, {
    settings: defaultSettings('Host Test Program'),
    academicYears: [2026],
    people: [],
    activities: [],
    rotations: [],
    callTypes: [],
    holidays: [{ date: '2026-11-26', name: 'Thanksgiving', dayType: 'federal_holiday' }],
    absences: [],
    rotationAssignments: [],
    assignments: [],
    calls: [],
    inpatientWeeks: [],
    moonlighting: [],
    callbacks: [],
  });
  await program.close();
  core = await createTestCore({ dbPath, workerDir: built.dir, actor: 'host test' });
  host = await startHost({
    openSession: () => core.openSession(),
    rendererDir,
    bridgeFile: path.join(tmp, 'host', 'bridge.js'),
  });
  const login = await send(host, { path: `/?token=${host.token}` });
  cookie = cookiesOf(login);
  await signIn(async (method, payload) => JSON.parse((await api(method, payload)).body));
});

/** The Cookie header a browser would send back after this reply. */
function cookiesOf(reply: Reply): string {
  const set = reply.headers['set-cookie'];
  return (Array.isArray(set) ? set : [String(set)]).map((c) => c.split(';')[0]).join('; ');
}

afterAll(async () => {
  await host?.close();
  await core?.close();
  cleanupWorkers?.();
  rmSync(tmp, { recursive: true, force: true });
});

const json = (body: unknown) => ({ 'Content-Type': 'application/json', body: JSON.stringify(body) });
const api = (method: string, payload: unknown, headers: Record<string, string> = {}) => {
  const { body, ...type } = json(payload);
  return send(host, { method: 'POST', path: `/api/${method}`, headers: { Cookie: cookie, ...type, ...headers }, body });
};

describe('test host: access control', () => {
  it('binds to 127.0.0.1 and prints a token URL', () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/\\?token=[A-Za-z0-9_-]{20,}$`));
  });

  it('exchanges the token for an HttpOnly SameSite=Strict cookie and redirects to /', async () => {
    const r = await send(host, { path: `/?token=${host.token}` });
    expect(r.status).toBe(302);
    expect(r.headers.location).toBe('/');
    const setCookie = String(r.headers['set-cookie']);
    expect(setCookie).toContain(`${COOKIE_NAME}=${host.token}`);
    expect(setCookie).toContain(`${CLIENT_COOKIE_NAME}=`);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
  });

  it('refuses a wrong token, and every request without the cookie', async () => {
    expect((await send(host, { path: '/?token=wrong' })).status).toBe(403);
    expect((await send(host, { path: '/' })).status).toBe(403);
    expect((await send(host, { path: '/', headers: { Cookie: `${COOKIE_NAME}=nope` } })).status).toBe(403);
    const { body, ...type } = json({ jobId: 'x' });
    expect((await send(host, { method: 'POST', path: '/api/jobs.status', headers: type, body })).status).toBe(403);
  });

  it('refuses a foreign Host header (DNS rebinding) even with the cookie and token', async () => {
    expect(
      (await send(host, { path: '/', headers: { Cookie: cookie, Host: `evil.example:${host.port}` } })).status,
    ).toBe(403);
    expect(
      (await send(host, { path: `/?token=${host.token}`, headers: { Host: `localhost:${host.port}` } })).status,
    ).toBe(403);
  });

  it('refuses API calls from another origin', async () => {
    expect((await api('jobs.status', { jobId: 'x' }, { Origin: 'http://evil.example' })).status).toBe(403);
  });

  it('takes only POST with a JSON body on /api', async () => {
    expect((await send(host, { path: '/api/jobs.status', headers: { Cookie: cookie } })).status).toBe(405);
    const form = await send(host, {
      method: 'POST',
      path: '/api/jobs.status',
      headers: { Cookie: cookie, 'Content-Type': 'text/plain' },
      body: '{"jobId":"x"}',
    });
    expect(form.status).toBe(415);
    const broken = await send(host, {
      method: 'POST',
      path: '/api/jobs.status',
      headers: { Cookie: cookie, 'Content-Type': 'application/json' },
      body: '{"jobId":',
    });
    expect(broken.status).toBe(400);
    expect(JSON.parse(broken.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

describe('test host: the app', () => {
  it('serves index.html with the bridge loaded first and the CSP header', async () => {
    const r = await send(host, { path: '/', headers: { Cookie: cookie } });
    expect(r.status).toBe(200);
    expect(r.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(r.body.indexOf(`<script src="${BRIDGE_PATH}"></script>`)).toBeGreaterThan(0);
    expect(r.body.indexOf(BRIDGE_PATH)).toBeLessThan(r.body.indexOf('assets/app.js'));
  });

  it('serves the bridge, assets, client routes, and nothing outside the renderer', async () => {
    const bridge = await send(host, { path: BRIDGE_PATH, headers: { Cookie: cookie } });
    expect(bridge.status).toBe(200);
    expect(bridge.headers['content-type']).toMatch(/javascript/);
    expect(bridge.body.length).toBeGreaterThan(1000);
    expect((await send(host, { path: '/assets/app.js', headers: { Cookie: cookie } })).body).toContain('console.log');
    expect((await send(host, { path: '/people', headers: { Cookie: cookie } })).body).toContain(BRIDGE_PATH);
    expect((await send(host, { path: '/assets/missing.js', headers: { Cookie: cookie } })).status).toBe(404);
    // The URL parser folds dot segments (also percent-encoded) before any file lookup.
    for (const p of ['/%2e%2e/program.sqlite', '/../program.sqlite', '/assets/..%2f..%2fprogram.sqlite'])
      expect((await send(host, { path: p, headers: { Cookie: cookie } })).status).not.toBe(200);
  });

  it('injectBridge refuses a page without <head>', () => {
    expect(() => injectBridge('<html><body></body></html>')).toThrow(/<head>/);
  });
});

describe('test host: API round trip', () => {
  it('gives each browser its own session: a new one starts signed out', async () => {
    const other = await send(host, { path: `/?token=${host.token}` });
    const { body, ...type } = json({});
    const r = await send(host, {
      method: 'POST',
      path: '/api/program.info',
      headers: { Cookie: cookiesOf(other), ...type },
      body,
    });
    expect(r.status).toBe(401);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    // The first browser is still signed in.
    expect((await api('program.info', {})).status).toBe(200);
  });

  it('answers program.info from the open program', async () => {
    const r = await api('program.info', {});
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(r.body)).toMatchObject({
      ok: true,
      value: { settings: { programName: 'Host Test Program' }, academicYears: [{ id: 2026 }] },
    });
  });

  it('starts a calendar job, polls it to success, and reads the holidays from the program', async () => {
    const started = await api('jobs.startYearCalendar', { academicYear: 2026 });
    expect(started.status).toBe(200);
    const { ok, value } = JSON.parse(started.body) as { ok: boolean; value: { jobId: string } };
    expect(ok).toBe(true);
    let status: { state: string; result: { slots: { date: string; dayType: string }[] } } | null = null;
    // Until the job leaves 'running', however long a loaded machine takes (it was 200 polls, ~2 s):
    // the test's limit is the hang guard.
    for (;;) {
      const r = JSON.parse((await api('jobs.status', { jobId: value.jobId })).body);
      status = r.value;
      if (status!.state !== 'running') break;
      await new Promise((res) => setTimeout(res, 20));
    }
    expect(status!.state).toBe('succeeded');
    expect(status!.result.slots).toHaveLength(730);
    expect(status!.result.slots.find((s) => s.date === '2026-11-26')!.dayType).toBe('federal_holiday');
  });

  it('answers invalid input with 400 and an invalid_input envelope naming the field', async () => {
    const r = await api('jobs.startYearCalendar', { academicYear: 'next year' });
    expect(r.status).toBe(400);
    const body = JSON.parse(r.body);
    expect(body).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'academicYear' }] } });
  });

  it('answers an unknown job with 404 not_found, an unknown year and an unknown method likewise', async () => {
    const job = await api('jobs.status', { jobId: 'no-such-job' });
    expect(job.status).toBe(404);
    expect(JSON.parse(job.body).error).toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('no-such-job'),
    });
    const year = await api('jobs.startYearCalendar', { academicYear: 2030 });
    expect(JSON.parse(year.body).error).toMatchObject({ code: 'not_found', message: expect.stringContaining('2030') });
    const method = await api('jobs.nope', {});
    expect(method.status).toBe(404);
    expect(JSON.parse(method.body).error.code).toBe('unknown_method');
  });
});
