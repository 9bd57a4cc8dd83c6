/**
 * A server without signal routes and without a ws endpoint pays nothing for WebSockets: the `ws`
 * library is never loaded. Checked in a fresh process against dist/ (build first): ESM imports
 * of a CommonJS package land in require.cache, which the child reads after start-up. Also: a
 * `wss` endpoint serves WebSockets over TLS.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { selfSignedCertificate, serve } from '../helpers.js';

const dist = fileURLToPath(new URL('../../dist/index.js', import.meta.url));

function wsLoadedAfter(setup: string): boolean {
  const script = `
    import { createRequire } from 'node:module';
    import { startServer } from ${JSON.stringify(dist)};
    const server = await startServer((s) => {
      s.addEndpoint({ address: '127.0.0.1', port: 0 });
      s.addRoute('GET', '/', (e) => e.writeText('hi'));
      ${setup}
    }, { logger: false, handleSignals: false });
    const cache = createRequire(import.meta.url).cache;
    console.log(JSON.stringify(Object.keys(cache).some((file) => /[\\\\/]node_modules[\\\\/]ws[\\\\/]/.test(file))));
    await server.stop();
  `;
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  return JSON.parse(output.trim().split('\n').pop() as string) as boolean;
}

describe('the ws library loads lazily', () => {
  it('is not loaded by a server without signal routes (SSE and real-time options included)', () => {
    expect(wsLoadedAfter('s.setRealtimeOptions({ sseHeartbeat: 1000 });')).toBe(false);
  });

  it('is loaded by a server with a signal route', () => {
    expect(wsLoadedAfter("s.addSignalRoute('/ws', () => {});")).toBe(true);
  });
});

describe('wss endpoints', () => {
  it('accept WebSockets over TLS on any path', async () => {
    const { key, cert } = selfSignedCertificate();
    const server = await serve(
      (s) => {
        s.addEndpoint({ address: '127.0.0.1', port: 0, protocol: 'wss', tls: { key, cert } });
      },
      {},
      { endpoint: false },
    );
    expect(server.url.startsWith('wss://')).toBe(true);
    const socket = new WebSocket(`${server.url}/room`, { rejectUnauthorized: false });
    const reply = await new Promise<string>((resolve, reject) => {
      socket.once('open', () => socket.send(JSON.stringify({ message: 'over tls' })));
      socket.once('message', (data) => resolve(String(data)));
      socket.once('error', reject);
    });
    expect(reply).toBe('over tls');
    socket.close();
  });
});
