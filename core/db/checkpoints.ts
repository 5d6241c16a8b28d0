// The WAL's checkpoints (committed pages copied into the program file) on a thread of their own.
// SQLite runs one inside the committing statement once the WAL passes 1000 pages: after a year's
// publish or rollback (100 MB and more of WAL) the COMMIT held the main thread 300 ms and more. The
// writing connection no longer checkpoints; a connection of this thread does, PASSIVE (it never
// waits for, nor blocks, the writer or a reader), once a commit leaves the WAL past the same size.
// If the thread cannot run, the writer checkpoints as SQLite does by default.
import fs from 'node:fs';
import nodeModule from 'node:module';
import { Worker } from 'node:worker_threads';
import type Sqlite from 'better-sqlite3';

/** SQLite's own threshold (wal_autocheckpoint's default, 1000 pages of 4 KiB): a WAL past it is folded in. */
export const CHECKPOINT_WAL_BYTES = 1000 * 4096;

/** What one checkpoint saw: frames in the WAL, and how many of them are now in the program file. */
export interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

// The thread: its own connection to the file, a PASSIVE checkpoint per message.
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  parentPort.postMessage(db.pragma('wal_checkpoint(PASSIVE)')[0]);
});
`;

export class WalCheckpoints {
  private worker: Worker | null = null;
  private running: Promise<CheckpointResult> | null = null;
  private again = false;
  private failed = false;
  private readonly wal: string;

  constructor(
    private readonly sqlite: Sqlite.Database,
    private readonly file: string,
    /** WAL size past which a commit asks for a checkpoint. */
    private readonly thresholdBytes = CHECKPOINT_WAL_BYTES,
  ) {
    this.wal = `${file}-wal`;
    sqlite.pragma('wal_autocheckpoint = 0');
  }

  /** After a commit: a checkpoint on the thread when the WAL has grown past the threshold (none waits for it). */
  afterCommit(): void {
    if (this.failed) return;
    let size = 0;
    try {
      size = fs.statSync(this.wal).size;
    } catch {
      return;
    }
    if (size < this.thresholdBytes) return;
    if (this.running) this.again = true;
    else {
      // The commit is done whatever happens here: a thread that cannot even start is not its error.
      try {
        void this.checkpoint().catch(() => undefined);
      } catch {
        this.fallBack();
      }
    }
  }

  /** One checkpoint on the thread (another follows when commits asked for one meanwhile). */
  checkpoint(): Promise<CheckpointResult> {
    if (this.running) return this.running;
    const run = this.post().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        void this.checkpoint().catch(() => undefined);
      }
    });
    this.running = run;
    return run;
  }

  private post(): Promise<CheckpointResult> {
    const worker = this.thread();
    // Held while it works, so that a process waiting for it does not end meanwhile; idle, it keeps nothing alive.
    worker.ref();
    return new Promise<CheckpointResult>((resolve, reject) => {
      const done = (result: CheckpointResult) => {
        worker.off('error', failed);
        worker.unref();
        resolve(result);
      };
      const failed = (err: Error) => {
        worker.off('message', done);
        reject(err);
      };
      worker.once('message', done);
      worker.once('error', failed);
      worker.postMessage('checkpoint');
    });
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const driver = nodeModule.createRequire(import.meta.url).resolve('better-sqlite3');
    const worker = new Worker(THREAD, { eval: true, workerData: { driver, file: this.file } });
    worker.on('error', () => this.fallBack());
    worker.unref();
    this.worker = worker;
    return worker;
  }

  /** The thread died (or never started): the writer checkpoints in its commits again, as SQLite does by default. */
  private fallBack(): void {
    this.failed = true;
    this.worker = null;
    if (this.sqlite.open) this.sqlite.pragma('wal_autocheckpoint = 1000');
  }

  /** Ends the thread (its connection closed) once a checkpoint under way has finished. */
  async close(): Promise<void> {
    this.again = false;
    await this.running?.catch(() => undefined);
    const worker = this.worker;
    this.worker = null;
    if (!worker) return;
    worker.ref();
    await new Promise<void>((resolve) => {
      worker.once('exit', () => resolve());
      worker.postMessage('close');
    });
  }
}
