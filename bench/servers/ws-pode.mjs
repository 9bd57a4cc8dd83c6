/**
 * S7: pode-ts's signals: a signal route on /echo sends each message's `message` back to its
 * sender, as a Pode script would (`Send-PodeSignal -ClientId …`).
 * Usage: node bench/servers/ws-pode.mjs (prints {"port":…}; stats over IPC, see common.mjs).
 * BENCH_PODE_DIST: the build to load (default ../../dist); BENCH_ASYNC_CONTEXT=off starts it with
 * `asyncContext: false` (the `pode-lite` peer of bench/websocket.mjs).
 */
import { pathToFileURL } from 'node:url';
import { ready } from './common.mjs';

const dist = process.env.BENCH_PODE_DIST ?? new URL('../../dist', import.meta.url).pathname;
const { sendSignal, startServer } = await import(pathToFileURL(`${dist}/index.js`).href);

const server = await startServer(
  (s) => {
    s.addEndpoint({ address: '127.0.0.1', port: 0 });
    s.setRealtimeOptions({ maxConnections: 50_000 });
    s.addSignalRoute('/echo', (e) => sendSignal({ value: e.data.message, clientId: e.clientId }));
  },
  { logger: false, handleSignals: false, asyncContext: process.env.BENCH_ASYNC_CONTEXT !== 'off' },
);
ready(server.endpoints[0].port);
