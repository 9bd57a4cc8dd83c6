// The server the soak test drives: a view counter, a login that rotates the id, a logout, a
// header-session API and a page without sessions. GET /__stats reports memory and sessions.
import { MemoryStore, startServer } from '../dist/index.js';

const store = new MemoryStore({ maxSessions: Number(process.env.MAX_SESSIONS ?? 50_000) });
const server = await startServer(
  (s) => {
    s.addEndpoint({ address: '127.0.0.1', port: 0 });
    s.enableSessionMiddleware({
      secret: 'soak-secret-soak-secret-soak-secret-00',
      storage: store,
      duration: 300,
      extend: true,
    });
    s.addRoute('GET', '/', (e) => {
      e.session.data.views = (Number(e.session.data.views) || 0) + 1;
      e.writeJson({ views: e.session.data.views });
    });
    s.addRoute('POST', '/login', async (e) => {
      e.session.data.user = 'soak';
      await e.session.regenerate();
      e.writeJson({ ok: true });
    });
    s.addRoute('POST', '/logout', async (e) => {
      await e.session.remove();
      e.setStatus(204);
    });
    s.addRoute('GET', '/hello', (e) => e.writeJson({ hello: 'world' }));
    s.addRoute('GET', '/__stats', (e) => {
      const memory = process.memoryUsage();
      e.writeJson({ rss: memory.rss, heapUsed: memory.heapUsed, sessions: store.size });
    });
  },
  { logger: false },
);
process.stdout.write(`${JSON.stringify({ port: server.endpoints[0].port })}\n`);
