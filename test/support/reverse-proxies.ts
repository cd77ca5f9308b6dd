import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './server-process.js';

/**
 * nginx and Caddy as real processes in front of the provider, each on its own port, run from the configuration files
 * the README gives (examples/), with only their addresses changed. Debian's packages (`.ci/run` installs them); their
 * system services are never started.
 */

/** The addresses the example files are written with. */
const EXAMPLE = { provider: '127.0.0.1:8080', api: '127.0.0.1:3000', port: '8000' };

export interface ReverseProxy {
  name: 'nginx' | 'caddy';
  baseUrl: string;
  /** What the proxy printed, for a failing test's message. */
  output: () => string;
  stop: () => Promise<void>;
}

export interface ProxiedAddresses {
  /** host:port of the provider. */
  provider: string;
  /** host:port of the protected API. */
  api: string;
}

function replaceAll(text: string, from: string, to: string, file: string): string {
  if (!text.includes(from)) throw new Error(`${file} no longer mentions ${from}`);
  return text.replaceAll(from, to);
}

/** An example file with the test's addresses in place of the example's. */
function configFrom(file: string, addresses: ProxiedAddresses, listen: [string, string]): string {
  let text = readFileSync(file, 'utf8');
  text = replaceAll(text, EXAMPLE.provider, addresses.provider, file);
  text = replaceAll(text, EXAMPLE.api, addresses.api, file);
  return replaceAll(text, listen[0], listen[1], file);
}

async function waitListening(baseUrl: string, child: ChildProcess, output: () => string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (child.exitCode !== null) throw new Error(`the proxy exited at start:\n${output()}`);
    try {
      await fetch(`${baseUrl}/oauth/`, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error(`the proxy did not listen at ${baseUrl}:\n${output()}`);
}

async function run(
  name: ReverseProxy['name'],
  command: string,
  args: string[],
  env: Record<string, string>,
  port: number,
  dir: string,
): Promise<ReverseProxy> {
  let output = '';
  const child = spawn(command, args, { env: { PATH: process.env.PATH ?? '', ...env }, stdio: 'pipe' });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('error', (error) => (output += `cannot run ${command}: ${error.message}`));
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitListening(baseUrl, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { name, baseUrl, output: () => output, stop };
}

/** nginx in the foreground with examples/nginx/forward-auth.conf included in a minimal main configuration. */
export async function startNginx(addresses: ProxiedAddresses): Promise<ReverseProxy> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'oauth1-nginx-'));
  const site = configFrom('examples/nginx/forward-auth.conf', addresses, [
    `listen ${EXAMPLE.port};`,
    `listen 127.0.0.1:${port};`,
  ]);
  writeFileSync(join(dir, 'forward-auth.conf'), site);
  for (const temp of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, temp));
  writeFileSync(
    join(dir, 'nginx.conf'),
    [
      'daemon off;',
      'worker_processes 1;',
      `pid ${join(dir, 'nginx.pid')};`,
      'error_log stderr warn;',
      'events { worker_connections 256; }',
      'http {',
      '  access_log off;',
      `  client_body_temp_path ${join(dir, 'body')};`,
      `  proxy_temp_path ${join(dir, 'proxy')};`,
      `  fastcgi_temp_path ${join(dir, 'fastcgi')};`,
      `  uwsgi_temp_path ${join(dir, 'uwsgi')};`,
      `  scgi_temp_path ${join(dir, 'scgi')};`,
      `  include ${join(dir, 'forward-auth.conf')};`,
      '}',
      '',
    ].join('\n'),
  );
  return run('nginx', 'nginx', ['-e', 'stderr', '-p', dir, '-c', join(dir, 'nginx.conf')], {}, port, dir);
}

/** Caddy with examples/Caddyfile, its admin endpoint off and its data under a temporary directory. */
export async function startCaddy(addresses: ProxiedAddresses): Promise<ReverseProxy> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'oauth1-caddy-'));
  const site = configFrom('examples/caddy/Caddyfile', addresses, [`:${EXAMPLE.port} {`, `:${port} {`]);
  const globalOptions = '{\n\tadmin off\n\tauto_https off\n\tdefault_bind 127.0.0.1\n}\n\n';
  writeFileSync(join(dir, 'Caddyfile'), globalOptions + site);
  const env = { HOME: dir, XDG_DATA_HOME: join(dir, 'data'), XDG_CONFIG_HOME: join(dir, 'config') };
  const args = ['run', '--adapter', 'caddyfile', '--config', join(dir, 'Caddyfile')];
  return run('caddy', 'caddy', args, env, port, dir);
}
