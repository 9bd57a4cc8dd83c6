/**
 * S7's async-context peer: the `ws` library on node:http echoing every message as `raw` does,
 * with one AsyncLocalStorage entered per connection. On Node 20 an enabled AsyncLocalStorage
 * makes Node run async_hooks for every async resource (two ticks per message here); the distance
 * from `raw` to this peer is that cost, which every server with a request context pays.
 * Usage: node bench/servers/ws-raw-als.mjs (prints {"port":…}; stats over IPC, see common.mjs).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';
import { ready } from './common.mjs';

const storage = new AsyncLocalStorage();
const server = createServer((_request, response) => {
  response.statusCode = 404;
  response.end();
});
const wss = new WebSocketServer({ server, maxPayload: 64 * 1024, perMessageDeflate: false });
wss.on('connection', (socket) => {
  storage.enterWith({ socket });
  socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
});
server.listen(0, '127.0.0.1', () => ready(server.address().port));
