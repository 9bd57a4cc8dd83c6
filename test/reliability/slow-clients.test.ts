/**
 * Slow-client protection: slowloris-style headers and a trickled body are cut off by the
 * server's timeouts while other clients keep being served. Bounded in count and time.
 */
import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { serve, sleep } from '../helpers.js';

/** Opens a socket that sends `first`, then `drip` every `everyMs`, and resolves when the server closes it. */
function slowClient(
  port: number,
  first: string,
  drip: string,
  everyMs: number,
): { closedAfter: Promise<number>; socket: Socket } {
  const started = Date.now();
  const socket = connect(port, '127.0.0.1');
  let timer: NodeJS.Timeout | undefined;
  const closedAfter = new Promise<number>((resolve) => {
    socket.on('connect', () => {
      socket.write(first);
      timer = setInterval(() => {
        if (!socket.destroyed) socket.write(drip);
      }, everyMs);
    });
    socket.on('data', () => {});
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(timer);
      resolve(Date.now() - started);
    });
  });
  return { closedAfter, socket };
}

describe('slow clients', () => {
  it('cuts off slowloris headers at headersTimeout while other clients are served', async () => {
    const server = await serve((s) => s.addRoute('GET', '/', (e) => e.writeText('ok')), {
      headersTimeout: 1_500,
      requestTimeout: 3_000,
    });
    const port = server.endpoints[0].port;
    const clients = Array.from({ length: 20 }, (_, i) =>
      slowClient(port, 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n', `X-Drip-${i}: x\r\n`, 200),
    );
    try {
      // Other clients are served normally meanwhile.
      for (let i = 0; i < 5; i++) {
        const response = await fetch(`${server.url}/`);
        expect(await response.text()).toBe('ok');
        await sleep(100);
      }
      const closedAfter = await Promise.all(clients.map((client) => client.closedAfter));
      for (const ms of closedAfter) {
        expect(ms).toBeGreaterThanOrEqual(1_000);
        expect(ms).toBeLessThan(1_500 + 2_500);
      }
    } finally {
      for (const client of clients) client.socket.destroy();
    }
  });

  it('cuts off a trickled body at requestTimeout while other clients are served', async () => {
    const server = await serve((s) => s.addRoute('POST', '/', (e) => e.writeJson(e.data)), {
      headersTimeout: 1_000,
      requestTimeout: 2_000,
    });
    const port = server.endpoints[0].port;
    const headers =
      'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n';
    const clients = Array.from({ length: 10 }, () => slowClient(port, headers, 'a', 200));
    try {
      const response = await fetch(`${server.url}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"fast":true}',
      });
      expect(await response.json()).toEqual({ fast: true });
      const closedAfter = await Promise.all(clients.map((client) => client.closedAfter));
      for (const ms of closedAfter) {
        expect(ms).toBeGreaterThanOrEqual(1_500);
        expect(ms).toBeLessThan(2_000 + 2_500);
      }
    } finally {
      for (const client of clients) client.socket.destroy();
    }
  });
});
