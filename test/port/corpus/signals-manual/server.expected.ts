import {
  basic,
  disconnectSignal,
  sendSignal,
  sendSseEvent,
  startServer,
  type ServerBuilder,
} from 'pode-ts';
import { eq, toPsString, writeHost } from 'pode-ts/powershell';

// A team board: browsers open their WebSocket through an ordinary route (the manual upgrade),
// so the route's authentication decides who gets a socket, and each socket joins its team's
// group. A lobby socket only lives while its route runs; SSE connection events watch readers.
await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8092, protocol: 'http' });
  s.addEndpoint({
    address: 'localhost',
    port: 8092,
    protocol: 'ws',
    noAutoUpgradeWebSockets: true,
  });
  s.addAuth(
    'Board',
    basic(),
    async ({ username, password }, e) => {
      if (eq(username, 'ana') && eq(password, 'secret')) {
        return { user: { Name: 'Ana', Team: 'blue' } };
      }
      return null;
    },
    { sessionless: true },
  );
  s.registerSignalEvent(
    ['Board', 'Lobby'],
    'connect',
    async (event) => {
      writeHost(`joined ${toPsString(event.name)}: ${toPsString(event.connection.clientId)}`);
    },
    { eventName: 'Joined' },
  );
  s.registerSseEvent(
    'Tickets',
    'disconnect',
    async (event) => {
      writeHost(`reader left: ${toPsString(event.connection.clientId)}`);
    },
    { eventName: 'Left' },
  );
  // the socket is opened here, once the route's authentication let the request through
  s.addRoute({ method: 'GET', path: '/board', authentication: 'Board' }, async (e) => {
    e.toSignalConnection({ name: 'Board', group: toPsString(e.auth.user?.Team) });
    sendSignal({ value: { joined: e.auth.user?.Name }, path: 'Board', group: e.signal?.group });
  });
  s.addRoute({ method: 'GET', path: '/lobby' }, async (e) => {
    e.toSignalConnection({ name: 'Lobby', scope: 'local' });
    sendSignal({ value: 'welcome, this socket closes now', path: 'Lobby' });
  });
  // what a board socket sends goes to its team only
  s.addSignalRoute('/board', async (e) => {
    sendSignal({ value: { says: e.data.message }, path: 'Board', group: e.data.group });
  });
  s.addRoute({ method: 'POST', path: '/board/:team' }, async (e) => {
    sendSignal({ value: e.data, path: 'Board', group: e.parameters.team });
    e.writeJson({ sent: e.parameters.team });
  });
  s.addRoute({ method: 'DELETE', path: '/board/:team' }, async (e) => {
    disconnectSignal({ path: 'Board', group: e.parameters.team });
    e.setStatus(204);
  });
  s.addRoute({ method: 'GET', path: '/tickets' }, async (e) => {
    e.toSseConnection({ name: 'Tickets', scope: 'local' });
    sendSseEvent({ data: { id: 1 }, event: 'ticket', fromEvent: true });
  });
});
