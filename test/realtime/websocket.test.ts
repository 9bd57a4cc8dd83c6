/**
 * Signals (WebSockets) against a real server on port 0 with the real `ws` client: signal routes,
 * sendSignal to one client / a path / everyone, connection events, disconnectSignal, the upgrade
 * request through middleware and authentication, and the limits (message size, connections,
 * pings, a client that never reads) plus malformed upgrade requests.
 */
import { describe, expect, it } from 'vitest';
import {
  type ConnectionEvent,
  custom,
  disconnectSignal,
  getWebEvent,
  type SignalEvent,
  sendSignal,
  signalConnectionCount,
} from '../../src/index.js';
import { Client, serve } from '../helpers.js';
import { RefusedError, rawRequest, rawWebSocket, TestSocket, waitFor, wsUrl } from './support.js';

function port(url: string): number {
  return Number(new URL(url).port);
}

describe('signal routes', () => {
  it('a signal route gets each message with the client id and path, and answers through sendSignal', async () => {
    const seen: SignalEvent[] = [];
    const server = await serve((s) => {
      s.addSignalRoute('/echo', (e) => {
        seen.push(e);
        sendSignal({ value: { echo: e.data.message, from: e.clientId }, clientId: e.clientId });
      });
    });
    const client = await TestSocket.open(wsUrl(server.url, '/echo'));
    client.send({ message: 'hello' });
    const reply = JSON.parse(await client.nth(1));
    expect(reply.echo).toBe('hello');
    expect(seen[0].path).toBe('/echo');
    expect(reply.from).toBe(seen[0].clientId);
    client.send('plain text, not JSON');
    expect(JSON.parse(await client.nth(2)).echo).toBe('plain text, not JSON');
    client.close();
  });

  it('an answer to the sender by its id still honours the path and group it names', async () => {
    const server = await serve((s) => {
      s.addSignalRoute('/answer', (e) => {
        sendSignal({ value: 'another path', clientId: e.clientId, path: '/elsewhere' });
        sendSignal({ value: 'another group', clientId: e.clientId, group: 'admins' });
        sendSignal({ value: 'same path', clientId: e.clientId, path: '/ANSWER' });
        sendSignal({ value: 'ignoring the event', clientId: e.clientId, ignoreEvent: true });
      });
    });
    const client = await TestSocket.open(wsUrl(server.url, '/answer'));
    client.send({ message: 'go' });
    expect(await client.nth(2)).toBe('ignoring the event');
    client.send({ message: 'again' });
    expect(await client.nth(4)).toBe('ignoring the event');
    expect(client.messages).toEqual([
      'same path',
      'ignoring the event',
      'same path',
      'ignoring the event',
    ]);
    client.close();
  });

  it('answers and broadcasts are text frames carrying the UTF-8 text, to one client and to many', async () => {
    const server = await serve((s) => {
      s.addSignalRoute('/text', (e) => {
        if (e.data.message === 'all') sendSignal({ value: 'à tous ✓', path: '/text' });
        else sendSignal({ value: `écho ${String(e.data.message)} 🚀`, clientId: e.clientId });
      });
    });
    const frames = (socket: TestSocket) => {
      const seen: { binary: boolean; text: string }[] = [];
      socket.socket.on('message', (data, isBinary) =>
        seen.push({ binary: isBinary, text: String(data) }),
      );
      return seen;
    };
    const one = await TestSocket.open(wsUrl(server.url, '/text'));
    const two = await TestSocket.open(wsUrl(server.url, '/text'));
    const oneFrames = frames(one);
    const twoFrames = frames(two);
    one.send({ message: 'ça' });
    expect(await one.nth(1)).toBe('écho ça 🚀');
    one.send({ message: 'all' });
    expect(await one.nth(2)).toBe('à tous ✓');
    expect(await two.nth(1)).toBe('à tous ✓');
    expect(oneFrames).toEqual([
      { binary: false, text: 'écho ça 🚀' },
      { binary: false, text: 'à tous ✓' },
    ]);
    expect(twoFrames).toEqual([{ binary: false, text: 'à tous ✓' }]);
    one.close();
    two.close();
  });

  it('after an await, a signal route still answers its sender by the free sendSignal, and finds no WebEvent', async () => {
    const server = await serve((s) => {
      s.addSignalRoute('/later', async (e) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        let event = 'none';
        try {
          getWebEvent();
          event = 'found';
        } catch (error) {
          event = (error as { code?: string }).code ?? 'other error';
        }
        sendSignal({ value: { echo: e.data.message, event } });
      });
    });
    const one = await TestSocket.open(wsUrl(server.url, '/later'));
    const two = await TestSocket.open(wsUrl(server.url, '/later'));
    one.send({ message: 'first', direct: true });
    const reply = JSON.parse(await one.nth(1));
    expect(reply).toEqual({ echo: 'first', event: 'PODE_ERR_NO_REQUEST' });
    two.send({ message: 'second', direct: true });
    expect(JSON.parse(await two.nth(1)).echo).toBe('second');
    one.close();
    two.close();
  });

  it('sendSignal from an HTTP route reaches every client of a path, one client, or everyone', async () => {
    const ids: string[] = [];
    const server = await serve((s) => {
      s.addSignalRoute('/a', () => {});
      s.addSignalRoute('/b', () => {});
      s.registerSignalEvent('/a', 'connect', (e) => {
        ids.push(e.connection.clientId);
      });
      s.addRoute('POST', '/send', (e) => {
        const body = e.data as { value: string; path?: string; clientId?: string };
        sendSignal(body);
        e.writeJson({ sent: true });
      });
    });
    const a1 = await TestSocket.open(wsUrl(server.url, '/a'));
    const a2 = await TestSocket.open(wsUrl(server.url, '/a'));
    const b = await TestSocket.open(wsUrl(server.url, '/b'));
    await waitFor(() => ids.length === 2, 'two connect events');
    const http = new Client(server.url);
    const post = (body: unknown) =>
      http.fetch('/send', {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
      });
    await post({ value: 'to-a', path: '/a' });
    expect(await a1.nth(1)).toBe('to-a');
    expect(await a2.nth(1)).toBe('to-a');
    await post({ value: 'to-all' });
    expect(await b.nth(1)).toBe('to-all');
    expect(await a1.nth(2)).toBe('to-all');
    const second = ids.find((id) => id !== ids[0]) as string;
    await post({ value: 'to-one', clientId: second });
    await post({ value: 'to-all-again' });
    expect(await b.nth(2)).toBe('to-all-again');
    // The one-client message came before the last broadcast, to exactly one of the two.
    await waitFor(() => a1.messages.length + a2.messages.length === 7, 'the a-clients messages');
    const toOne = [...a1.messages, ...a2.messages].filter((m) => m === 'to-one');
    expect(toOne).toHaveLength(1);
    const target = a1.messages.includes('to-one') ? a1 : a2;
    expect(target.messages).toEqual(['to-a', 'to-all', 'to-one', 'to-all-again']);
    expect(b.messages).not.toContain('to-one');
    for (const socket of [a1, a2, b]) socket.close();
  });

  it('on a ws endpoint a path without a signal route rebroadcasts as Pode does, and direct answers only the sender', async () => {
    const server = await serve(
      (s) => {
        s.addEndpoint({ address: '127.0.0.1', port: 0, protocol: 'ws' });
      },
      {},
      { endpoint: false },
    );
    expect(server.url.startsWith('ws://')).toBe(true);
    const one = await TestSocket.open(`${server.url}/chat`);
    const two = await TestSocket.open(`${server.url}/chat`);
    one.send({ message: 'hi all' });
    expect(await two.nth(1)).toBe('hi all');
    expect(await one.nth(1)).toBe('hi all');
    one.send({ message: 'only me', direct: true });
    expect(await one.nth(2)).toBe('only me');
    two.send({ message: 'sync' });
    expect(await two.nth(2)).toBe('sync');
    expect(two.messages).not.toContain('only me');
    one.close();
    two.close();
  });

  it('connect and disconnect events fire, and disconnectSignal closes with 1000', async () => {
    const events: ConnectionEvent[] = [];
    const server = await serve((s) => {
      s.addSignalRoute('/room', () => {});
      s.registerSignalEvent('/room', 'Connect' as 'connect', (e) => {
        events.push(e);
      });
      s.registerSignalEvent('/room', 'disconnect', (e) => {
        events.push(e);
      });
      s.addRoute('POST', '/kick', (e) => {
        disconnectSignal({ path: '/room' });
        e.setStatus(204);
      });
    });
    const client = await TestSocket.open(wsUrl(server.url, '/room'));
    await waitFor(() => events.length === 1, 'the connect event');
    expect(events[0]).toMatchObject({ type: 'connect', name: '/room' });
    await new Client(server.url).fetch('/kick', { method: 'POST' });
    expect(await client.closed()).toBe(1000);
    await waitFor(() => events.length === 2, 'the disconnect event');
    expect(events[1].type).toBe('disconnect');
    expect(events[1].connection.clientId).toBe(events[0].connection.clientId);
    expect(signalConnectionCount()).toBe(0);
  });

  it('with asyncContext: false a signal route still answers where the message asked (synchronous part)', async () => {
    const server = await serve(
      (s) => {
        s.addSignalRoute('/sync', () => sendSignal({ value: 'pong' }));
      },
      { asyncContext: false },
    );
    const one = await TestSocket.open(wsUrl(server.url, '/sync'));
    const two = await TestSocket.open(wsUrl(server.url, '/sync'));
    one.send({ message: 'ping', direct: true });
    expect(await one.nth(1)).toBe('pong');
    two.send({ message: 'ping', path: '/sync' });
    expect(await one.nth(2)).toBe('pong');
    expect(await two.nth(1)).toBe('pong');
    expect(two.messages).toEqual(['pong']);
    one.close();
    two.close();
  });

  it('a signal route that throws is logged and the socket stays open', async () => {
    const server = await serve((s) => {
      s.addSignalRoute('/bad', (e) => {
        if (e.data.message === 'boom') throw new Error('boom');
        sendSignal({ value: 'fine', clientId: e.clientId });
      });
    });
    const client = await TestSocket.open(wsUrl(server.url, '/bad'));
    client.send({ message: 'boom' });
    client.send({ message: 'next' });
    expect(await client.nth(1)).toBe('fine');
    client.close();
  });
});

describe('the upgrade request', () => {
  it('goes through the route authentication: no credentials get 401 and no socket; the user reaches the event', async () => {
    const users: unknown[] = [];
    const server = await serve((s) => {
      s.addAuth(
        'token',
        custom((e) => e.query.token ?? null),
        (token: string) => (token === 'good' ? { user: { name: 'ada' } } : null),
        { sessionless: true },
      );
      s.addSignalRoute(
        '/secure',
        (e) => {
          users.push(e.user);
          sendSignal({ value: 'ok', clientId: e.clientId });
        },
        { authentication: 'token' },
      );
    });
    await expect(TestSocket.open(wsUrl(server.url, '/secure'))).rejects.toEqual(
      new RefusedError(401),
    );
    await expect(TestSocket.open(wsUrl(server.url, '/secure?token=bad'))).rejects.toBeInstanceOf(
      RefusedError,
    );
    expect(signalConnectionCount()).toBe(0);
    const client = await TestSocket.open(wsUrl(server.url, '/secure?token=good'));
    client.send({ message: 'x' });
    expect(await client.nth(1)).toBe('ok');
    expect(users).toEqual([{ name: 'ada' }]);
    client.close();
  });

  it('goes through global middleware: a middleware that answers 403 stops it', async () => {
    const server = await serve((s) => {
      s.addMiddleware('gate', (e) => {
        if (e.headers['x-allow'] !== 'yes') {
          e.setStatus(403);
          return false;
        }
        return true;
      });
      s.addSignalRoute('/gated', () => {});
    });
    await expect(TestSocket.open(wsUrl(server.url, '/gated'))).rejects.toEqual(
      new RefusedError(403),
    );
    const client = await TestSocket.open(wsUrl(server.url, '/gated'), { 'x-allow': 'yes' });
    expect(client.socket.readyState).toBe(1);
    client.close();
  });

  it("carries a read-only snapshot of the upgrade request's session", async () => {
    const sessions: unknown[] = [];
    const server = await serve((s) => {
      s.enableSessionMiddleware({ secret: 'realtime-test-secret-0123456789abcdef' });
      s.addRoute('GET', '/login', (e) => {
        e.session.data.name = 'grace';
        e.writeJson({ ok: true });
      });
      s.addSignalRoute('/s', (e) => {
        sessions.push(e.session);
        let frozen = false;
        try {
          (e.session as Record<string, unknown>).name = 'changed';
        } catch {
          frozen = true;
        }
        sendSignal({ value: { frozen }, clientId: e.clientId });
      });
    });
    const http = new Client(server.url);
    await http.fetch('/login');
    const client = await TestSocket.open(wsUrl(server.url, '/s'), { cookie: http.cookieHeader() });
    client.send({ message: 'x' });
    expect(JSON.parse(await client.nth(1))).toEqual({ frozen: true });
    expect(sessions[0]).toMatchObject({ name: 'grace' });
    client.close();
  });

  it('to a path without a signal route on an http endpoint gets the HTTP answer (404) and no socket', async () => {
    const server = await serve((s) => {
      s.addSignalRoute('/only', () => {});
      s.addRoute('GET', '/page', (e) => e.writeText('page'));
    });
    await expect(TestSocket.open(wsUrl(server.url, '/nowhere'))).rejects.toEqual(
      new RefusedError(404),
    );
    // A non-WebSocket upgrade is served as plain HTTP.
    const answer = await rawRequest(
      port(server.url),
      'GET /page HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n',
    );
    expect(answer.startsWith('HTTP/1.1 200')).toBe(true);
    expect(answer.endsWith('page')).toBe(true);
  });

  it('malformed upgrade requests get 400 and the server keeps serving', async () => {
    const server = await serve((s) => {
      s.addSignalRoute('/ws', () => {});
      s.addRoute('GET', '/alive', (e) => e.writeText('yes'));
    });
    const p = port(server.url);
    const base = 'Host: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n';
    const cases = [
      `GET /ws HTTP/1.1\r\n${base}Sec-WebSocket-Version: 13\r\n\r\n`, // no key
      `GET /ws HTTP/1.1\r\n${base}Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: short\r\n\r\n`,
      `GET /ws HTTP/1.1\r\n${base}Sec-WebSocket-Version: 99\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`,
      `POST /ws HTTP/1.1\r\n${base}Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`,
      `GET /ws%zz HTTP/1.1\r\n${base}Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`,
    ];
    for (const head of cases) {
      const answer = await rawRequest(p, head);
      expect(answer.split('\r\n')[0], head).toMatch(/^HTTP\/1\.1 4\d\d/);
      expect(answer).not.toContain('101');
    }
    expect(await (await fetch(`${server.url}/alive`)).text()).toBe('yes');
    expect(signalConnectionCount()).toBe(0);
  });
});

describe('limits', () => {
  it('a message over maxMessageSize closes the socket with 1009', async () => {
    const server = await serve((s) => {
      s.setRealtimeOptions({ maxMessageSize: 1024 });
      s.addSignalRoute('/small', (e) => sendSignal({ value: 'got', clientId: e.clientId }));
    });
    const client = await TestSocket.open(wsUrl(server.url, '/small'));
    client.send({ message: 'x'.repeat(500) });
    expect(await client.nth(1)).toBe('got');
    client.send({ message: 'x'.repeat(2000) });
    expect(await client.closed()).toBe(1009);
    await waitFor(() => signalConnectionCount() === 0, 'the server to forget the client');
  });

  it('past maxConnections an upgrade gets 503', async () => {
    const server = await serve((s) => {
      s.setRealtimeOptions({ maxConnections: 2 });
      s.addSignalRoute('/full', () => {});
    });
    const one = await TestSocket.open(wsUrl(server.url, '/full'));
    const two = await TestSocket.open(wsUrl(server.url, '/full'));
    await expect(TestSocket.open(wsUrl(server.url, '/full'))).rejects.toEqual(
      new RefusedError(503),
    );
    one.close();
    await waitFor(() => signalConnectionCount() === 1, 'one connection to go');
    const three = await TestSocket.open(wsUrl(server.url, '/full'));
    two.close();
    three.close();
  });

  it('a peer that never answers pings is dropped', async () => {
    const events: string[] = [];
    const server = await serve((s) => {
      s.setRealtimeOptions({ pingInterval: 100 });
      s.addSignalRoute('/ping', () => {});
      s.registerSignalEvent('/ping', 'disconnect', () => {
        events.push('gone');
      });
    });
    const healthy = await TestSocket.open(wsUrl(server.url, '/ping'));
    const dead = await rawWebSocket(port(server.url), '/ping');
    dead.on('data', () => {}); // reads the pings, never answers them
    await waitFor(() => events.length === 1, 'the dead peer to be dropped', 5_000);
    expect(signalConnectionCount()).toBe(1);
    expect(healthy.socket.readyState).toBe(1);
    healthy.close();
    dead.destroy();
  });

  it('a client that never reads is dropped once its send buffer passes maxBufferedBytes, and memory stays bounded', async () => {
    const events: string[] = [];
    const server = await serve((s) => {
      s.setRealtimeOptions({ maxBufferedBytes: 1024 * 1024, pingInterval: 0 });
      s.addSignalRoute('/feed', () => {});
      s.registerSignalEvent('/feed', 'disconnect', () => {
        events.push('dropped');
      });
    });
    const reader = await TestSocket.open(wsUrl(server.url, '/feed'));
    const stuck = await rawWebSocket(port(server.url), '/feed');
    stuck.pause();
    await waitFor(() => signalConnectionCount() === 2, 'two clients');
    const chunk = 'x'.repeat(32 * 1024);
    const before = process.memoryUsage().rss;
    // Up to 100 MB offered, a little at a time so that a client that reads keeps up.
    for (let i = 0; i < 3200 && events.length === 0; i++) {
      sendSignal({ value: chunk, path: '/feed' });
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await waitFor(() => events.length === 1, 'the stuck client to be dropped');
    const growth = process.memoryUsage().rss - before;
    expect(growth).toBeLessThan(150 * 1024 * 1024);
    expect(signalConnectionCount()).toBe(1);
    expect(reader.socket.readyState).toBe(1);
    reader.close();
    stuck.destroy();
  });
});

describe('stopping', () => {
  it('stop() closes every socket with 1001 and fires the disconnect events', async () => {
    const { startServer } = await import('../../src/index.js');
    const gone: string[] = [];
    const server = await startServer(
      (s) => {
        s.addEndpoint({ address: '127.0.0.1', port: 0 });
        s.addSignalRoute('/bye', () => {});
        s.registerSignalEvent('/bye', 'disconnect', (e) => {
          gone.push(e.connection.clientId);
        });
      },
      { logger: false, handleSignals: false },
    );
    const client = await TestSocket.open(wsUrl(server.url, '/bye'));
    await waitFor(() => signalConnectionCount() === 1, 'the connection');
    await server.stop();
    expect(await client.closed()).toBe(1001);
    expect(gone).toHaveLength(1);
    expect(signalConnectionCount()).toBe(0);
  });
});

describe('set-up errors', () => {
  it('refuses bad signal routes and options at once', async () => {
    const { startServer } = await import('../../src/index.js');
    const attempt = (setup: Parameters<typeof startServer>[0]) =>
      startServer(
        (s) => {
          s.addEndpoint({ address: '127.0.0.1', port: 0 });
          return setup(s);
        },
        { logger: false, handleSignals: false },
      );
    await expect(attempt((s) => s.addSignalRoute('no-slash', () => {}))).rejects.toMatchObject({
      code: 'PODE_ERR_BAD_ROUTE',
    });
    await expect(
      attempt((s) => s.addSignalRoute('/x', () => {}).addSignalRoute('/x', () => {})),
    ).rejects.toMatchObject({ code: 'PODE_ERR_ROUTE_EXISTS' });
    await expect(
      attempt((s) => s.setRealtimeOptions({ maxMesageSize: 5 } as never)),
    ).rejects.toMatchObject({ code: 'PODE_ERR_UNKNOWN_OPTION' });
    await expect(attempt((s) => s.setRealtimeOptions({ maxConnections: 0 }))).rejects.toMatchObject(
      { code: 'PODE_ERR_BAD_OPTION' },
    );
    await expect(
      attempt((s) => s.registerSignalEvent('/x', 'open' as never, () => {})),
    ).rejects.toMatchObject({ code: 'PODE_ERR_BAD_OPTION' });
    await expect(
      attempt((s) => s.addSignalRoute('/x', () => {}, { authentication: 'nope' })),
    ).rejects.toMatchObject({ code: 'PODE_ERR_AUTH_UNKNOWN' });
  });
});
