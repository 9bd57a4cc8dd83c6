import { startServer, type ServerBuilder } from 'pode-ts';

declare module 'pode-ts' {
  interface SessionData {
    views?: any;
  }
}

// a view counter kept in the session
await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  s.enableSessionMiddleware({ duration: 120, extend: true });
  s.addRoute({ method: 'GET', path: '/' }, async (e) => {
    e.session.data.views = (e.session.data.views ?? 0) + 1;
    e.writeJson({ Views: e.session.data.views });
  });
  s.addRoute({ method: 'POST', path: '/reset' }, async (e) => {
    e.session.data.views = 0;
    e.writeJson({ Views: e.session.data.views });
  });
});
