/**
 * S7's limit: the `ws` library on node:http, echoing every message as it came.
 * Usage: node bench/servers/ws-raw.mjs (prints {"port":…}; stats over IPC, see common.mjs).
 */
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';
import { ready } from './common.mjs';

const server = createServer((_request, response) => {
  response.statusCode = 404;
  response.end();
});
const wss = new WebSocketServer({ server, maxPayload: 64 * 1024, perMessageDeflate: false });
wss.on('connection', (socket) => {
  socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
});
server.listen(0, '127.0.0.1', () => ready(server.address().port));
