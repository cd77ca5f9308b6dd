import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, Socket } from 'node:net';
import { startTestApp, TestApp } from '../../support/test-app.js';

/** A raw connection: what it received, and when it was closed (ms after it opened). */
interface RawConnection {
  socket: Socket;
  received: () => string;
  closed: Promise<number>;
}

function open(port: number): Promise<RawConnection> {
  return new Promise((resolve, reject) => {
    const startedAt = Date.now();
    let received = '';
    const socket = connect(port, '127.0.0.1');
    const closed = new Promise<number>((done) => socket.once('close', () => done(Date.now() - startedAt)));
    socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
    socket.on('error', () => undefined);
    socket.once('connect', () => resolve({ socket, received: () => received, closed }));
    socket.once('error', reject);
  });
}

describe('a client that sends its request slowly', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await startTestApp({
      REQUEST_TIMEOUT_SECONDS: '2',
      HEADERS_TIMEOUT_SECONDS: '1',
      KEEP_ALIVE_TIMEOUT_SECONDS: '1',
    });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.getHttpServer().address() as { port: number }).port;
  });
  afterAll(() => t.close());

  it('is answered 408 and its connection closed once the whole request has taken REQUEST_TIMEOUT_SECONDS', async () => {
    const connection = await open(port);
    connection.socket.write(
      'POST /v1/organizations HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n',
    );
    // A byte every 100 ms: never idle, never done.
    const trickle = setInterval(() => connection.socket.writable && connection.socket.write('{'), 100);
    try {
      const closedAfter = await connection.closed;
      expect(closedAfter).toBeGreaterThanOrEqual(1900);
      expect(closedAfter).toBeLessThan(5000);
      expect(connection.received()).toMatch(/^HTTP\/1\.1 408 /);
    } finally {
      clearInterval(trickle);
    }
  });

  it('is cut after HEADERS_TIMEOUT_SECONDS when its headers never end', async () => {
    const connection = await open(port);
    connection.socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n');
    const trickle = setInterval(() => connection.socket.writable && connection.socket.write('X-Slow: 1\r\n'), 100);
    try {
      const closedAfter = await connection.closed;
      expect(closedAfter).toBeGreaterThanOrEqual(900);
      expect(closedAfter).toBeLessThan(4000);
    } finally {
      clearInterval(trickle);
    }
  });

  it('closes an idle keep-alive connection after KEEP_ALIVE_TIMEOUT_SECONDS', async () => {
    const connection = await open(port);
    connection.socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n');
    const closedAfter = await connection.closed;
    expect(connection.received()).toMatch(/^HTTP\/1\.1 200 /);
    expect(closedAfter).toBeGreaterThanOrEqual(900);
    expect(closedAfter).toBeLessThan(4000);
  });

  it('keeps answering other clients while hundreds of slow ones are open', async () => {
    const slow = await Promise.all(Array.from({ length: 300 }, () => open(port)));
    for (const connection of slow) connection.socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n');
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(response.status).toBe(200);
      // And the slow ones are all let go once their time is up.
      const closedAfter = await Promise.all(slow.map((connection) => connection.closed));
      expect(Math.max(...closedAfter)).toBeLessThan(5000);
    } finally {
      for (const connection of slow) connection.socket.destroy();
    }
  });
});
