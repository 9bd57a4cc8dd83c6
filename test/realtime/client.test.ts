/**
 * WebSocket clients (Connect-PodeWebSocket and friends) against a real `ws` server on port 0:
 * messages reach the handler parsed as JSON, sendWebSocket answers (by name, or the current
 * connection inside the handler), reset reconnects (to a new URL too), disconnect and remove,
 * the concurrency limit, and a server that cannot connect at start-up does not start.
 */
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type WebSocket, WebSocketServer } from 'ws';
import {
  connectWebSocket,
  disconnectWebSocket,
  removeWebSocket,
  resetWebSocket,
  sendWebSocket,
  startServer,
  testWebSocket,
  type WebSocketEvent,
} from '../../src/index.js';
import { serve } from '../helpers.js';
import { waitFor } from './support.js';

/** A plain ws server that records what it gets and lets the test push to its clients. */
async function peer(): Promise<{
  url: string;
  got: string[];
  sockets: WebSocket[];
  close: () => Promise<void>;
}> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((resolve) => wss.once('listening', resolve));
  const got: string[] = [];
  const sockets: WebSocket[] = [];
  wss.on('connection', (socket) => {
    sockets.push(socket);
    socket.on('message', (data) => got.push(String(data)));
  });
  return {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`,
    got,
    sockets,
    close: () =>
      new Promise((resolve) => {
        for (const socket of wss.clients) socket.terminate();
        wss.close(() => resolve());
      }),
  };
}

const peers: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  for (const name of ['Example', 'Late', 'Slow']) await removeWebSocket({ name });
  await Promise.all(peers.splice(0).map((p) => p.close()));
});

describe('WebSocket clients', () => {
  it('connect at start-up, hand each message to the handler and answer with sendWebSocket', async () => {
    const remote = await peer();
    peers.push(remote);
    const seen: WebSocketEvent[] = [];
    await serve((s) => {
      s.connectWebSocket('Example', remote.url, (e) => {
        seen.push(e);
        const data = e.data as { message: string };
        if (!data.message.startsWith('Ex:'))
          sendWebSocket({ message: { message: `Ex: ${data.message}` } });
      });
    });
    expect(testWebSocket('Example')).toBe(true);
    await waitFor(() => remote.sockets.length === 1, 'the connection');
    remote.sockets[0].send(JSON.stringify({ message: 'hello' }));
    await waitFor(() => remote.got.length === 1, 'the answer');
    expect(JSON.parse(remote.got[0])).toEqual({ message: 'Ex: hello' });
    expect(seen[0].request).toEqual({ name: 'Example', url: remote.url });
    remote.sockets[0].send('not json');
    await waitFor(() => seen.length === 2, 'the second message');
    expect(seen[1].data).toBe('not json');
    sendWebSocket({ name: 'Example', message: 'plain text' });
    await waitFor(() => remote.got.length === 2, 'the plain send');
    expect(remote.got[1]).toBe('plain text');
  });

  it('reset reconnects (to a new URL too); disconnect closes; remove forgets', async () => {
    const first = await peer();
    const second = await peer();
    peers.push(first, second);
    await connectWebSocket('Late', first.url);
    await waitFor(() => first.sockets.length === 1, 'the first connection');
    await resetWebSocket({ name: 'Late' });
    await waitFor(() => first.sockets.length === 2, 'the reconnection');
    await resetWebSocket({ name: 'Late', url: second.url });
    await waitFor(() => second.sockets.length === 1, 'the new URL');
    await disconnectWebSocket({ name: 'Late' });
    expect(testWebSocket('Late')).toBe(false);
    sendWebSocket({ name: 'Late', message: 'dropped' }); // not connected: nothing happens
    await resetWebSocket({ name: 'Late' });
    expect(testWebSocket('Late')).toBe(true);
    await expect(connectWebSocket('Late', first.url)).rejects.toThrow(
      /Already connected to a WebSocket named 'Late'/,
    );
    await removeWebSocket({ name: 'Late' });
    expect(testWebSocket('Late')).toBe(false);
    await connectWebSocket('Late', first.url);
    expect(testWebSocket('Late')).toBe(true);
  });

  it('the concurrency limit makes messages wait for a free handler', async () => {
    const remote = await peer();
    peers.push(remote);
    let running = 0;
    let most = 0;
    let handled = 0;
    await serve((s) => {
      s.setWebSocketConcurrency(1);
      s.connectWebSocket('Slow', remote.url, async () => {
        running++;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 20));
        running--;
        handled++;
      });
    });
    await waitFor(() => remote.sockets.length === 1, 'the connection');
    for (let i = 0; i < 4; i++) remote.sockets[0].send(String(i));
    await waitFor(() => handled === 4, 'every message');
    expect(most).toBe(1);
  });

  it('bad input: a server that cannot connect does not start; bad urls and names are errors', async () => {
    await expect(
      startServer(
        (s) => {
          s.addEndpoint({ port: 0 });
          s.connectWebSocket('Nowhere', 'ws://127.0.0.1:9');
        },
        { logger: false, handleSignals: false },
      ),
    ).rejects.toThrow(/Failed to connect to the WebSocket 'Nowhere' at ws:\/\/127.0.0.1:9/);
    await expect(startServer((s) => s.connectWebSocket('x', 'http://example.com'))).rejects.toThrow(
      /url must start with ws:\/\/ or wss:\/\//,
    );
    await expect(connectWebSocket('', 'ws://x')).rejects.toThrow(/needs a name/);
    expect(() => sendWebSocket({ message: 'x' })).toThrow(/needs a name outside/);
    await expect(
      startServer((s) => s.setWebSocketConcurrency(0), { logger: false }),
    ).rejects.toThrow(/above 0/);
  });
});
