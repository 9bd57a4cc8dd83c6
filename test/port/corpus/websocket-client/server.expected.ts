import {
  connectWebSocket,
  disconnectWebSocket,
  removeWebSocket,
  resetWebSocket,
  sendWebSocket,
  startServer,
  testWebSocket,
  type ServerBuilder,
} from 'pode-ts';
import { gt, isNullOrWhiteSpace, toPsString } from 'pode-ts/powershell';

// A price relay: when asked to, the server subscribes to an upstream price feed over a
// WebSocket, acknowledges each high price on the same socket, and reports whether the feed is
// connected. Unsubscribing closes the socket and forgets it.
await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8093, protocol: 'http' });
  // at most two price messages are handled at once
  s.setWebSocketConcurrency(2);
  s.addRoute({ method: 'POST', path: '/feed' }, async (e) => {
    let url: any;
    url = (e.data as any).url;
    if (isNullOrWhiteSpace(url)) {
      e.setStatus(400);
      return;
    }
    await connectWebSocket(
      'Feed',
      toPsString(url),
      async (e) => {
        if (gt((e.data as any).price, 100)) {
          sendWebSocket({ message: { ack: (e.data as any).id }, depth: 2 });
        }
      },
      { contentType: 'application/json' },
    );
    e.writeJson({ connected: testWebSocket('Feed') });
  });
  s.addRoute({ method: 'GET', path: '/feed' }, async (e) => {
    e.writeJson({ connected: testWebSocket('Feed') });
  });
  s.addRoute({ method: 'PUT', path: '/feed' }, async (e) => {
    await resetWebSocket({ name: 'Feed', url: toPsString((e.data as any).url) });
    e.setStatus(204);
  });
  s.addRoute({ method: 'DELETE', path: '/feed' }, async (e) => {
    await disconnectWebSocket({ name: 'Feed' });
    await removeWebSocket({ name: 'Feed' });
    e.setStatus(204);
  });
});
