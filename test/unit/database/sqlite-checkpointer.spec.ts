import { afterEach, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCheckpointThread } from '../../../src/database/sqlite-checkpointer.js';
import type { CheckpointThread } from '../../../src/database/sqlite-checkpointer.js';

/** A small threshold (1 MiB of 4 KiB pages) and a short interval, so that the test writes many times it quickly. */
const RESTART_FRAMES = 256;
const INTERVAL_MS = 5;
const PAGE_BYTES = 4096;
/** How long the commits go on: many of the thread's intervals. */
const WRITING_MS = 400;
/** Rows of about half a page, rewritten over and over, as a server under load rewrites its tables' hot pages. */
const ROWS = 2000;
const ROW_BYTES = 2000;
const ROWS_PER_COMMIT = 10;
const TURN_MS = 0.2;

/**
 * The event loop's work between two commits at full load, the requests of one turn: a fraction of a millisecond. The
 * busier the loop, the less often a commit begins when the thread has just copied the whole WAL.
 */
function handleRequests(): void {
  for (const until = performance.now() + TURN_MS; performance.now() < until;);
}

describe('SQLite checkpoint thread', () => {
  let directory: string | undefined;
  let thread: CheckpointThread | undefined;
  let connection: Database.Database | undefined;

  afterEach(async () => {
    await thread?.stop();
    connection?.close();
    if (directory !== undefined) rmSync(directory, { recursive: true, force: true });
  });

  it('keeps the WAL bounded while commits never stop, as they never do under full load', async () => {
    directory = mkdtempSync(join(tmpdir(), 'checkpoints-'));
    const path = join(directory, 'oauth.sqlite');
    connection = new Database(path);
    connection.pragma('journal_mode = WAL');
    connection.pragma('synchronous = NORMAL');
    connection.pragma('wal_autocheckpoint = 0');
    connection.exec('CREATE TABLE "rows" ("id" INTEGER PRIMARY KEY, "value" TEXT NOT NULL)');
    const insert = connection.prepare('INSERT INTO "rows" ("id", "value") VALUES (?, ?)');
    connection.transaction(() => {
      for (let id = 0; id < ROWS; id++) insert.run(id, ''.padEnd(ROW_BYTES, 'x'));
    })();
    thread = startCheckpointThread(path, { restartFrames: RESTART_FRAMES, intervalMs: INTERVAL_MS });
    await thread.ready;

    // A commit per event-loop turn, as the group commit makes them at full load: never a pause for the thread to catch
    // up in. Each changed page is a frame of the WAL; without restarts the WAL would hold every one.
    const update = connection.prepare('UPDATE "rows" SET "value" = ? WHERE "id" = ?');
    const commit = connection.transaction((round: number) => {
      for (let row = 0; row < ROWS_PER_COMMIT; row++) {
        update.run(`${round}`.padEnd(ROW_BYTES, 'y'), (round * ROWS_PER_COMMIT + row * 37) % ROWS);
      }
    });
    let largestWal = 0;
    let walWritten = 0;
    let round = 0;
    for (const start = Date.now(); Date.now() - start < WRITING_MS; round++) {
      commit(round);
      walWritten += ROWS_PER_COMMIT * PAGE_BYTES;
      if (round % 20 === 0) largestWal = Math.max(largestWal, statSync(`${path}-wal`).size);
      handleRequests();
      await new Promise<void>((resolve) => setImmediate(resolve));
    }

    // The threshold, plus what commits add while the thread copies: a fraction of what they wrote.
    expect(largestWal).toBeGreaterThan(RESTART_FRAMES * PAGE_BYTES);
    expect(largestWal).toBeLessThan(walWritten / 4);
    const lastRound = `${round - 1}`.padEnd(ROW_BYTES, 'y');
    const rows = connection.prepare('SELECT count(*) AS "rows" FROM "rows" WHERE "value" = ?').get(lastRound);
    expect(rows).toEqual({ rows: ROWS_PER_COMMIT });
  });

  it('reports a thread that cannot open the database through ready, without an unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      thread = startCheckpointThread(join(tmpdir(), `no-such-directory-${process.pid}`, 'oauth.sqlite'));
      await new Promise((resolve) => thread!.worker.once('exit', resolve));
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
    await expect(thread.ready).rejects.toThrow('directory does not exist');
  });
});
