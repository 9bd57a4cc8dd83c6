import {
  closeSseConnection,
  disconnectSignal,
  sendSignal,
  sendSseEvent,
  startServer,
  type ServerBuilder,
} from 'pode-ts';
import { eq, format, isNullOrWhiteSpace, toPsString } from 'pode-ts/powershell';

// A chat room over signals (WebSockets) and a progress feed over server-sent events.
// The page opens a WebSocket on /ws/chat; messages are broadcast to everyone in the room,
// '[date]' is answered to the sender only, and HTTP routes can announce or kick everyone.
await startServer(
  async (s: ServerBuilder) => {
    s.addEndpoint({ address: 'localhost', port: 8090, protocol: 'http' });
    s.addRoute({ method: 'GET', path: '/' }, async (e) => {
      const page =
        "<!DOCTYPE html>\n<html>\n<body>\n<ul id=\"messages\"></ul>\n<script>\n  const ws = new WebSocket('ws://' + location.host + '/ws/chat');\n  ws.onmessage = (evt) => {\n    const item = document.createElement('li');\n    item.textContent = evt.data;\n    document.getElementById('messages').append(item);\n  };\n</script>\n</body>\n</html>";
      e.writeHtml(page);
    });
    // each message sent on the room's socket
    s.addSignalRoute('/ws/chat', async (e) => {
      let message: any;
      message = e.data.message;
      if (eq(message, '[date]')) {
        sendSignal({
          value: format('{0:' + 'o' + '}', new Date()),
          clientId: toPsString(e.clientId),
        });
      } else {
        sendSignal({ value: { From: e.clientId, Message: message }, path: '/ws/chat' });
      }
    });
    s.registerSignalEvent(
      '/ws/chat',
      'connect',
      async (event) => {
        sendSignal({ value: { Joined: event.connection.clientId }, path: '/ws/chat' });
      },
      { eventName: 'Joined' },
    );
    s.addRoute({ method: 'POST', path: '/announce' }, async (e) => {
      let text: any;
      text = (e.data as any).text;
      if (isNullOrWhiteSpace(text)) {
        e.setStatus(400);
        return;
      }
      sendSignal({ value: { Announcement: text }, path: '/ws/chat', depth: 2 });
      e.writeJson({ sent: true, text: text });
    });
    s.addRoute({ method: 'POST', path: '/kick' }, async (e) => {
      disconnectSignal({ path: '/ws/chat' });
      e.setStatus(204);
    });
    // a progress feed: the stream ends with the route (local scope)
    s.addRoute({ method: 'GET', path: '/progress' }, async (e) => {
      e.toSseConnection({ name: 'Progress', scope: 'local', retry: 2000 });
      for (const step of [1, 2, 3]) {
        sendSseEvent({
          data: { Step: step },
          event: 'progress',
          id: `${toPsString(step)}`,
          fromEvent: true,
        });
      }
    });
    // news for every reader, kept open (global scope)
    s.setSseBroadcastLevel({ name: 'Private', type: 'clientid' });
    s.addRoute({ method: 'GET', path: '/news' }, async (e) => {
      e.toSseConnection({ name: 'News', group: 'readers', allowAllOrigins: true });
    });
    s.addRoute({ method: 'POST', path: '/news' }, async (e) => {
      sendSseEvent({
        data: (e.data as any).headline,
        name: 'News',
        group: 'readers',
        event: 'headline',
      });
      e.writeJson({ published: (e.data as any).headline });
    });
    s.addRoute({ method: 'POST', path: '/private' }, async (e) => {
      sendSseEvent({ data: 'for everyone', name: 'Private' });
      e.writeJson({ sent: true });
    });
    s.addRoute({ method: 'DELETE', path: '/news' }, async (e) => {
      closeSseConnection({ name: 'News', group: 'readers' });
      e.setStatus(204);
    });
  },
  { threads: 1 },
);
