import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { serve, sleep } from '../helpers.js';

interface SlowClient {
  socket: Socket;
  /** Resolves when the server closes the connection, with what it sent and when. */
  closed: Promise<{ received: string; afterMs: number }>;
  stop(): void;
}

/** Opens a connection and sends `head`, then `drip` every `everyMs` until the server closes it. */
function slowClient(port: number, head: string, drip: string, everyMs: number): SlowClient {
  const socket = connect(port, '127.0.0.1');
  const started = Date.now();
  let received = '';
  let timer: NodeJS.Timeout | undefined;
  socket.on('data', (chunk) => {
    received += chunk.toString();
  });
  socket.once('connect', () => {
    socket.write(head);
    timer = setInterval(() => {
      if (!socket.destroyed && socket.writable) socket.write(drip);
    }, everyMs);
  });
  const closed = new Promise<{ received: string; afterMs: number }>((resolve) => {
    socket.on('error', () => {});
    socket.once('close', () => {
      clearInterval(timer);
      resolve({ received, afterMs: Date.now() - started });
    });
  });
  return {
    socket,
    closed,
    stop: () => {
      clearInterval(timer);
      socket.destroy();
    },
  };
}

describe('timeouts', () => {
  it('cuts off a client that sends its headers too slowly, while serving others', async () => {
    const server = await serve((s) => s.addRoute('GET', '/', (e) => e.writeText('served')), {
      headersTimeout: 1_500,
    });
    const port = server.endpoints[0].port;
    const slow = slowClient(port, 'GET / HTTP/1.1\r\nHost: x\r\n', 'X-Drip: a\r\n', 100);
    let closedEarly = false;
    void slow.closed.then(() => {
      closedEarly = true;
    });
    try {
      await sleep(200);
      const response = await fetch(server.url);
      expect(await response.text()).toBe('served');
      // The other client was served while the slow one was still connected.
      expect(closedEarly).toBe(false);
      const { received, afterMs } = await slow.closed;
      expect(afterMs).toBeGreaterThanOrEqual(1_400);
      expect(afterMs).toBeLessThan(4_000);
      expect(received).toMatch(/^HTTP\/1\.1 408 /);
      expect(received).not.toContain('served');
    } finally {
      slow.stop();
    }
  });

  it('cuts off a client that sends its body too slowly with requestTimeout', async () => {
    let handled = false;
    const server = await serve(
      (s) =>
        s.addRoute('POST', '/', (e) => {
          handled = true;
          e.writeText(String(e.data));
        }),
      { requestTimeout: 1_000, headersTimeout: 500 },
    );
    const slow = slowClient(
      server.endpoints[0].port,
      'POST / HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n',
      'a',
      100,
    );
    try {
      const { received, afterMs } = await slow.closed;
      expect(afterMs).toBeGreaterThanOrEqual(900);
      expect(afterMs).toBeLessThan(3_500);
      expect(received).not.toMatch(/^HTTP\/1\.1 200/);
      expect(handled).toBe(false);
      expect(await (await fetch(server.url, { method: 'POST', body: 'quick' })).text()).toBe(
        'quick',
      );
    } finally {
      slow.stop();
    }
  });

  it('closes a connection that opens and sends nothing, by headersTimeout', async () => {
    const server = await serve((s) => s.addRoute('GET', '/', (e) => e.writeText('x')), {
      headersTimeout: 600,
    });
    const silent = slowClient(server.endpoints[0].port, '', '', 60_000);
    try {
      const { afterMs } = await silent.closed;
      expect(afterMs).toBeLessThan(3_000);
    } finally {
      silent.stop();
    }
  });

  it('answers a request with a garbled request line with 400 and keeps serving', async () => {
    const server = await serve((s) => s.addRoute('GET', '/', (e) => e.writeText('fine')));
    const bad = slowClient(server.endpoints[0].port, 'NOT A REQUEST\r\n\r\n', '', 60_000);
    try {
      const { received } = await bad.closed;
      expect(received).toMatch(/^HTTP\/1\.1 400 /);
      expect(await (await fetch(server.url)).text()).toBe('fine');
    } finally {
      bad.stop();
    }
  });

  it('answers oversized request headers with 431', async () => {
    const server = await serve((s) => s.addRoute('GET', '/', (e) => e.writeText('fine')));
    const huge = slowClient(
      server.endpoints[0].port,
      `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      '',
      60_000,
    );
    try {
      const { received } = await huge.closed;
      expect(received).toMatch(/^HTTP\/1\.1 431 /);
    } finally {
      huge.stop();
    }
  });
});
