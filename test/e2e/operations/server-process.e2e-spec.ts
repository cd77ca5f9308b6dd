import { afterEach, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { connect } from 'node:net';
import { ServerProcess, sqliteDirectory, startServerProcess } from '../../support/server-process.js';

const childPids = (pid: number) =>
  execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .filter(Boolean)
    .map(Number);

describe('the server as a process (built: dist/main.js)', () => {
  let server: ServerProcess | undefined;
  let directory: ReturnType<typeof sqliteDirectory> | undefined;
  afterEach(async () => {
    await server?.stop('SIGKILL');
    directory?.remove();
  });

  it('starts on an empty database with no configuration but a data directory, and says where the password is', async () => {
    directory = sqliteDirectory();
    server = await startServerProcess(directory.env);
    const response = await fetch(`${server.baseUrl}/v1/o/default`, { headers: { Authorization: directory.auth() } });
    expect(response.status).toBe(200);
    expect(server.output()).toContain('its generated password is in');
  });

  it('stops with a message naming a bad variable', async () => {
    directory = sqliteDirectory();
    await expect(startServerProcess({ ...directory.env, TIMESTAMP_WINDOW_SECONDS: 'soon' })).rejects.toThrow(
      /TIMESTAMP_WINDOW_SECONDS: /,
    );
  });

  it('finishes a request in flight when told to stop with SIGTERM, then exits 0', async () => {
    directory = sqliteDirectory();
    server = await startServerProcess(directory.env);
    const { port } = new URL(server.baseUrl);
    const body = JSON.stringify({ name: 'late', displayName: 'Arrives after SIGTERM' });
    const socket = connect(Number(port), '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    const closed = new Promise((resolve) => socket.on('close', resolve));
    // Half a request: it is in flight until the rest of the body arrives.
    socket.write(
      `POST /v1/organizations HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${directory.auth()}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    server.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 200));
    // write, not end: a client that half-closes its socket has given up on the answer.
    socket.write(body.slice(10));
    await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 201 /);
    expect(answer).toContain('"name":"late"');
    expect(await server.exited).toBe(0);
  });

  it('runs WORKERS=2 worker processes sharing one port, and stops them all on SIGTERM', async () => {
    directory = sqliteDirectory();
    server = await startServerProcess({ ...directory.env, WORKERS: '2' });
    expect(childPids(server.child.pid!)).toHaveLength(2);
    const statuses = await Promise.all(
      Array.from({ length: 20 }, () =>
        fetch(`${server!.baseUrl}/v1/o/default`, { headers: { Authorization: directory!.auth() } }).then(
          (r) => r.status,
        ),
      ),
    );
    expect(statuses).toEqual(Array(20).fill(200));
    expect(await server.stop('SIGTERM')).toBe(0);
  });

  it('replaces a worker that dies', async () => {
    directory = sqliteDirectory();
    server = await startServerProcess({ ...directory.env, WORKERS: '2' });
    // Ready means one worker answers; the other may still be starting, and a worker that dies before it listens
    // stops them all (its replacement would fail the same way). Wait until both say they listen.
    const listening = () => server!.output().split('(Swagger UI at /docs)').length - 1;
    for (let attempt = 0; attempt < 300 && listening() < 2; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(listening()).toBe(2);
    const [first] = childPids(server.child.pid!);
    process.kill(first, 'SIGKILL');
    let replaced: number[] = [];
    for (let attempt = 0; attempt < 100 && replaced.length < 2; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      replaced = childPids(server.child.pid!);
    }
    expect(replaced).toHaveLength(2);
    expect(replaced).not.toContain(first);
    // The replacement needs a moment to listen: the service answers again within a bounded wait.
    let status = 0;
    for (let attempt = 0; attempt < 100 && status !== 200; attempt++) {
      status = await fetch(`${server.baseUrl}/readyz`).then(
        (response) => response.status,
        () => 0,
      );
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(status).toBe(200);
  });
});
