// The core every transport shares: the open program, the worker pool and job service, and the
// validating dispatcher over the contract. Electron main and the browser test host both call
// createCore, so neither re-implements the API.
import { AsyncLocalStorage } from 'node:async_hooks';
import { constants, copyFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Account } from '../domain/accounts';
import { createWorkerPool, routedPool, type WorkerPool } from '../jobs/pool';
import { JobService } from '../jobs/service';
import { setAuditKeyring, type AuditKeyring } from '../db/audit-chain';
import { findAccount } from '../services/accounts';
import { checkAuditChain, type AuditChainReport } from '../services/audit-chain';
import { audit } from '../services/audit';
import { keptFileName, replaceWithBackup, verifyProgramCopy } from '../services/backups';
import { ServiceError } from '../services/errors';
import { PASSWORD_COST, type PasswordCost } from '../services/passwords';
import { importProgram, InvalidProgramFileError, readProgramFileReport } from '../services/exchange';
import { refuseProgramFile } from '../services/output-files';
import { createBackupScheduler } from './backup-scheduler';
import { forReading, openProgram, type Program } from '../services/program';
import type { HandlerContext, HostCapabilities, PathPickRequest, SessionControl, StartControl } from './context';
import { contract, type MethodName, type StartedProgram } from './contract';
import { createHandlers } from './handlers';
import { createDispatcher, type DispatchGuards, type Envelope } from './kit';
import {
  admission,
  changesProgram,
  checkInput,
  NO_PROGRAM,
  readOnlyRefusal,
  withoutProgramAdmission,
} from './permissions';

export interface CoreOptions {
  /**
   * Program database to open (must exist), or null: no program on this workstation yet (a
   * reviewer's machine, a first start). The app then offers the start page's methods only.
   */
  dbPath: string | null;
  /**
   * Where the start page makes the workstation's program (program.createFromDemo, .importFile):
   * the file to create and the bundled demo program to copy. Without it those are refused.
   */
  newProgram?: { file: string; demoFile: string };
  /** Directory of the built worker files (dist/workers). */
  workerDir: string;
  /** Who acts for the audit log when no account is signed in (work the app does on its own). */
  actor: string;
  maxThreads?: number;
  /**
   * Warm the solve worker up at start (createWorkerPool's `warm`: HiGHS loaded and exercised for
   * about a second, so a first generation is fast); default on when the solve worker is built.
   */
  warmSolver?: boolean;
  /** What only the host can do (show exported files); without it system.revealPath is refused. */
  host?: HostCapabilities;
  /** The app's resources folder (resources/ in the checkout; process.resourcesPath packaged): print fonts. */
  resourcesDir?: string;
  /** The audit chain's keys (Electron: safeStorage); default the key file in the user-data folder. */
  auditKeyring?: AuditKeyring;
  /**
   * The scrypt cost of the password hashes this core makes (set-up, new accounts, new passwords);
   * default the app's PASSWORD_COST. Tests that are not about hashing pass a small one.
   */
  passwordCost?: PasswordCost;
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
  /** The open program file; null while there is none. */
  currentPath(): string | null;
  /** A consistent copy of the open program database. */
  backupTo(file: string): Promise<void>;
  /** Solves and sweeps on the pool's threads; interactive work (INTERACTIVE_TASKS) on a thread of its own. */
  readonly jobs: JobService;
  close(): Promise<void>;
}

export async function createCore(options: CoreOptions): Promise<Core> {
  if (options.auditKeyring) setAuditKeyring(options.auditKeyring);
  // A file that cannot be written here opens read-only: look and export, no changes (said in the UI).
  let opened: Program | null = options.dbPath === null ? null : await openProgram(options.dbPath, { readOnly: 'auto' });
  /** The open program; a call that needs one while there is none is refused in the start page's words. */
  const current = (): Program => {
    if (!opened) throw new ServiceError('rejected', NO_PROGRAM);
    return opened;
  };
  // Checked at every open; the administrator sees a broken chain as soon as they sign in.
  let chain: AuditChainReport | null = null;
  const verifyChain = async () => (chain = await checkAuditChain(current()));
  try {
    if (opened) await verifyChain();
  } catch (err) {
    await opened?.close();
    throw err;
  }
  let pool: WorkerPool;
  try {
    // The work a user waits for (a draft's check, a workbook, an export, calendars) on a thread of its
    // own, started when asked for and let go soon after (the engine's garbage of a whole year goes
    // with it): it never queues behind a long solve.
    pool = routedPool(
      createWorkerPool({ workerDir: options.workerDir, maxThreads: options.maxThreads, warm: options.warmSolver }),
      createWorkerPool({ workerDir: options.workerDir, maxThreads: 1, warm: false, idleTimeoutMs: 5_000 }),
    );
  } catch (err) {
    await opened?.close();
    throw err;
  }
  const jobs = new JobService(pool);
  const scheduler = createBackupScheduler(current);
  // Backups are due at open when the newest is older than the policy allows.
  if (opened) scheduler.checkOverdue();
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
    const before = current();
    if (before.readOnly)
      throw new ServiceError('rejected', `The program file ${before.path} is read-only here: it cannot be replaced`);
    const source = path.resolve(file);
    refuseProgramFile(source, before.path);
    verifyProgramCopy(source);
    return whileSwitching(async () => {
      await scheduler.idle();
      // The program open now (another switch may have run while this one waited).
      const was = current();
      const target = was.path;
      const keptAs = keptFileName(target, new Date());
      await was.backupTo(keptAs);
      jobs.cancelAll();
      await was.close();
      let restored: Program;
      try {
        await replaceWithBackup(source, target);
        restored = await openProgram(target, { readOnly: 'auto' });
      } catch (err) {
        // Put the kept program back in its place and open it again: nothing was lost.
        await replaceWithBackup(keptAs, target);
        opened = await openProgram(target, { readOnly: 'auto' });
        throw err;
      }
      opened = restored;
      for (const state of sessions) state.accountId = null;
      await restored.db.transaction().execute((trx) =>
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
    /** A query (the contract's writes: false): it reads through the program's reader connection. */
    reads: boolean;
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
  // Queries answer from the last committed state, on the reader connection: they never wait for a
  // command's write transaction (a year's publish) to commit. Commands use the writing connection.
  const programOfCall = (): Program => (calls.getStore()?.reads ? forReading(current()) : current());
  const ctx: HandlerContext = {
    program: programOfCall,
    jobs,
    get actor() {
      return calls.getStore()?.account?.username ?? options.actor;
    },
    session,
    auditChain: { last: () => chain, verify: verifyChain },
    backups: { scheduler, restore },
    host: options.host,
    resourcesDir: options.resourcesDir,
    passwordCost: options.passwordCost ?? PASSWORD_COST,
    hasProgram: () => opened !== null,
    get start() {
      return start;
    },
  };
  const handlers = createHandlers(ctx);
  const guards: DispatchGuards = {
    async admit(method) {
      const s = scope();
      const program = opened;
      // No program, no accounts: the start page's methods are open to whoever is at the workstation.
      if (!program) return withoutProgramAdmission(method);
      // Read on the reader connection: asking for anything never waits for another call's write to commit.
      const found = s.state.accountId === null ? null : await findAccount(forReading(program), s.state.accountId);
      if (!found || found.disabled) s.state.accountId = null;
      s.account = found && !found.disabled ? found : null;
      const refused = admission(s.account, method as MethodName);
      if (refused) return refused;
      return program.readOnly && changesProgram(method as MethodName) ? readOnlyRefusal(method, program.path) : null;
    },
    async check(method, input) {
      const { account } = scope();
      if (account) await checkInput(method as MethodName, input, { account, program: programOfCall(), jobs });
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
        const def = Object.hasOwn(contract, method) ? contract[method as MethodName] : null;
        const reads = def !== null && !def.writes && !def.rollsBack;
        const run = () => calls.run({ state, account: null, reads }, () => dispatchAll(method, payload));
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

  async function openProgramFile(file: string): Promise<{ path: string }> {
    const next = await openProgram(path.resolve(file), { readOnly: 'auto' });
    return whileSwitching(async () => {
      await scheduler.idle();
      // Jobs computed from the old file mean nothing for the new one; its accounts are not this one's.
      jobs.cancelAll();
      for (const state of sessions) state.accountId = null;
      const previous = opened;
      opened = next;
      chain = null;
      await previous?.close();
      await verifyChain();
      scheduler.checkOverdue();
      return { path: next.path };
    });
  }

  /**
   * The start page makes the workstation's program: `make` writes the new file (a copy of the
   * demo, an imported program file), which is then opened. Only while none is open, and never
   * over an existing file.
   */
  async function startProgram(make: (file: string) => Promise<StartedProgram['warnings']>): Promise<StartedProgram> {
    if (opened) throw new ServiceError('conflict', `A program is already open on this workstation (${opened.path})`);
    if (!options.newProgram) throw new ServiceError('rejected', 'This app has no place to keep a program of its own');
    const target = path.resolve(options.newProgram.file);
    if (existsSync(target))
      throw new ServiceError(
        'conflict',
        `${target} already exists: open it with File > Open program database instead of making a new one`,
      );
    const warnings = await make(target);
    return { ...(await openProgramFile(target)), warnings };
  }
  const start: StartControl = {
    fromDemo: () =>
      startProgram(async (target) => {
        const demo = options.newProgram!.demoFile;
        if (!existsSync(demo)) throw new ServiceError('not_found', `The demo program is missing from ${demo}`);
        mkdirSync(path.dirname(target), { recursive: true });
        copyFileSync(demo, target, constants.COPYFILE_EXCL);
        return [];
      }),
    fromFile: (file) =>
      startProgram(async (target) => {
        let read: ReturnType<typeof readProgramFileReport>;
        try {
          read = readProgramFileReport(path.resolve(file));
        } catch (err) {
          if (!(err instanceof InvalidProgramFileError)) throw err;
          throw new ServiceError('invalid_input', `${err.message}\nNothing was written.`, err.issues);
        }
        mkdirSync(path.dirname(target), { recursive: true });
        return (await importProgram(read.file, target, options.actor)).warnings;
      }),
  };

  return {
    dispatch: main.dispatch,
    openSession,
    openProgramFile,
    currentPath: () => opened?.path ?? null,
    async backupTo(file) {
      const program = current();
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
      await opened?.close();
    },
  };
}
