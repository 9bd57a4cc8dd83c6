/**
 * S7: fastify with @fastify/websocket, echoing every message on /echo.
 * Usage: node bench/servers/ws-fastify.mjs (prints {"port":…}; stats over IPC, see common.mjs).
 */
import websocket from '@fastify/websocket';
import Fastify from 'fastify';
import { ready } from './common.mjs';

const app = Fastify({ logger: false });
await app.register(websocket, { options: { maxPayload: 64 * 1024, perMessageDeflate: false } });
app.register(async (scope) => {
  scope.get('/echo', { websocket: true }, (socket) => {
    socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
  });
});
await app.listen({ port: 0, host: '127.0.0.1' });
ready(app.server.address().port);
