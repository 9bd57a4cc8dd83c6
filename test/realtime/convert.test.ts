/**
 * Manual conversion (`e.toSignalConnection`, Pode's `ConvertTo-PodeSignalConnection`) on an
 * endpoint with `noAutoUpgradeWebSockets`, and signal groups, against a real server on port 0
 * with the real `ws` client: the route's authentication decides, the connection has a name of
 * its own, local connections close with the route, groups narrow sends and closes.
 */

import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  type ConnectionEvent,
  convertToSignalConnection,
  custom,
  disconnectSignal,
  type SignalConnection,
  type SignalEvent,
  sendSignal,
  signalConnectionCount,
  startServer,
} from '../../src/index.js';
import { serve } from '../helpers.js';
import { RefusedError, TestSocket, waitFor, wsUrl } from './support.js';

/** The http:// form of a ws:// endpoint URL (a ws endpoint serves HTTP too). */
function http(url: string): string {
  return url.replace(/^ws/, 'http');
}

const manualEndpoint = {
  address: '127.0.0.1',
  port: 0,
  protocol: 'ws' as const,
  noAutoUpgradeWebSockets: true,
};

describe('e.toSignalConnection on a noAutoUpgradeWebSockets endpoint', () => {
  it('opens a named connection whose messages reach the signal route of its path', async () => {
    const events: ConnectionEvent[] = [];
    const converted: SignalConnection[] = [];
    const messages: SignalEvent[] = [];
    const server = await serve(
      (s) => {
        s.addEndpoint(manualEndpoint);
        s.registerSignalEvent('Msg', 'connect', (e) => {
          events.push(e);
        });
        s.registerSignalEvent('Msg', 'disconnect', (e) => {
          events.push(e);
        });
        s.addRoute('GET', '/msg', (e) => {
          converted.push(e.toSignalConnection({ name: 'Msg' }));
          // Written after the conversion: dropped, the socket is no longer the route's.
          e.writeText('ignored');
        });
        s.addSignalRoute('/msg', (e) => {
          messages.push(e);
          sendSignal({ value: { echo: e.data.message } });
        });
        s.addRoute('POST', '/news', (e) => {
          sendSignal({ value: 'news', path: 'msg' });
          e.setStatus(204);
        });
      },
      {},
      { endpoint: false },
    );
    const client = await TestSocket.open(wsUrl(server.url, '/msg'));
    expect(signalConnectionCount('Msg')).toBe(1);
    expect(converted[0]).toMatchObject({ name: 'Msg', scope: 'global' });
    client.send({ message: 'hi' });
    expect(JSON.parse(await client.nth(1))).toEqual({ echo: 'hi' });
    expect(messages[0].path).toBe('/msg');
    expect(messages[0].name).toBe('Msg');
    expect(messages[0].clientId).toBe(converted[0].clientId);
    expect((await fetch(`${http(server.url)}/news`, { method: 'POST' })).status).toBe(204);
    expect(await client.nth(2)).toBe('news');
    client.close();
    await waitFor(() => events.length === 2, 'the disconnect event');
    expect(events.map((e) => [e.type, e.name, e.connection.clientId])).toEqual([
      ['connect', 'Msg', converted[0].clientId],
      ['disconnect', 'Msg', converted[0].clientId],
    ]);
  });

  it("sends Pode's X-Pode-Signal-* headers with the 101 and keeps e.signal", async () => {
    let seen: SignalConnection | undefined;
    const server = await serve(
      (s) => {
        s.addEndpoint(manualEndpoint);
        s.addRoute('GET', '/ws', (e) => {
          convertToSignalConnection({ name: 'Room', group: 'blue', clientId: 'client-7' });
          seen = e.signal;
        });
      },
      {},
      { endpoint: false },
    );
    const socket = new WebSocket(wsUrl(http(server.url), '/ws'));
    const headers = await new Promise<Record<string, string | string[] | undefined>>(
      (resolve, reject) => {
        socket.once('upgrade', (response) => resolve(response.headers));
        socket.once('error', reject);
      },
    );
    expect(headers['x-pode-signal-client-id']).toBe('client-7');
    expect(headers['x-pode-signal-name']).toBe('Room');
    expect(headers['x-pode-signal-group']).toBe('blue');
    expect(seen).toEqual({ name: 'Room', group: 'blue', clientId: 'client-7', scope: 'global' });
    socket.close();
  });

  it('the route authentication decides: no credentials get 401 and no socket', async () => {
    const server = await serve(
      (s) => {
        s.addEndpoint(manualEndpoint);
        s.addAuth(
          'token',
          custom((e) => e.query.token ?? null),
          (token: string) => (token === 'good' ? { user: { name: 'ada' } } : null),
          { sessionless: true },
        );
        s.addRoute({ method: 'GET', path: '/secure', authentication: 'token' }, (e) => {
          e.toSignalConnection({ name: 'Secure' });
        });
        s.addSignalRoute('/secure', (e) => {
          sendSignal({ value: { user: e.user }, clientId: e.clientId });
        });
      },
      {},
      { endpoint: false },
    );
    await expect(TestSocket.open(wsUrl(server.url, '/secure'))).rejects.toEqual(
      new RefusedError(401),
    );
    expect(signalConnectionCount()).toBe(0);
    const client = await TestSocket.open(wsUrl(server.url, '/secure?token=good'));
    client.send({ message: 'who' });
    expect(JSON.parse(await client.nth(1))).toEqual({ user: { name: 'ada' } });
    client.close();
  });

  it('does not upgrade by itself: a signal route path without a converting route is 404', async () => {
    const server = await serve(
      (s) => {
        s.addEndpoint(manualEndpoint);
        s.addSignalRoute('/auto', () => {});
      },
      {},
      { endpoint: false },
    );
    await expect(TestSocket.open(wsUrl(server.url, '/auto'))).rejects.toEqual(
      new RefusedError(404),
    );
  });

  it('a local connection gets the route’s sends and closes when the route ends', async () => {
    const events: string[] = [];
    const server = await serve(
      (s) => {
        s.addEndpoint(manualEndpoint);
        s.registerSignalEvent('Local', 'disconnect', (e) => {
          events.push(`${e.type}:${e.name}`);
        });
        s.addRoute('GET', '/local', async (e) => {
          e.toSignalConnection({ name: 'Local', scope: 'local' });
          sendSignal({ value: 'one', path: 'Local' });
          await new Promise((resolve) => setTimeout(resolve, 50));
          sendSignal({ value: 'two', path: 'Local' });
        });
      },
      {},
      { endpoint: false },
    );
    const client = await TestSocket.open(wsUrl(server.url, '/local'));
    expect(signalConnectionCount('Local')).toBe(0);
    expect(await client.closed()).toBe(1000);
    expect(client.messages).toEqual(['one', 'two']);
    await waitFor(() => events.length === 1, 'the disconnect event');
    expect(events).toEqual(['disconnect:Local']);
  });

  it('a local connection is not reached by its own id, even from the route answering its message', async () => {
    const handled: string[] = [];
    const server = await serve(
      (s) => {
        s.addEndpoint(manualEndpoint);
        s.addRoute('GET', '/local-echo', async (e) => {
          e.toSignalConnection({ name: 'LocalEcho', scope: 'local' });
          sendSignal({ value: 'from the route', path: 'LocalEcho' });
          await new Promise((resolve) => setTimeout(resolve, 300));
        });
        s.addSignalRoute('/local-echo', (e) => {
          sendSignal({ value: 'by id', clientId: e.clientId });
          handled.push(String(e.data.message));
        });
      },
      {},
      { endpoint: false },
    );
    const client = await TestSocket.open(wsUrl(server.url, '/local-echo'));
    client.socket.send(JSON.stringify({ message: 'hi' }));
    await waitFor(() => handled.length === 1, 'the signal route to run');
    expect(await client.closed()).toBe(1000);
    expect(handled).toEqual(['hi']);
    expect(client.messages).toEqual(['from the route']);
  });

  it('a plain HTTP request to a converting route gets 426; bad options and a taken id get clear errors', async () => {
    const server = await serve(
      (s) => {
        s.addEndpoint(manualEndpoint);
        s.addRoute('GET', '/msg', (e) => {
          e.toSignalConnection({ name: 'Msg', clientId: 'fixed' });
        });
        s.addRoute('GET', '/bad', (e) => {
          e.toSignalConnection({ name: '' });
        });
        s.addRoute('GET', '/scope', (e) => {
          e.toSignalConnection({ name: 'x', scope: 'nowhere' as 'local' });
        });
      },
      {},
      { endpoint: false },
    );
    const plain = await fetch(`${http(server.url)}/msg`);
    expect(plain.status).toBe(426);
    expect(plain.headers.get('upgrade')).toBe('websocket');
    await expect(TestSocket.open(wsUrl(server.url, '/bad'))).rejects.toEqual(new RefusedError(500));
    await expect(TestSocket.open(wsUrl(server.url, '/scope'))).rejects.toEqual(
      new RefusedError(500),
    );
    const first = await TestSocket.open(wsUrl(server.url, '/msg'));
    await expect(TestSocket.open(wsUrl(server.url, '/msg'))).rejects.toEqual(new RefusedError(409));
    expect(first.socket.readyState).toBe(1);
    expect((await fetch(`${http(server.url)}/msg`)).status).toBe(426);
    first.close();
  });

  it('noAutoUpgradeWebSockets must be a boolean (a set-up error)', async () => {
    await expect(
      startServer(
        (s) => {
          s.addEndpoint({ port: 0, noAutoUpgradeWebSockets: 'yes' as unknown as boolean });
        },
        { logger: false, handleSignals: false },
      ),
    ).rejects.toThrow(/noAutoUpgradeWebSockets must be true or false/);
  });
});

describe('signal groups', () => {
  it('sendSignal and disconnectSignal with group reach only that group', async () => {
    const server = await serve(
      (s) => {
        s.addEndpoint(manualEndpoint);
        s.addRoute('GET', '/room/:group', (e) => {
          e.toSignalConnection({ name: 'Room', group: e.parameters.group });
        });
        s.addRoute('POST', '/send/:group', (e) => {
          sendSignal({
            value: `to ${e.parameters.group}`,
            path: 'Room',
            group: e.parameters.group,
          });
          e.setStatus(204);
        });
        s.addRoute('POST', '/close/:group', (e) => {
          disconnectSignal({ path: 'Room', group: e.parameters.group });
          e.setStatus(204);
        });
      },
      {},
      { endpoint: false },
    );
    const red = await TestSocket.open(wsUrl(server.url, '/room/red'));
    const blue = await TestSocket.open(wsUrl(server.url, '/room/blue'));
    await fetch(`${http(server.url)}/send/red`, { method: 'POST' });
    await fetch(`${http(server.url)}/send/blue`, { method: 'POST' });
    expect(await red.nth(1)).toBe('to red');
    expect(await blue.nth(1)).toBe('to blue');
    await fetch(`${http(server.url)}/close/blue`, { method: 'POST' });
    expect(await blue.closed()).toBe(1000);
    expect(red.socket.readyState).toBe(1);
    expect(red.messages).toEqual(['to red']);
    // A client's own message naming a group goes to that group only.
    red.send({ message: 'shout', group: 'red' });
    expect(await red.nth(2)).toBe('shout');
    red.close();
  });
});

describe('an http and a ws endpoint on one port', () => {
  it("share one listener, as Pode's do: HTTP to the routes, WebSockets to the ws endpoint", async () => {
    const free = await new Promise<number>((resolve) => {
      const probe = createServer();
      probe.listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const server = await serve(
      (s) => {
        s.addEndpoint({ address: '127.0.0.1', port: free, protocol: 'http' });
        s.addEndpoint({ ...manualEndpoint, port: free });
        s.addRoute('GET', '/', (e) => e.writeText('page'));
        s.addRoute('GET', '/msg', (e) => {
          e.toSignalConnection({ name: 'Msg' });
        });
        // Not reached by itself: the ws endpoint takes this port's upgrades, and converts only.
        s.addSignalRoute('/auto', () => {});
      },
      {},
      { endpoint: false },
    );
    expect(server.endpoints.map((e) => e.port)).toEqual([free, free]);
    expect(await (await fetch(`http://127.0.0.1:${free}/`)).text()).toBe('page');
    const client = await TestSocket.open(`ws://127.0.0.1:${free}/msg`);
    expect(signalConnectionCount('Msg')).toBe(1);
    await expect(TestSocket.open(`ws://127.0.0.1:${free}/auto`)).rejects.toEqual(
      new RefusedError(404),
    );
    client.close();
  });
});
