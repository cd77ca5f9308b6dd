import { Logger } from '@nestjs/common';
import cluster from 'node:cluster';
import { createApp } from './app.setup.js';
import { AppConfig, ConfigurationError, loadAppConfig } from './config/app-config.js';

const logger = new Logger('Main');

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

/**
 * WORKERS=N: the primary migrates and bootstraps the database once (so workers never race on it), then runs N
 * workers sharing the port, replaces a worker that dies, and on SIGTERM/SIGINT lets each finish its requests.
 */
async function superviseWorkers(config: AppConfig): Promise<void> {
  const preparation = await createApp({ config });
  await preparation.close();
  let stopping = false;
  const fork = () => cluster.fork().on('online', () => logger.log('Worker online'));
  for (let index = 0; index < config.workers; index++) fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
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

const config = readConfig();
if (config.workers > 1 && cluster.isPrimary) {
  void superviseWorkers(config);
} else {
  void serve(config);
}
