import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { DataSource } from 'typeorm';
import { preparedDatabase } from './prepared.js';

/** How often the worker copies the WAL into the database file. */
const CHECKPOINT_INTERVAL_MS = 100;

/**
 * The worker, as plain CommonJS so that it runs the same from dist/ and under the tests' TypeScript loader. A PASSIVE
 * checkpoint never waits for and never blocks a writer; one that finds another process checkpointing just skips.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { timeout: 0 });
const checkpoint = () => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy or closing: the next tick tries again */ }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.once('message', () => { clearInterval(timer); checkpoint(); db.close(); parentPort.close(); });
`;

/**
 * SQLite copies its write-ahead log into the database file at checkpoints, which fsync the file. Left automatic, they
 * run on the connection that committed, on the event loop: every ~1000 pages, a request stalls every other request
 * for the fsync, which is what the hot path's p99 was made of. Here they run on a thread of their own with a
 * connection of their own, and the main connection's automatic checkpoints are off while it runs (and back on, should
 * it stop), so the WAL stays small without the loop ever waiting for the disk.
 */
@Injectable()
export class SqliteCheckpointer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('SqliteCheckpointer');
  private worker?: Worker;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    const options = this.dataSource.options;
    if (options.type !== 'better-sqlite3' || options.database === ':memory:') return;
    const connection = preparedDatabase(this.dataSource).sqlite;
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        driver: createRequire(import.meta.url).resolve('better-sqlite3'),
        path: options.database,
        intervalMs: CHECKPOINT_INTERVAL_MS,
      },
    });
    worker.unref();
    worker.on('error', (error) => this.logger.warn(`Checkpoint thread failed: ${error.message}`));
    worker.once('exit', () => {
      if (this.worker === worker) this.worker = undefined;
      if (connection.open) connection.pragma('wal_autocheckpoint = 1000');
    });
    connection.pragma('wal_autocheckpoint = 0');
    this.worker = worker;
  }

  /** Before the connection closes: a last checkpoint, and the thread ends. */
  async onModuleDestroy(): Promise<void> {
    const worker = this.worker;
    if (worker === undefined) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage('stop');
    await exited;
  }
}
