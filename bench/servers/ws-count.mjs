/**
 * S7's instruction-count peers (bench/ws-instructions.mjs): one echo server, chosen by argv[2]:
 *   raw        the `ws` library on node:http, echoing each message (the limit)
 *   raw-als    the same with one AsyncLocalStorage entered per connection (the hooks Node 20
 *              runs for every async resource while an AsyncLocalStorage is enabled)
 *   raw-json   the `ws` library doing the work Pode's signal protocol asks of the pode peer:
 *              the message decoded and parsed as JSON (`{ message, path?, clientId? }`), its
 *              `message` sent back as a text frame (a string is sent as it is, as sendSignal
 *              does); written as a hand-written server would write it (`socket.send(string)`)
 *   pode       pode-ts's signal route on /echo (as bench/servers/ws-pode.mjs)
 *   pode-lite  the same with asyncContext: false
 * Prints {"port":…} and exits on SIGTERM (so valgrind writes its totals).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { WebSocketServer } from 'ws';

const peer = process.argv[2] ?? 'raw';
const print = (port) => process.stdout.write(`${JSON.stringify({ port })}\n`);
process.on('SIGTERM', () => process.exit(0));

if (peer === 'raw' || peer === 'raw-als') {
  const als = peer === 'raw-als' ? new AsyncLocalStorage() : undefined;
  const server = createServer((_request, response) => {
    response.statusCode = 404;
    response.end();
  });
  const wss = new WebSocketServer({ server, maxPayload: 64 * 1024, perMessageDeflate: false });
  wss.on('connection', (socket) => {
    als?.enterWith({ socket });
    socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
  });
  server.listen(0, '127.0.0.1', () => print(server.address().port));
} else if (peer === 'raw-json') {
  const server = createServer((_request, response) => {
    response.statusCode = 404;
    response.end();
  });
  const wss = new WebSocketServer({ server, maxPayload: 64 * 1024, perMessageDeflate: false });
  wss.on('connection', (socket) => {
    socket.on('message', (data) => {
      let parsed;
      try {
        parsed = JSON.parse(data.toString());
      } catch {
        parsed = { message: data.toString() };
      }
      const value = parsed?.message ?? null;
      socket.send(typeof value === 'string' ? value : JSON.stringify(value));
    });
  });
  server.listen(0, '127.0.0.1', () => print(server.address().port));
} else {
  const dist = process.env.BENCH_PODE_DIST ?? new URL('../../dist', import.meta.url).pathname;
  const { sendSignal, startServer } = await import(pathToFileURL(`${dist}/index.js`).href);
  const server = await startServer(
    (s) => {
      s.addEndpoint({ address: '127.0.0.1', port: 0 });
      s.addSignalRoute('/echo', (e) => sendSignal({ value: e.data.message, clientId: e.clientId }));
    },
    { logger: false, handleSignals: false, asyncContext: peer !== 'pode-lite' },
  );
  print(server.endpoints[0].port);
}
