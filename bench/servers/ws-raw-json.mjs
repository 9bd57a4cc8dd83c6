/**
 * S7's protocol peer: the `ws` library on node:http doing by hand the work Pode's signal protocol
 * asks of every message: the text decoded and parsed as JSON (`{"message": …}`), its `message`
 * sent back to the sender as a text frame, as a hand-written server would (`socket.send(string)`).
 * The distance from `raw` to this peer is the protocol's own cost, which no framework avoids.
 * Usage: node bench/servers/ws-raw-json.mjs (prints {"port":…}; stats over IPC, see common.mjs).
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
server.listen(0, '127.0.0.1', () => ready(server.address().port));
