/**
 * `npm run bench`: the built server (dist/main.js, production mode) against a bare Node HTTP server, both loaded by
 * autocannon from a separate process (bench/load.ts) with freshly signed requests. Prints a table, writes
 * bench/results.json, and exits non-zero when any scenario saw an error or a non-2xx response.
 *
 * The server runs as `npm start` runs it: with the node options of package.json's start script (its heap sizing).
 *
 * Options: --memory (afterwards, 100k initiate requests and the server's resident memory; adds about a minute),
 * --only=initiate,token,verify,forward-auth,forward-auth-nginx,lookup-json,lookup-xml (a subset, after the bare
 * server; results.json not written). forward-auth-nginx runs examples/nginx/forward-auth.conf in front of a bare
 * server as the API, when nginx is installed.
 * BENCH_CPU_PROF=1 runs the server with --cpu-prof into bench/profiles/ (see bench/profile-summary.ts).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ADMIN_EMAIL,
  Credentials,
  Fixtures,
  basicAuthorization,
  createFixtures,
  forwardAuthRequest,
  initiateRequest,
  obtainAccessToken,
  parseTokenResponse,
  parseVerifierResponse,
  protectedResourceRequest,
  requestTokenLookup,
  send,
  tokenRequest,
  verifierRequest,
  verifyRequest,
  writePool,
} from './fixtures.js';
import type { LoadResult, LoadSpec, PooledRequest } from './load.js';
import { Child, freePort, rssMb, startChild, stopChild, waitReady } from './processes.js';
import { startNginx } from '../test/support/reverse-proxies.js';
import type { ReverseProxy } from '../test/support/reverse-proxies.js';

const CONNECTIONS = 50;
const WARMUP_SECONDS = 2;
const DURATION_SECONDS = 10;
const ADMIN_PASSWORD = 'bench-admin-password';
/** What `npm start` runs with when LOG_LEVEL is unset: every request logged, as users run it. */
const LOG_LEVEL = 'info';
/** A timed run's pool holds what the warm-up's rate would use in that time, times this, plus a few. */
const POOL_HEADROOM = 4;
/** A warm-up slowed by a busy machine must not starve the timed run: signing this many takes a second or two. */
const MIN_POOL = 50_000;
const SPARE_REQUESTS = 4 * CONNECTIONS;
/** Warm-up pools are sized from the bare server's rate, which no server outruns, up to this many requests. */
const WARMUP_POOL_CAP = 50_000;
const TOKEN_POOL_HEADROOM = 1.25;
const POOL_CAP = 250_000;
const MEMORY_REQUESTS = 100_000;
/** The 100k are signed in chunks just before they are sent, so their timestamps stay within the server's window. */
const MEMORY_CHUNK = 25_000;
const IDLE_SECONDS = 10;
/** How often the resident size is sampled during the memory run, for the highest it reached. */
const RSS_SAMPLE_MS = 250;
const MEMORY_LIMIT_MB = 200;
const MEMORY_GROWTH_LIMIT = 0.2;
const PROFILE_DIR = 'bench/profiles';

type ScenarioName =
  'bare' | 'initiate' | 'token' | 'verify' | 'forward-auth' | 'forward-auth-nginx' | 'lookup-json' | 'lookup-xml';
interface Target {
  minRatio: number;
  maxP99Ms?: number;
}
/** Issue 16's: what a lean implementation of the same work reaches against bare Node on the same machine. */
const TARGETS: Partial<Record<ScenarioName, Target>> = {
  initiate: { minRatio: 0.3, maxP99Ms: 15 },
  token: { minRatio: 0.3, maxP99Ms: 15 },
  verify: { minRatio: 0.3, maxP99Ms: 15 },
  'forward-auth': { minRatio: 0.3, maxP99Ms: 15 },
  'lookup-json': { minRatio: 0.45 },
  'lookup-xml': { minRatio: 0.45 },
};
const LABELS: Record<ScenarioName, string> = {
  bare: '(0) bare node http',
  initiate: '(1) initiate',
  token: '(2) token exchange',
  verify: '(3) verify',
  'forward-auth': '(3a) forward-auth, direct',
  'forward-auth-nginx': '(3b) API behind nginx + forward-auth',
  'lookup-json': '(4) request token JSON',
  'lookup-xml': '(5) request token XML',
};

interface Outcome {
  scenario: ScenarioName;
  label: string;
  result?: LoadResult;
  error?: string;
  ratioToBare?: number;
  target?: Target;
  /** INFO: measured against bare, with no target to meet. */
  status: 'PASS' | 'MISS' | 'FAILED' | 'BASELINE' | 'INFO';
}

interface MemoryReport {
  requests: number;
  errors: number;
  /** After the scenarios, before the memory run's own warm-up. */
  beforeMb: number;
  warmMb: number;
  afterMb: number;
  idleMb: number;
  /** The larger of afterMb and idleMb: what must stay under limitMb. */
  peakMb: number;
  /** The highest resident size sampled (every RSS_SAMPLE_MS) from the warm-up to the idle reading. */
  sampledMaxMb: number;
  /** The V8 heap in use at the same points (not checked against any target). */
  heapUsedMb: Partial<Record<'before' | 'warm' | 'after' | 'idle', number>>;
  limitMb: number;
  status: 'PASS' | 'MISS' | 'FAILED';
  error?: string;
}

class Bench {
  private sequence = 0;
  readonly children: Child[] = [];
  /** The process whose CPU time per request the timed runs report: the bare server, then ours. */
  measuredPid?: number;

  constructor(readonly dir: string) {}

  file(name: string): string {
    return join(this.dir, `${this.sequence++}-${name}`);
  }

  start(args: string[], env: Record<string, string>): Child {
    const child = startChild(args, { PATH: process.env.PATH ?? '', ...env });
    this.children.push(child);
    return child;
  }

  /** Runs bench/load.ts as its own process on a spec and returns what it measured. */
  async load(spec: Omit<LoadSpec, 'resultFile'>): Promise<LoadResult> {
    const specFile = this.file('spec.json');
    const resultFile = this.file('result.json');
    writeFileSync(specFile, JSON.stringify({ ...spec, resultFile }));
    const child = this.start(['--import', 'tsx', 'bench/load.ts', specFile], {});
    await child.exited;
    if (child.process.exitCode !== 0) throw new Error(`load generator failed:\n${child.output()}`);
    return JSON.parse(readFileSync(resultFile, 'utf8')) as LoadResult;
  }

  /** Warm-up, then the timed run, sending one fixed request again and again. */
  timedFixed(url: string, request: PooledRequest): Promise<LoadResult> {
    return this.load({ ...this.spec(url, 'timed'), warmupSeconds: WARMUP_SECONDS, request });
  }

  /** Warm-up, then the timed run, on a pool made beforehand (the warm-up takes its requests from it too). */
  timedPool(url: string, pool: string): Promise<LoadResult> {
    return this.load({ ...this.spec(url, 'timed'), warmupSeconds: WARMUP_SECONDS, poolFile: pool });
  }

  /**
   * Warm-up, then the timed run, on requests signed by `make` just before each: the warm-up's rate sizes the timed
   * run's pool (with room to spare; should the server still outrun it, the run stops early and says so).
   */
  async timedSigned(url: string, make: () => PooledRequest, ceiling: number): Promise<LoadResult> {
    const warmupPool = this.file('warmup.jsonl');
    writePool(warmupPool, Math.min(WARMUP_POOL_CAP, Math.ceil(ceiling * WARMUP_SECONDS)), make);
    const warmup = await this.warmup(url, warmupPool);
    const pool = this.file('pool.jsonl');
    const size = Math.ceil(warmup.requestsPerSecond * DURATION_SECONDS * POOL_HEADROOM) + SPARE_REQUESTS;
    writePool(pool, Math.min(POOL_CAP, Math.max(MIN_POOL, size)), make);
    return this.load({ ...this.spec(url, 'timed'), poolFile: pool });
  }

  /** A warm-up on its own: WARMUP_SECONDS of load from a pool, which must all succeed. */
  async warmup(url: string, pool: string): Promise<LoadResult> {
    const result = await this.load({ ...this.spec(url, 'timed'), durationSeconds: WARMUP_SECONDS, poolFile: pool });
    assertClean(result, 'warm-up');
    return result;
  }

  /** Sends every request of a pool once. */
  sendAll(url: string, pool: string, collectFile?: string): Promise<LoadResult> {
    return this.load({ ...this.spec(url, 'all'), poolFile: pool, collectFile });
  }

  /** Sends every request of a pool once and returns the bodies; any answer but a 2xx is an error. */
  async collect(url: string, pool: string, what: string): Promise<string[]> {
    const collectFile = this.file('bodies.jsonl');
    assertClean(await this.sendAll(url, pool, collectFile), what);
    return readFileSync(collectFile, 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as string);
  }

  private spec(url: string, mode: LoadSpec['mode']): Omit<LoadSpec, 'resultFile'> {
    const durationSeconds = mode === 'timed' ? DURATION_SECONDS : 0;
    return { mode, url, connections: CONNECTIONS, warmupSeconds: 0, durationSeconds, serverPid: this.measuredPid };
  }
}

const failures = (result: LoadResult): number =>
  result.errors + result.non2xx + result.mismatches + result.warmupFailures;

function assertClean(result: LoadResult, what: string): void {
  const failed = failures(result);
  if (failed > 0) {
    throw new Error(`${what}: ${failed} failed requests, e.g. ${JSON.stringify(result.badResponses.slice(0, 2))}`);
  }
}

function judge(scenario: ScenarioName, result: LoadResult, bareRps: number | undefined): Outcome {
  const target = TARGETS[scenario];
  const ratioToBare = bareRps ? result.requestsPerSecond / bareRps : undefined;
  const failed = failures(result) > 0;
  const met =
    target !== undefined &&
    ratioToBare !== undefined &&
    ratioToBare >= target.minRatio &&
    (target.maxP99Ms === undefined || result.latencyP99Ms <= target.maxP99Ms);
  const status = failed
    ? 'FAILED'
    : scenario === 'bare'
      ? 'BASELINE'
      : target === undefined
        ? 'INFO'
        : met
          ? 'PASS'
          : 'MISS';
  return { scenario, label: LABELS[scenario], result, ratioToBare, target, status };
}

const targetText = (target: Target | undefined): string =>
  target === undefined
    ? ''
    : `>=${Math.round(target.minRatio * 100)}%${target.maxP99Ms === undefined ? '' : `, p99<=${target.maxP99Ms}ms`}`;

function table(outcomes: Outcome[]): string {
  const header = [
    'scenario',
    'req/s',
    'server CPU µs/req',
    'p50 ms',
    'p99 ms',
    'errors',
    'non-2xx',
    'vs bare',
    'target',
    'result',
  ];
  const rows = outcomes.map(({ label, result, ratioToBare, target, status }) => [
    label,
    result ? result.requestsPerSecond.toFixed(0) : '-',
    result?.serverCpuMicrosPerRequest === undefined ? '-' : result.serverCpuMicrosPerRequest.toFixed(0),
    result ? String(result.latencyP50Ms) : '-',
    result ? String(result.latencyP99Ms) : '-',
    result ? String(result.errors) : '-',
    result ? String(result.non2xx) : '-',
    ratioToBare === undefined ? '' : `${(ratioToBare * 100).toFixed(1)}%`,
    targetText(target),
    status,
  ]);
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column].length)));
  const line = (row: string[]) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

function describePool(result: LoadResult): string {
  const notes = [`${result.requests} requests in ${result.durationSeconds} s`, `pool ${result.poolSize}`];
  if (result.poolExhausted) notes.push('POOL EXHAUSTED: rate is over the actual duration');
  if (result.poolOverrun > 0) notes.push(`${result.poolOverrun} requests asked of an empty pool`);
  if (result.warmupFailures > 0) notes.push(`${result.warmupFailures} failed requests in the warm-up`);
  return notes.join(', ');
}

/**
 * The node options of package.json's start script (`node <options> dist/main.js`), so that the bench runs the server
 * with the same heap sizing as `npm start`, from the one place it is set.
 */
function startScriptNodeOptions(): string[] {
  const { scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
  const words = scripts.start.trim().split(/\s+/);
  if (words[0] !== 'node' || words.at(-1) !== 'dist/main.js') {
    throw new Error(`package.json's start script is not \`node [options] dist/main.js\`: ${scripts.start}`);
  }
  return words.slice(1, -1);
}

const SERVER_COMMAND = ['node', ...startScriptNodeOptions(), 'dist/main.js'].join(' ');

function startServer(bench: Bench, port: number, profile: boolean, databaseUrl: string | undefined): Child {
  if (profile) mkdirSync(PROFILE_DIR, { recursive: true });
  const profiling = profile ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
  return bench.start([...startScriptNodeOptions(), ...profiling, 'dist/main.js'], {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    // The base string URI the server rebuilds, and the one the bench signs against.
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL,
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
    BOOTSTRAP_PASSWORD_FILE: join(bench.dir, 'bootstrap-password.txt'),
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { SQLITE_PATH: join(bench.dir, 'oauth.sqlite') }),
  });
}

function parseOptions(argv: string[]): { only?: Set<string>; memory: boolean } {
  const unknown = argv.filter((arg) => arg !== '--memory' && !arg.startsWith('--only='));
  const only = argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
  const names = only?.split(',') ?? [];
  const badNames = names.filter((name) => !(name in LABELS));
  if (unknown.length > 0 || badNames.length > 0) {
    throw new Error(`unknown ${[...unknown, ...badNames].join(' ')}; scenarios: ${Object.keys(LABELS).join(', ')}`);
  }
  return { only: only === undefined ? undefined : new Set(names), memory: argv.includes('--memory') };
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const wanted = (scenario: ScenarioName) => options.only === undefined || options.only.has(scenario);
  const profile = process.env.BENCH_CPU_PROF === '1';
  const databaseUrl = process.env.DATABASE_URL;
  const bench = new Bench(mkdtempSync(join(tmpdir(), 'oauth1-bench-')));
  const proxies: ReverseProxy[] = [];
  const outcomes: Outcome[] = [];
  let memory: MemoryReport | undefined;

  const cleanUp = async () => {
    await Promise.all(proxies.map((proxy) => proxy.stop()));
    await Promise.all(bench.children.map(stopChild));
    rmSync(bench.dir, { recursive: true, force: true });
  };
  const interrupt = () => void cleanUp().finally(() => process.exit(130));
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);

  const loadAverage = loadavg().map((value) => Number(value.toFixed(2)));
  const database = databaseUrl ? 'PostgreSQL (DATABASE_URL)' : 'SQLite (fresh temp file)';
  console.log(`node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? '?'}, load ${loadAverage.join(' ')}`);
  console.log(`server: ${SERVER_COMMAND}, NODE_ENV=production, LOG_LEVEL=${LOG_LEVEL}, database: ${database}`);
  if (profile) console.log(`server runs with --cpu-prof into ${PROFILE_DIR}`);
  console.log(
    `load: autocannon in its own process, ${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up + ${DURATION_SECONDS} s\n`,
  );

  try {
    // (0) The baseline.
    const barePort = await freePort();
    const bareUrl = `http://127.0.0.1:${barePort}`;
    const bare = bench.start(['--import', 'tsx', 'bench/bare-server.ts'], { PORT: String(barePort) });
    await waitReady(bare, bareUrl);
    bench.measuredPid = bare.process.pid;
    const bareResult = await bench.timedFixed(bareUrl, { method: 'GET', path: '/', headers: {} });
    await stopChild(bare);
    outcomes.push(judge('bare', bareResult, bareResult.requestsPerSecond));
    const bareRps = bareResult.requestsPerSecond;
    console.log(`${LABELS.bare}: ${bareRps.toFixed(0)} req/s (${describePool(bareResult)})`);

    // The server.
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const server = startServer(bench, port, profile, databaseUrl);
    await waitReady(server, baseUrl);
    bench.measuredPid = server.process.pid;
    const admin = basicAuthorization(ADMIN_EMAIL, ADMIN_PASSWORD);
    const setup = await createFixtures(baseUrl, admin).catch((error: unknown) => errorMessage(error));

    const scenario = async (
      name: ScenarioName,
      run: (fixtures: Fixtures) => Promise<LoadResult>,
    ): Promise<LoadResult | undefined> => {
      if (!wanted(name)) return undefined;
      try {
        if (typeof setup === 'string') throw new Error(`setup through the admin API failed: ${setup}`);
        const result = await run(setup);
        outcomes.push(judge(name, result, bareRps));
        console.log(`${LABELS[name]}: ${result.requestsPerSecond.toFixed(0)} req/s (${describePool(result)})`);
        if (result.badResponses.length > 0) console.log(`  e.g. ${JSON.stringify(result.badResponses[0])}`);
        return result;
      } catch (error) {
        outcomes.push({ scenario: name, label: LABELS[name], error: errorMessage(error), status: 'FAILED' });
        console.log(`${LABELS[name]}: FAILED: ${errorMessage(error)}`);
        return undefined;
      }
    };

    // (1) initiate: every request writes a nonce and a request token.
    const initiate = await scenario('initiate', (fixtures) =>
      bench.timedSigned(baseUrl, () => initiateRequest(baseUrl, fixtures.consumer), bareRps),
    );

    // (2) token: each request spends its own request token and verifier, made beforehand through the API.
    await scenario('token', async (fixtures) => {
      // Exchanges cost more than initiates, so what initiate did in a whole run is plenty.
      const rate = initiate?.requestsPerSecond ?? bareRps / 4;
      const count = Math.min(POOL_CAP, Math.ceil(rate * (WARMUP_SECONDS + DURATION_SECONDS) * TOKEN_POOL_HEADROOM));
      const tokens = await requestTokens(bench, baseUrl, fixtures, count);
      const verifiers = await verifiersFor(bench, baseUrl, admin, fixtures, tokens);
      const pool = bench.file('token.jsonl');
      writePool(pool, tokens.length, (index) =>
        tokenRequest(baseUrl, fixtures.consumer, tokens[index], verifiers.get(tokens[index].key) ?? ''),
      );
      return bench.timedPool(baseUrl, pool);
    });

    // (3) verify: a resource server checks a request freshly signed with an access token.
    await scenario('verify', async (fixtures) => {
      const access = await obtainAccessToken(baseUrl, admin, fixtures);
      return bench.timedSigned(baseUrl, () => verifyRequest(admin, fixtures.consumer, access), bareRps);
    });

    // (3a) forward-auth as Traefik calls it; (3b) a client's GET of an API behind the README's nginx configuration,
    // which costs nginx one forward-auth request to the server before it reaches the API (a bare server here).
    await scenario('forward-auth', async (fixtures) => {
      const access = await obtainAccessToken(baseUrl, admin, fixtures);
      return bench.timedSigned(baseUrl, () => forwardAuthRequest(fixtures.consumer, access), bareRps);
    });
    await scenario('forward-auth-nginx', async (fixtures) => {
      const apiPort = await freePort();
      const api = bench.start(['--import', 'tsx', 'bench/bare-server.ts'], { PORT: String(apiPort) });
      await waitReady(api, `http://127.0.0.1:${apiPort}`);
      const nginx = await startNginx({ provider: `127.0.0.1:${port}`, api: `127.0.0.1:${apiPort}` });
      proxies.push(nginx);
      const access = await obtainAccessToken(baseUrl, admin, fixtures);
      const resource = `${nginx.baseUrl}/photos?size=original`;
      return bench.timedSigned(
        nginx.baseUrl,
        () => protectedResourceRequest(resource, fixtures.consumer, access),
        bareRps,
      );
    });

    // (4, 5) admin lookup of one request token, as JSON and as XML.
    const lookup = async (fixtures: Fixtures, accept: string): Promise<LoadResult> => {
      const token = parseTokenResponse(await send(baseUrl, initiateRequest(baseUrl, fixtures.consumer)));
      const request = requestTokenLookup(admin, fixtures.consumer.key, token.key, accept);
      const body = await send(baseUrl, request);
      if (accept.includes('xml') !== body.trimStart().startsWith('<')) throw new Error(`not ${accept}: ${body}`);
      return bench.timedFixed(baseUrl, request);
    };
    await scenario('lookup-json', (fixtures) => lookup(fixtures, 'application/json'));
    await scenario('lookup-xml', (fixtures) => lookup(fixtures, 'application/xml'));

    if (options.memory) {
      const rate = initiate?.requestsPerSecond ?? bareRps / 4;
      memory =
        typeof setup === 'string'
          ? memoryFailure(`setup failed: ${setup}`)
          : await measureMemory(bench, baseUrl, setup, server, rate);
    }
  } finally {
    await cleanUp();
    process.removeListener('SIGINT', interrupt);
    process.removeListener('SIGTERM', interrupt);
  }

  console.log(`\n${table(outcomes)}\n`);
  if (memory) {
    const mb = (value: number | undefined) => (value === undefined ? '?' : `${value.toFixed(1)} MB`);
    const { beforeMb, warmMb, afterMb, idleMb, heapUsedMb: heap } = memory;
    console.log(
      `memory (server VmRSS): after the scenarios ${mb(beforeMb)}, warm ${mb(warmMb)}, ` +
        `after ${memory.requests} initiate ${mb(afterMb)}, after ${IDLE_SECONDS} s idle + settle ${mb(idleMb)}`,
    );
    console.log(
      `  V8 heap used at the same points: ${mb(heap.before)}, ${mb(heap.warm)}, ${mb(heap.after)}, ${mb(heap.idle)}`,
    );
    console.log(`  highest VmRSS sampled from the warm-up to the idle reading: ${mb(memory.sampledMaxMb)}`);
    const passMiss = (ok: boolean) => (ok ? 'PASS' : 'MISS');
    const growth = warmMb > 0 ? (idleMb / warmMb - 1) * 100 : 0;
    const checks =
      `peak < ${MEMORY_LIMIT_MB} MB: ${passMiss(memory.peakMb < MEMORY_LIMIT_MB)} (${mb(memory.peakMb)}); ` +
      `idle within ${MEMORY_GROWTH_LIMIT * 100}% of warm: ${passMiss(growth <= MEMORY_GROWTH_LIMIT * 100)} ` +
      `(${growth >= 0 ? '+' : ''}${growth.toFixed(1)}%)`;
    const problems = [memory.error, memory.errors > 0 ? `${memory.errors} failed requests` : undefined];
    const notes = problems.filter((note) => note !== undefined).join('; ');
    console.log(`  ${checks} => ${memory.status}${notes ? ` (${notes})` : ''}`);
  }
  const failed = outcomes.some((outcome) => outcome.status === 'FAILED') || memory?.status === 'FAILED';
  if (options.only === undefined && !profile) writeResults(outcomes, memory, { loadAverage, database });
  else console.log('bench/results.json not written (partial or profiled run)');
  if (failed) console.log('FAILED: a scenario had errors or non-2xx responses');
  return failed ? 1 : 0;
}

async function requestTokens(bench: Bench, baseUrl: string, fixtures: Fixtures, count: number): Promise<Credentials[]> {
  const pool = bench.file('token-initiate.jsonl');
  writePool(pool, count, () => initiateRequest(baseUrl, fixtures.consumer));
  return (await bench.collect(baseUrl, pool, 'initiate for the token pool')).map(parseTokenResponse);
}

async function verifiersFor(
  bench: Bench,
  baseUrl: string,
  admin: string,
  fixtures: Fixtures,
  tokens: Credentials[],
): Promise<Map<string, string>> {
  const pool = bench.file('verifiers.jsonl');
  writePool(pool, tokens.length, (index) => verifierRequest(admin, tokens[index].key, fixtures.appUserId));
  const bodies = await bench.collect(baseUrl, pool, 'verifiers for the token pool');
  const verifiers = new Map(bodies.map(parseVerifierResponse).map(({ requestToken, code }) => [requestToken, code]));
  if (verifiers.size !== tokens.length) throw new Error(`${verifiers.size} verifiers for ${tokens.length} tokens`);
  return verifiers;
}

async function measureMemory(
  bench: Bench,
  baseUrl: string,
  fixtures: Fixtures,
  server: Child,
  initiateRps: number,
): Promise<MemoryReport> {
  const pid = server.process.pid;
  const report = memoryFailure();
  const sign = () => initiateRequest(baseUrl, fixtures.consumer);
  const sampler = setInterval(() => {
    try {
      report.sampledMaxMb = Math.max(report.sampledMaxMb, rssMb(pid));
    } catch {
      // The server is gone: the readings below say so.
    }
  }, RSS_SAMPLE_MS);
  try {
    report.beforeMb = rssMb(pid);
    report.heapUsedMb.before = await heapUsedMb(baseUrl);
    const warmup = bench.file('memory-warmup.jsonl');
    writePool(warmup, Math.ceil(initiateRps * WARMUP_SECONDS * POOL_HEADROOM) + SPARE_REQUESTS, sign);
    await bench.warmup(baseUrl, warmup);
    report.warmMb = rssMb(pid);
    report.heapUsedMb.warm = await heapUsedMb(baseUrl);
    for (let sent = 0; sent < MEMORY_REQUESTS; sent += MEMORY_CHUNK) {
      const pool = bench.file('memory.jsonl');
      writePool(pool, Math.min(MEMORY_CHUNK, MEMORY_REQUESTS - sent), sign);
      const result = await bench.sendAll(baseUrl, pool);
      report.requests += result.requests;
      report.errors += result.errors + result.non2xx + result.mismatches;
    }
    report.afterMb = rssMb(pid);
    report.heapUsedMb.after = await heapUsedMb(baseUrl);
    // Idle, then wait (bounded) for the resident size to stop moving: a GC cannot be forced from outside.
    await sleep(IDLE_SECONDS * 1000);
    let previous = rssMb(pid);
    for (let check = 0; check < 10; check++) {
      await sleep(1000);
      const current = rssMb(pid);
      const settled = Math.abs(current - previous) < previous * 0.01;
      previous = current;
      if (settled) break;
    }
    report.idleMb = previous;
    report.heapUsedMb.idle = await heapUsedMb(baseUrl);
    report.peakMb = Math.max(report.afterMb, report.idleMb);
    const withinLimits = report.peakMb < MEMORY_LIMIT_MB && report.idleMb <= report.warmMb * (1 + MEMORY_GROWTH_LIMIT);
    report.status = report.errors > 0 ? 'FAILED' : withinLimits ? 'PASS' : 'MISS';
  } catch (error) {
    report.error = errorMessage(error);
  } finally {
    clearInterval(sampler);
  }
  return report;
}

/** The server's V8 heap in use, from its Prometheus metrics: tells live objects from memory V8 has not given back. */
async function heapUsedMb(baseUrl: string): Promise<number | undefined> {
  const metrics = await (await fetch(`${baseUrl}/metrics`, { signal: AbortSignal.timeout(5000) })).text();
  const bytes = /^nodejs_heap_size_used_bytes (\S+)$/m.exec(metrics)?.[1];
  return bytes === undefined ? undefined : Math.round((Number(bytes) / 2 ** 20) * 10) / 10;
}

function memoryFailure(error?: string): MemoryReport {
  const empty = { requests: 0, errors: 0, beforeMb: 0, warmMb: 0, afterMb: 0, idleMb: 0, peakMb: 0, sampledMaxMb: 0 };
  return { ...empty, heapUsedMb: {}, limitMb: MEMORY_LIMIT_MB, status: 'FAILED', error };
}

function writeResults(
  outcomes: Outcome[],
  memory: MemoryReport | undefined,
  run: { loadAverage: number[]; database: string },
): void {
  const results = {
    date: new Date().toISOString(),
    node: process.version,
    machine: {
      loadAverageAtStart: run.loadAverage,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      memoryMb: Math.round(totalmem() / 2 ** 20),
      platform: `${process.platform}-${process.arch}`,
    },
    server: {
      command: SERVER_COMMAND,
      nodeEnv: 'production',
      logLevel: LOG_LEVEL,
      database: run.database,
    },
    load: {
      tool: 'autocannon',
      connections: CONNECTIONS,
      warmupSeconds: WARMUP_SECONDS,
      durationSeconds: DURATION_SECONDS,
    },
    scenarios: outcomes.map(({ scenario, result, ratioToBare, target, status, error }) => ({
      scenario,
      status,
      requestsPerSecond: result && Math.round(result.requestsPerSecond),
      serverCpuMicrosPerRequest: result?.serverCpuMicrosPerRequest && Math.round(result.serverCpuMicrosPerRequest),
      latencyP50Ms: result?.latencyP50Ms,
      latencyP99Ms: result?.latencyP99Ms,
      errors: result?.errors,
      non2xx: result?.non2xx,
      requests: result?.requests,
      durationSeconds: result?.durationSeconds,
      poolSize: result?.poolSize,
      poolExhausted: result?.poolExhausted,
      ratioToBare: ratioToBare === undefined ? undefined : Number(ratioToBare.toFixed(3)),
      target,
      error,
    })),
    memory: memory && { ...memory, idleSeconds: IDLE_SECONDS, maxGrowth: MEMORY_GROWTH_LIMIT },
  };
  writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
  console.log('wrote bench/results.json');
}

const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  },
);
