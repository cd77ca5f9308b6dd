// Writes openapi.yaml from the Swagger decorators (`npm run openapi`), or with --check fails when the committed
// file differs from what the code generates (`npm run openapi:check`, run by CI).
import { readFileSync, writeFileSync } from 'node:fs';
import { buildOpenApiDocument, createApp } from '../app.setup.js';
import { loadAppConfig } from '../config/app-config.js';
import { renderOpenApiYaml } from '../openapi.js';

const OPENAPI_FILE = 'openapi.yaml';

async function main(): Promise<void> {
  const config = loadAppConfig({
    SQLITE_PATH: ':memory:',
    LOG_LEVEL: 'error',
    BOOTSTRAP_ADMIN_PASSWORD: 'unused-password',
  });
  const app = await createApp({ config });
  const yaml = renderOpenApiYaml(buildOpenApiDocument(app));
  await app.close();
  if (process.argv.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync(OPENAPI_FILE, 'utf8');
    } catch {
      // A missing file is simply stale.
    }
    if (committed !== yaml) {
      console.error(`${OPENAPI_FILE} is out of date with the code: run \`npm run openapi\` and commit the result.`);
      process.exit(1);
    }
    console.log(`${OPENAPI_FILE} is up to date.`);
    return;
  }
  writeFileSync(OPENAPI_FILE, yaml);
  console.log(`Wrote ${OPENAPI_FILE}`);
}

void main();
