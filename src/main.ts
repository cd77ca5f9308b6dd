import { Logger } from '@nestjs/common';
import cluster from 'node:cluster';
import type { Worker } from 'node:cluster';
import { AppConfig, ConfigurationError, loadAppConfig } from './config/app-config.js';

// Heap sizing (package.json "start": --max-old-space-size, --max-semi-space-size) is given on node's command line;
// cluster.fork() passes process.execArgv on, so WORKERS=N's workers run with the same flags.

const logger = new Logger('Main');

/** Set on the one worker that migrates and bootstraps the database for WORKERS=N, then exits. */
const PREPARE_ONLY = 'OAUTH1_PREPARE_ONLY';

/**
 * The application (Nest, Fastify, TypeORM and every module: most of a server's memory) is imported only by the
 * processes that build one, so that WORKERS=N's primary, which only supervises, stays small.
 */
const loadCreateApp = async () => (await import('./app.setup.js')).createApp;

function readConfig(): AppConfig {
  try {
    return loadAppConfig();
  } catch (error) {
    if (error instanceof ConfigurationError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

async function serve(config: AppConfig): Promise<void> {
  const createApp = await loadCreateApp();
  const app = await createApp({ config });
  let stopping = false;
  // Kept registered: a second signal (Ctrl-C reaches workers from the terminal and from the primary) must not
  // fall through to Node's default, which would end requests in flight.
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: finishing requests in flight, then stopping`);
    // Nest's close() runs shutdown hooks (closing the database) before it closes the HTTP server: stop taking
    // requests and let those in flight finish first.
    app
      .getHttpAdapter()
      .getInstance()
      .close()
      .then(() => app.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error(`Shutdown failed: ${String(error)}`);
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  await app.listen({ port: config.port, host: config.host });
  logger.log(`Listening on http://${config.host}:${config.port} (Swagger UI at /docs)`);
}

/** Builds the application (which migrates and bootstraps the database) and closes it again. */
async function prepare(config: AppConfig): Promise<void> {
  const createApp = await loadCreateApp();
  const app = await createApp({ config });
  await app.close();
}

/**
 * WORKERS=N: one worker first migrates and bootstraps the database (so the serving workers never race on it) and
 * exits; then the primary runs N workers sharing the port, replaces a worker that dies, and on SIGTERM/SIGINT lets
 * each finish its requests. The preparation runs in a worker of its own, not in the primary, so that the primary
 * never loads the application: it would keep that memory for nothing.
 */
async function superviseWorkers(config: AppConfig): Promise<void> {
  const preparation = cluster.fork({ [PREPARE_ONLY]: '1' });
  const code = await new Promise<number>((resolve) =>
    preparation.once('exit', (exitCode, signal) => resolve(signal ? 1 : exitCode)),
  );
  if (code !== 0) {
    logger.error(`Preparing the database failed (worker exited ${code}); not starting workers`);
    process.exit(code);
  }
  let stopping = false;
  const listening = new WeakSet<Worker>();
  const fork = () =>
    cluster
      .fork()
      .on('online', () => logger.log('Worker online'))
      .on('listening', function (this: Worker) {
        listening.add(this);
      });
  for (let index = 0; index < config.workers; index++) fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    if (!listening.has(worker)) {
      // It never served: its replacement would fail the same way (its reason is on standard error), so stop.
      stopping = true;
      logger.error(`Worker ${worker.process.pid} failed to start (${signal ?? code}); stopping`);
      for (const other of Object.values(cluster.workers ?? {})) other?.process.kill('SIGTERM');
      process.exit(1);
    }
    logger.error(`Worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
    fork();
  });
  const stop = (signal: NodeJS.Signals) => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    cluster.on('exit', () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  logger.log(`Listening on http://${config.host}:${config.port} with ${config.workers} workers`);
}

/** A start that failed (the database cannot be opened, the port is taken): the reason, then exit 1. */
function startFailed(error: unknown): never {
  console.error(`Could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

const config = readConfig();
if (cluster.isWorker && process.env[PREPARE_ONLY] === '1') {
  prepare(config).then(() => process.exit(0), startFailed);
} else if (config.workers > 1 && cluster.isPrimary) {
  superviseWorkers(config).catch(startFailed);
} else {
  serve(config).catch(startFailed);
}
