// Browser test host: serves the built renderer and the API over HTTP on 127.0.0.1 so Playwright
// (and the renderer engineer) can run the real app in a plain browser. Test-only: never packaged.
// Security: a random per-run token is exchanged once for an HttpOnly SameSite=Strict cookie;
// every other request needs that cookie and the exact Host header (DNS-rebinding guard); the API
// takes only POST with a JSON body. Each browser (each cookie jar) gets its own core session, so
// one browser signing in signs in only that browser, as separate Electron windows would.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { ApiErrorData, Envelope } from '../../core/api/kit';
import { contentTypeOf, rendererFileFor } from '../../electron/renderer-files';
import { CONTENT_SECURITY_POLICY } from '../../electron/security';

export type Dispatch = (method: string, payload: unknown) => Promise<Envelope<unknown>>;

/** One browser's session of the core (createCore's openSession). */
export interface HostSession {
  dispatch: Dispatch;
  close(): void;
}

export interface HostOptions {
  /** A new signed-out session of the core, for each browser that connects. */
  openSession(): HostSession;
  /** Built renderer (dist/renderer). */
  rendererDir: string;
  /** Built bridge script (dist/host/bridge.js). */
  bridgeFile: string;
  /** 0 or omitted = a random free port. */
  port?: number;
  token?: string;
  /** Paths the UI asked to show in the file manager, listed at GET /test/revealed for the specs. */
  revealed?: readonly string[];
  /** The solve gate (solve-gate.ts): POST /test/solves/hold and /test/solves/release. */
  solveGate?: { hold(): void; release(): void };
}

export interface RunningHost {
  /** Open this once: it sets the session cookie and redirects to the app. */
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export const COOKIE_NAME = 'rs_host_session';
/** Which browser this is: its core session (sign-in) is kept under this id. */
export const CLIENT_COOKIE_NAME = 'rs_host_client';
/** Sessions kept at most; the longest unused goes first (every test's browser makes one). */
const MAX_SESSIONS = 200;
export const BRIDGE_PATH = '/host-bridge.js';
export const REVEALED_PATH = '/test/revealed';
export const SOLVES_PATH = '/test/solves/';
const MAX_BODY_BYTES = 20 * 1024 * 1024;

/** API error code → HTTP status. The body is always the envelope. */
const STATUS_BY_CODE: Record<ApiErrorData['code'], number> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  unknown_method: 404,
  conflict: 409,
  rejected: 422,
  internal: 500,
};

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieValue(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/** index.html with the bridge loaded first: a classic script runs before the deferred module. */
export function injectBridge(html: string): string {
  const tag = `<script src="${BRIDGE_PATH}"></script>`;
  const head = /<head[^>]*>/i.exec(html);
  if (!head) throw new Error('renderer index.html has no <head> to load the host bridge into');
  return html.slice(0, head.index + head[0].length) + `\n    ${tag}` + html.slice(head.index + head[0].length);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error(`request body over ${MAX_BODY_BYTES} bytes`));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const rendererDir = path.resolve(options.rendererDir);
  let expectedHost = '';

  const send = (
    res: ServerResponse,
    status: number,
    body: string | Buffer,
    type = 'text/plain; charset=utf-8',
    extra: Record<string, string> = {},
  ) => {
    res.writeHead(status, {
      'Content-Type': type,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
      'Cross-Origin-Opener-Policy': 'same-origin',
      ...extra,
    });
    res.end(body);
  };
  const sendEnvelope = (res: ServerResponse, status: number, envelope: Envelope<unknown>) =>
    send(res, status, JSON.stringify(envelope), 'application/json; charset=utf-8');
  const apiError = (res: ServerResponse, status: number, code: ApiErrorData['code'], message: string) =>
    sendEnvelope(res, status, { ok: false, error: { code, message } });

  const sessions = new Map<string, HostSession>();
  /** The browser's session, or a new one (its id is set as a cookie with the response). */
  function sessionOf(req: IncomingMessage): { session: HostSession; newId: string | null } {
    const id = cookieValue(req, CLIENT_COOKIE_NAME);
    const known = id === null ? undefined : sessions.get(id);
    if (known && id !== null) {
      // Most recently used last, so the oldest is dropped first.
      sessions.delete(id);
      sessions.set(id, known);
      return { session: known, newId: null };
    }
    const newId = randomBytes(18).toString('base64url');
    const session = options.openSession();
    sessions.set(newId, session);
    for (const [oldId, old] of sessions) {
      if (sessions.size <= MAX_SESSIONS) break;
      old.close();
      sessions.delete(oldId);
    }
    return { session, newId };
  }
  const clientCookie = (id: string) => `${CLIENT_COOKIE_NAME}=${id}; HttpOnly; SameSite=Strict; Path=/`;

  async function handleApi(req: IncomingMessage, res: ServerResponse, method: string) {
    if (req.method !== 'POST') return send(res, 405, 'The API takes POST only', undefined, { Allow: 'POST' });
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'application/json')
      return apiError(res, 415, 'invalid_input', 'The API takes a JSON body (Content-Type: application/json)');
    let payload: unknown;
    try {
      const body = await readBody(req);
      payload = body.length === 0 ? undefined : JSON.parse(body);
    } catch (err) {
      return apiError(
        res,
        400,
        'invalid_input',
        `Request body for ${method} is not valid JSON: ${(err as Error).message}`,
      );
    }
    const { session, newId } = sessionOf(req);
    const envelope = await session.dispatch(method, payload);
    if (newId) res.setHeader('Set-Cookie', clientCookie(newId));
    sendEnvelope(res, envelope.ok ? 200 : (STATUS_BY_CODE[envelope.error.code] ?? 500), envelope);
  }

  function serveStatic(res: ServerResponse, urlPath: string) {
    if (urlPath === BRIDGE_PATH) {
      if (!existsSync(options.bridgeFile))
        return send(res, 503, `The host bridge is not built (${options.bridgeFile} missing)`);
      return send(res, 200, readFileSync(options.bridgeFile), contentTypeOf(options.bridgeFile));
    }
    const found = rendererFileFor(rendererDir, urlPath);
    if (found.kind === 'forbidden') return send(res, 403, 'Forbidden path');
    if (found.kind === 'not_found') {
      const index = path.join(rendererDir, 'index.html');
      return existsSync(index)
        ? send(res, 404, 'Not found')
        : send(res, 503, `The renderer is not built (${index} missing): run npm run build`);
    }
    if (found.isIndex) return send(res, 200, injectBridge(readFileSync(found.file, 'utf8')), contentTypeOf(found.file));
    send(res, 200, readFileSync(found.file), contentTypeOf(found.file));
  }

  const server = createServer((req, res) => {
    void (async () => {
      // DNS-rebinding guard: only our exact loopback host:port.
      if (req.headers.host !== expectedHost) return send(res, 403, 'Forbidden host');
      const url = new URL(req.url ?? '/', `http://${expectedHost}`);
      const offered = url.searchParams.get('token');
      if (offered !== null) {
        if (!sameSecret(offered, token)) return send(res, 403, 'Wrong token');
        url.searchParams.delete('token');
        // A fresh browser session too: opening the printed URL starts signed out.
        const { newId } = sessionOf({ headers: {} } as IncomingMessage);
        res.setHeader('Set-Cookie', [
          `${COOKIE_NAME}=${token}; HttpOnly; SameSite=Strict; Path=/`,
          clientCookie(newId!),
        ]);
        return send(res, 302, '', undefined, { Location: url.pathname + url.search });
      }
      const cookie = cookieValue(req, COOKIE_NAME);
      if (cookie === null || !sameSecret(cookie, token))
        return send(res, 403, 'Forbidden: open the URL with ?token= printed by the host');
      // A request from a page of another origin carries an Origin header we can refuse outright.
      const origin = req.headers.origin;
      if (origin !== undefined && origin !== `http://${expectedHost}`) return send(res, 403, 'Forbidden origin');
      if (url.pathname.startsWith('/api/')) return handleApi(req, res, url.pathname.slice('/api/'.length));
      if (url.pathname === REVEALED_PATH && req.method === 'GET')
        return send(res, 200, JSON.stringify(options.revealed ?? []), 'application/json; charset=utf-8');
      if (url.pathname.startsWith(SOLVES_PATH) && req.method === 'POST' && options.solveGate) {
        const action = url.pathname.slice(SOLVES_PATH.length);
        if (action !== 'hold' && action !== 'release') return send(res, 404, 'Not found');
        options.solveGate[action]();
        return send(res, 204, '');
      }
      if (req.method !== 'GET' && req.method !== 'HEAD')
        return send(res, 405, 'Method not allowed', undefined, { Allow: 'GET, HEAD' });
      serveStatic(res, url.pathname);
    })().catch((err: unknown) => {
      if (!res.headersSent) apiError(res, 500, 'internal', err instanceof Error ? err.message : String(err));
      else res.destroy();
    });
  });
  // The browser and the tests' request client keep a connection open between requests. A server that closes an
  // idle one (Node's default: after 5 s) races a request sent on it at that moment, which then fails with
  // ECONNRESET (sign-out.spec, under load). The host serves one browser: idle connections stay open until
  // their client or server.close() ends them.
  server.keepAliveTimeout = 0;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  expectedHost = `127.0.0.1:${port}`;
  const origin = `http://${expectedHost}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const session of sessions.values()) session.close();
        sessions.clear();
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
