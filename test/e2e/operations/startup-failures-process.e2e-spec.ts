import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../support/server-process.js';

/** Runs the built server until it exits (or `limitMs` passes); its exit code, output and how long it took. */
async function runUntilExit(env: Record<string, string>, limitMs: number) {
  const port = await freePort();
  const startedAt = Date.now();
  const child = spawn(process.execPath, ['dist/main.js'], {
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
  clearTimeout(timer);
  return { code, output, elapsedMs: Date.now() - startedAt };
}

// The old behaviour hung for minutes; a start takes a few seconds, several on a machine shared with other work.
const HANG = 60_000;

describe('a server that cannot start', () => {
  const directory = mkdtempSync(join(tmpdir(), 'oauth1-startup-'));
  const notADirectory = join(directory, 'a-file');
  writeFileSync(notADirectory, '');
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  const unusable: Array<[string, Record<string, string>, RegExp]> = [
    ['an SQLITE_PATH under a file', { SQLITE_PATH: join(notADirectory, 'db', 'oauth.sqlite') }, /SQLITE_PATH/],
    ['an SQLITE_PATH under /proc', { SQLITE_PATH: '/proc/no-such-directory/oauth.sqlite' }, /SQLITE_PATH/],
    ['a PostgreSQL nobody listens on', { DATABASE_URL: 'postgres://oauth@127.0.0.1:1/oauth' }, /ECONNREFUSED/],
  ];

  it.each(unusable)(
    'exits 1 within seconds, saying why, with %s',
    async (_case, env, reason) => {
      const result = await runUntilExit({ ...env, BOOTSTRAP_PASSWORD_FILE: join(directory, 'pw.txt') }, HANG);
      expect(result.code).toBe(1);
      expect(result.output).toMatch(/Could not start: /);
      expect(result.output).toMatch(reason);
    },
    HANG + 10_000,
  );

  it.each(unusable)(
    'exits 1 within seconds with WORKERS=2 and %s',
    async (_case, env, reason) => {
      const result = await runUntilExit(
        { ...env, WORKERS: '2', BOOTSTRAP_PASSWORD_FILE: join(directory, 'pw.txt') },
        HANG,
      );
      expect(result.code).toBe(1);
      expect(result.output).toMatch(reason);
      expect(result.output).toMatch(/not starting workers/);
    },
    HANG + 10_000,
  );
});
