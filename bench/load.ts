/**
 * The load generator, run as its own process (`node --import tsx bench/load.ts <spec.json>`) so that autocannon never
 * shares a CPU budget with the server or the orchestrator. It reads a spec, loads its pool of pre-built requests, and
 * hands out one pool entry per request; each entry is used once. Modes:
 *
 * - timed: an optional warm-up run, then a timed run of `durationSeconds`, stopping early if the pool runs out;
 * - all: every pool entry exactly once (no warm-up, no time limit); with `collectFile`, each 2xx body is written to
 *   it as a JSON line.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export interface PooledRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface LoadSpec {
  mode: 'timed' | 'all';
  url: string;
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
  /** JSON lines of PooledRequest; without one, `request` is sent again and again. */
  poolFile?: string;
  request?: PooledRequest;
  collectFile?: string;
  resultFile: string;
  /** The server process whose CPU time the timed run is charged with (Linux /proc), if any. */
  serverPid?: number;
}

export interface LoadResult {
  requests: number;
  durationSeconds: number;
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  mismatches: number;
  statusCodes: Record<string, number>;
  poolSize: number;
  poolUsed: number;
  /** The timed run ended because the pool ran out, before `durationSeconds`. */
  poolExhausted: boolean;
  /** Requests asked of an empty pool (sent to an unknown path instead, so they count as non-2xx). */
  poolOverrun: number;
  /** Errors and non-2xx responses during the warm-up (not counted above, but a failure all the same). */
  warmupFailures: number;
  /** A few non-2xx responses (warm-up included), to tell what went wrong. */
  badResponses: Array<{
    status: number;
    body: string;
  }>;
  /** The server's user + system CPU time during the timed run, per completed request (from /proc/<pid>/stat). */
  serverCpuMicrosPerRequest?: number;
}

// The subset of autocannon's API used here (it ships no types).
interface AutocannonRequest extends Partial<PooledRequest> {
  setupRequest?: (request: AutocannonRequest) => AutocannonRequest;
  onResponse?: (status: number, body: string) => void;
}
interface AutocannonOptions {
  url: string;
  connections: number;
  duration?: number;
  amount?: number;
  maxOverallRequests?: number;
  timeout?: number;
  requests: AutocannonRequest[];
}
interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  mismatches: number;
  statusCodeStats: Record<string, { count: number }>;
  latency: { p50: number; p99: number };
  requests: { total: number };
}
type Autocannon = (options: AutocannonOptions) => Promise<AutocannonResult>;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const BAD_RESPONSES_KEPT = 5;
// Requests a client builds beyond its quota (one at connect, one per reconnect): kept spare so the pool never overruns.
const SPARE_PER_CONNECTION = 2;

function readPool(spec: LoadSpec): PooledRequest[] {
  if (spec.poolFile === undefined) return [];
  return readFileSync(spec.poolFile, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as PooledRequest);
}

async function main(specFile: string): Promise<void> {
  const spec = JSON.parse(readFileSync(specFile, 'utf8')) as LoadSpec;
  const pool = readPool(spec);
  const fixed = spec.request;
  if (fixed === undefined && pool.length === 0) throw new Error('the spec has neither a pool nor a request');
  let cursor = 0;
  let overrun = 0;
  const badResponses: LoadResult['badResponses'] = [];
  const collected: string[] = [];

  const next = (): PooledRequest => {
    const entry = pool[cursor];
    if (entry !== undefined) {
      cursor++;
      return entry;
    }
    // Never reuse a signed request: an unknown path makes the overrun show up as non-2xx.
    overrun++;
    return { method: 'GET', path: '/__bench/pool-exhausted', headers: {} };
  };
  const onResponse = (status: number, body: string): void => {
    if (status >= 200 && status < 300) {
      if (spec.collectFile !== undefined) collected.push(body);
    } else if (badResponses.length < BAD_RESPONSES_KEPT) {
      badResponses.push({ status, body: body.slice(0, 500) });
    }
  };
  // A fixed request is built once; a pooled one is rebuilt from the next entry before each send.
  const requests: AutocannonRequest[] = [
    fixed !== undefined
      ? { ...fixed, onResponse }
      : {
          setupRequest: (request) => {
            const entry = next();
            return { ...request, method: entry.method, path: entry.path, headers: entry.headers, body: entry.body };
          },
          onResponse,
        },
  ];
  const base = { url: spec.url, connections: spec.connections, timeout: 10, requests };

  let result: AutocannonResult;
  let limit = Number.POSITIVE_INFINITY;
  let warmupFailures = 0;
  let serverCpuMicrosPerRequest: number | undefined;
  if (spec.mode === 'all') {
    result = await autocannon({ ...base, connections: Math.min(spec.connections, pool.length), amount: pool.length });
  } else {
    if (spec.warmupSeconds > 0) {
      const warmupLimit = fixed ? undefined : Math.floor(pool.length / 4);
      const warmup = await autocannon({ ...base, duration: spec.warmupSeconds, maxOverallRequests: warmupLimit });
      warmupFailures = warmup.errors + warmup.non2xx + warmup.mismatches;
    }
    if (fixed === undefined) limit = pool.length - cursor - SPARE_PER_CONNECTION * spec.connections;
    if (limit < spec.connections) throw new Error(`pool too small: ${limit} requests left for the timed run`);
    const maxOverallRequests = Number.isFinite(limit) ? limit : undefined;
    const cpuBefore = serverCpuSeconds(spec.serverPid);
    result = await autocannon({ ...base, duration: spec.durationSeconds, maxOverallRequests });
    const cpuAfter = serverCpuSeconds(spec.serverPid);
    if (cpuBefore !== undefined && cpuAfter !== undefined && result.requests.total > 0) {
      serverCpuMicrosPerRequest = ((cpuAfter - cpuBefore) * 1e6) / result.requests.total;
    }
  }

  const completed = result.requests.total;
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, Number(count)]),
  );
  const output: LoadResult = {
    requests: completed,
    durationSeconds: result.duration,
    requestsPerSecond: result.duration > 0 ? completed / result.duration : 0,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    mismatches: result.mismatches,
    statusCodes,
    poolSize: pool.length,
    poolUsed: cursor,
    poolExhausted: spec.mode === 'timed' && completed >= limit,
    poolOverrun: overrun,
    warmupFailures,
    badResponses,
    serverCpuMicrosPerRequest,
  };
  if (spec.collectFile !== undefined)
    writeFileSync(spec.collectFile, collected.map((b) => JSON.stringify(b)).join('\n'));
  writeFileSync(spec.resultFile, JSON.stringify(output));
}

/** Clock ticks per second of /proc's CPU times (USER_HZ; 100 on Linux's usual builds). */
const CLOCK_TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** A process's user + system CPU seconds so far, from /proc/<pid>/stat (fields 14 and 15, after the command name). */
function serverCpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

const specFile = process.argv[2];
if (specFile === undefined) {
  console.error('usage: node --import tsx bench/load.ts <spec.json>');
  process.exit(2);
}
main(specFile).catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
