// The core every transport shares: the open program, the worker pool and job service, and the
// validating dispatcher over the contract. Electron main and the browser test host both call
// createCore, so neither re-implements the API.
import { AsyncLocalStorage } from 'node:async_hooks';
import path from 'node:path';
import type { Account } from '../domain/accounts';
import { createWorkerPool, type WorkerPool } from '../jobs/pool';
import { JobService } from '../jobs/service';
import { setAuditKeyring, type AuditKeyring } from '../db/audit-chain';
import { findAccount } from '../services/accounts';
import { checkAuditChain, type AuditChainReport } from '../services/audit-chain';
import { audit } from '../services/audit';
import { keptFileName, replaceWithBackup, verifyProgramCopy } from '../services/backups';
import { ServiceError } from '../services/errors';
import { refuseProgramFile } from '../services/output-files';
import { createBackupScheduler } from './backup-scheduler';
import { openProgram, type Program } from '../services/program';
import type { HandlerContext, HostCapabilities, PathPickRequest, SessionControl } from './context';
import { contract, type MethodName } from './contract';
import { createHandlers } from './handlers';
import { createDispatcher, type DispatchGuards, type Envelope } from './kit';
import { admission, changesProgram, checkInput, readOnlyRefusal } from './permissions';

export interface CoreOptions {
  /** Program database to open (must exist). */
  dbPath: string;
  /** Directory of the built worker files (dist/workers). */
  workerDir: string;
  /** Who acts for the audit log when no account is signed in (work the app does on its own). */
  actor: string;
  maxThreads?: number;
  /** What only the host can do (show exported files); without it system.revealPath is refused. */
  host?: HostCapabilities;
  /** The app's resources folder (resources/ in the checkout; process.resourcesPath packaged): print fonts. */
  resourcesDir?: string;
  /** The audit chain's keys (Electron: safeStorage); default the key file in the user-data folder. */
  auditKeyring?: AuditKeyring;
}

export type { HostCapabilities, PathPickRequest };

/** One signed-in (or signed-out) user of the core: a window, a browser of the test host. */
export interface CoreSession {
  /** Check the role matrix, validate `payload` against the contract and run the method; never throws. */
  dispatch(method: string, payload: unknown): Promise<Envelope<unknown>>;
  /** Forget the session (a test host's browser went away). */
  close(): void;
}

export interface Core {
  /** The default session's dispatch (Electron's one window). */
  dispatch(method: string, payload: unknown): Promise<Envelope<unknown>>;
  /** Another session with its own sign-in (the test host gives each browser one). */
  openSession(): CoreSession;
  /** Switch to another program file. If it cannot be opened, the current one stays open. */
  openProgramFile(file: string): Promise<{ path: string }>;
  currentPath(): string;
  /** A consistent copy of the open program database. */
  backupTo(file: string): Promise<void>;
  readonly jobs: JobService;
  close(): Promise<void>;
}

export async function createCore(options: CoreOptions): Promise<Core> {
  if (options.auditKeyring) setAuditKeyring(options.auditKeyring);
  // A file that cannot be written here opens read-only: look and export, no changes (said in the UI).
  let program: Program = await openProgram(options.dbPath, { readOnly: 'auto' });
  // Checked at every open; the administrator sees a broken chain as soon as they sign in.
  let chain: AuditChainReport | null = null;
  const verifyChain = async () => (chain = await checkAuditChain(program));
  try {
    await verifyChain();
  } catch (err) {
    await program.close();
    throw err;
  }
  let pool: WorkerPool;
  try {
    pool = createWorkerPool({ workerDir: options.workerDir, maxThreads: options.maxThreads });
  } catch (err) {
    await program.close();
    throw err;
  }
  const jobs = new JobService(pool);
  const scheduler = createBackupScheduler(() => program);
  // Backups are due at open when the newest is older than the policy allows.
  scheduler.checkOverdue();
  /** While the program file is being switched (restore, File > Open), calls wait for it. */
  let switching: Promise<void> | null = null;

  /** Run `work` with every other call held until it ends (the program is closed meanwhile). */
  async function whileSwitching<T>(work: () => Promise<T>): Promise<T> {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const previous = switching;
    switching = gate;
    try {
      await previous;
      return await work();
    } finally {
      if (switching === gate) switching = null;
      release();
    }
  }

  /**
   * Guided restore: the backup is checked, the current program is kept beside it (a consistent
   * copy named …before-restore…), then the backup takes the program file's place and everyone is
   * signed out (the backup has its own accounts). If anything fails the current file stays.
   */
  async function restore(file: string, actor: string): Promise<{ restoredFrom: string; keptAs: string }> {
    if (program.readOnly)
      throw new ServiceError('rejected', `The program file ${program.path} is read-only here: it cannot be replaced`);
    const source = path.resolve(file);
    refuseProgramFile(source, program.path);
    verifyProgramCopy(source);
    return whileSwitching(async () => {
      await scheduler.idle();
      const target = program.path;
      const keptAs = keptFileName(target, new Date());
      await program.backupTo(keptAs);
      jobs.cancelAll();
      await program.close();
      try {
        await replaceWithBackup(source, target);
        program = await openProgram(target, { readOnly: 'auto' });
      } catch (err) {
        // Put the kept program back in its place and open it again: nothing was lost.
        await replaceWithBackup(keptAs, target);
        program = await openProgram(target, { readOnly: 'auto' });
        throw err;
      }
      for (const state of sessions) state.accountId = null;
      await program.db.transaction().execute((trx) =>
        audit(trx, {
          actor,
          action: 'program.restore',
          entity: 'program',
          entityId: target,
          before: { keptAs },
          after: { restoredFrom: source },
        }),
      );
      chain = null;
      await verifyChain();
      return { restoredFrom: source, keptAs };
    });
  }

  // Each call runs in its session's scope: the account is re-read from the program on every call,
  // so a disabled account or a changed role takes effect at once.
  interface SessionState {
    accountId: number | null;
  }
  interface CallScope {
    state: SessionState;
    account: Account | null;
  }
  const calls = new AsyncLocalStorage<CallScope>();
  const sessions = new Set<SessionState>();
  const scope = (): CallScope => {
    const current = calls.getStore();
    if (!current) throw new Error('A session method ran outside a session');
    return current;
  };
  const session: SessionControl = {
    account: () => calls.getStore()?.account ?? null,
    signIn(account) {
      const s = scope();
      s.state.accountId = account.id;
      s.account = account;
    },
    signOut() {
      const s = scope();
      s.state.accountId = null;
      s.account = null;
    },
  };
  const ctx: HandlerContext = {
    program: () => program,
    jobs,
    get actor() {
      return calls.getStore()?.account?.username ?? options.actor;
    },
    session,
    auditChain: { last: () => chain, verify: verifyChain },
    backups: { scheduler, restore },
    host: options.host,
    resourcesDir: options.resourcesDir,
  };
  const handlers = createHandlers(ctx);
  const guards: DispatchGuards = {
    async admit(method) {
      const s = scope();
      const found = s.state.accountId === null ? null : await findAccount(program, s.state.accountId);
      if (!found || found.disabled) s.state.accountId = null;
      s.account = found && !found.disabled ? found : null;
      const refused = admission(s.account, method as MethodName);
      if (refused) return refused;
      return program.readOnly && changesProgram(method as MethodName) ? readOnlyRefusal(method, program.path) : null;
    },
    async check(method, input) {
      const { account } = scope();
      if (account) await checkInput(method as MethodName, input, { account, program, jobs });
    },
  };
  const dispatchAll = createDispatcher(contract, () => handlers, guards);
  let closed = false;

  function openSession(): CoreSession {
    const state: SessionState = { accountId: null };
    sessions.add(state);
    return {
      dispatch(method, payload) {
        if (closed)
          return Promise.resolve({ ok: false, error: { code: 'internal', message: 'The program is closed' } });
        const run = () => calls.run({ state, account: null }, () => dispatchAll(method, payload));
        const result = switching ? switching.then(run) : run();
        // Every publish and rollback is followed by a backup (in the background; its outcome is in backups.status).
        if (method === 'drafts.publish' || method === 'publications.rollback')
          void result.then((envelope) => envelope.ok && scheduler.soon('publish'));
        return result;
      },
      close() {
        state.accountId = null;
        sessions.delete(state);
      },
    };
  }
  const main = openSession();

  return {
    dispatch: main.dispatch,
    openSession,
    async openProgramFile(file) {
      const next = await openProgram(path.resolve(file), { readOnly: 'auto' });
      return whileSwitching(async () => {
        await scheduler.idle();
        // Jobs computed from the old file mean nothing for the new one; its accounts are not this one's.
        jobs.cancelAll();
        for (const state of sessions) state.accountId = null;
        const previous = program;
        program = next;
        chain = null;
        await previous.close();
        await verifyChain();
        scheduler.checkOverdue();
        return { path: program.path };
      });
    },
    currentPath: () => program.path,
    async backupTo(file) {
      const target = path.resolve(file);
      refuseProgramFile(target, program.path);
      await program.backupTo(target);
    },
    jobs,
    async close() {
      if (closed) return;
      closed = true;
      jobs.cancelAll();
      await scheduler.stop();
      await pool.close();
      await program.close();
    },
  };
}
