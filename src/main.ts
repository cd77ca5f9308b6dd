import { Logger } from '@nestjs/common';
import { createApp } from './app.setup.js';
import { ConfigurationError, loadAppConfig } from './config/app-config.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadAppConfig();
  } catch (error) {
    if (error instanceof ConfigurationError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const app = await createApp({ config });
  await app.listen({ port: config.port, host: config.host });
  new Logger('Main').log(`Listening on http://${config.host}:${config.port} (Swagger UI at /docs)`);
}

void main();
