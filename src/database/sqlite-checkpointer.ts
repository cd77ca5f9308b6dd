import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { DataSource } from 'typeorm';
import { preparedDatabase } from './prepared.js';

/** How often the worker copies the WAL into the database file. */
const CHECKPOINT_INTERVAL_MS = 100;
/**
 * Once the WAL holds more frames than this (4 KiB pages: 16 MiB) after a passive checkpoint, the worker restarts it.
 * Under steady writes a passive checkpoint never leaves the WAL fully copied at the moment a writer begins, which is
 * when SQLite starts the log over, so without a restart the file grows by every page ever written (670 MB in a 10 s
 * initiate bench run).
 */
const WAL_RESTART_FRAMES = 4096;
/** Passive passes before a restart, each copying what came during the one before, until that is little. */
const CATCH_UP_PASSES = 3;
/** How long a restart may wait for the writer lock, which the event loop holds for one group commit at a time. */
const RESTART_BUSY_TIMEOUT_MS = 1000;

/**
 * The worker, as plain CommonJS so that it runs the same from dist/ and under the tests' TypeScript loader. A PASSIVE
 * checkpoint never waits for and never blocks a writer; one that finds another process checkpointing just skips. A
 * RESTART one, only when the WAL has grown past WAL_RESTART_FRAMES, waits for the writer lock and holds it while it
 * copies the frames written since the last passive pass, so that the next commit starts the log over.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { timeout: 0 });
const passive = () => db.pragma('wal_checkpoint(PASSIVE)')[0].log;
const checkpoint = () => {
  try {
    let frames = passive();
    if (frames <= workerData.restartFrames) return;
    // Catch up first: a restart holds the writer lock while it copies what came since the last pass.
    for (let pass = 0; pass < workerData.catchUpPasses; pass++) {
      const before = frames;
      frames = passive();
      if (frames - before <= workerData.restartFrames) break;
    }
    db.pragma('busy_timeout = ' + workerData.restartBusyTimeoutMs);
    try { db.pragma('wal_checkpoint(RESTART)'); } finally { db.pragma('busy_timeout = 0'); }
  } catch { /* busy or closing: the next tick tries again */ }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.postMessage('ready');
parentPort.once('message', () => { clearInterval(timer); checkpoint(); db.close(); parentPort.close(); });
`;

/** A thread checkpointing the SQLite database file at `path` until `stop()` resolves (the options for tests). */
export interface CheckpointThread {
  worker: Worker;
  /** Resolves once the thread has its connection and checkpoints. */
  ready: Promise<void>;
  stop(): Promise<void>;
}

export function startCheckpointThread(
  path: string,
  { restartFrames = WAL_RESTART_FRAMES, intervalMs = CHECKPOINT_INTERVAL_MS } = {},
): CheckpointThread {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      driver: createRequire(import.meta.url).resolve('better-sqlite3'),
      path,
      intervalMs,
      restartFrames,
      restartBusyTimeoutMs: RESTART_BUSY_TIMEOUT_MS,
      catchUpPasses: CATCH_UP_PASSES,
    },
  });
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const ready = new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
  // A thread that fails is the owner's to log ('error'); ready's rejection is for whoever awaits it, and must not be
  // an unhandled rejection, which would stop the process.
  ready.catch(() => undefined);
  return {
    worker,
    ready,
    stop: () => {
      worker.postMessage('stop');
      return exited;
    },
  };
}

/**
 * SQLite copies its write-ahead log into the database file at checkpoints, which fsync the file. Left automatic, they
 * run on the connection that committed, on the event loop: every ~1000 pages, a request stalls every other request
 * for the fsync, which is what the hot path's p99 was made of. Here they run on a thread of their own with a
 * connection of their own, and the main connection's automatic checkpoints are off while it runs (and back on, should
 * it stop). The loop's writer waits only when the thread restarts a grown WAL, for the copy of the frames since the
 * last passive checkpoint: at full load (40–60 MB of WAL a second) that is a few times a second.
 */
@Injectable()
export class SqliteCheckpointer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('SqliteCheckpointer');
  private thread?: CheckpointThread;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    const options = this.dataSource.options;
    if (options.type !== 'better-sqlite3' || options.database === ':memory:') return;
    const connection = preparedDatabase(this.dataSource).sqlite;
    const thread = startCheckpointThread(options.database);
    const { worker } = thread;
    worker.on('error', (error) => this.logger.warn(`Checkpoint thread failed: ${error.message}`));
    worker.once('exit', () => {
      if (this.thread === thread) this.thread = undefined;
      if (connection.open) connection.pragma('wal_autocheckpoint = 1000');
    });
    connection.pragma('wal_autocheckpoint = 0');
    this.thread = thread;
  }

  /** Before the connection closes: a last checkpoint, and the thread ends. */
  async onModuleDestroy(): Promise<void> {
    await this.thread?.stop();
  }
}
