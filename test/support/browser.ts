import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import playwright from 'playwright-core';
import type { Browser } from 'playwright-core';

/** Debian's chromium: the browser tests never download one (README: `apt-get install chromium`). */
export const CHROMIUM = '/usr/bin/chromium';

/** Where the browser tests leave screenshots (gitignored; CI keeps them as artifacts). */
export const ARTIFACTS = join(process.cwd(), 'test-artifacts');

/** Fails, never skips, without chromium: a browser test that does not run must not look like one that passed. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`The browser tests need chromium at ${CHROMIUM}: apt-get install -y chromium`);
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  return playwright.chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface CallbackServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  /** Every request's URL (path and query) as the server saw it. */
  requests: URL[];
  close: () => Promise<void>;
}

/** An OAuth client's callback endpoint: records what it is sent and answers with a small page. */
export async function startCallbackServer(): Promise<CallbackServer> {
  const requests: URL[] = [];
  const server = createServer((request, response) => {
    requests.push(new URL(request.url ?? '/', 'http://127.0.0.1'));
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><title>Client</title><h1 id="client-callback">Back at the client</h1>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
