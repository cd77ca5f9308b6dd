/** The bench's child processes (servers and load generators), free ports, readiness and resident memory. */
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface Child {
  process: ChildProcess;
  output: () => string;
  exited: Promise<void>;
}

const OUTPUT_KEPT = 20_000;

/** Runs `node <args>` with exactly `env`, keeping the tail of its output for error messages. */
export function startChild(args: string[], env: Record<string, string>): Child {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-OUTPUT_KEPT));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { process: child, output: () => output, exited };
}

/** SIGTERM (a graceful stop, which also lets --cpu-prof write its profile), then SIGKILL after 15 s. */
export async function stopChild(child: Child): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  child.process.kill('SIGTERM');
  // Unreferenced, so that a child that stops in time leaves no timer holding this process open.
  const deadline = sleep(15_000, false, { ref: false });
  const stopped = await Promise.race([child.exited.then(() => true), deadline]);
  if (!stopped) {
    child.process.kill('SIGKILL');
    await child.exited;
  }
}

/** A port nobody listens on, found by binding a throw-away socket to port 0. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export async function waitReady(child: Child, baseUrl: string): Promise<void> {
  // Bounded: 300 attempts, 100 ms apart, each given at most 2 s.
  for (let attempt = 0; attempt < 300; attempt++) {
    if (child.process.exitCode !== null) throw new Error(`server exited at start:\n${child.output()}`);
    try {
      if ((await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(2000) })).ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  throw new Error(`${baseUrl}/readyz did not answer 200 in time:\n${child.output()}`);
}

/** The resident set size of a process in MB, from /proc/<pid>/status (Linux). */
export function rssMb(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
  if (kb === undefined) throw new Error(`no VmRSS for process ${pid}`);
  return Math.round((Number(kb) / 1024) * 10) / 10;
}
