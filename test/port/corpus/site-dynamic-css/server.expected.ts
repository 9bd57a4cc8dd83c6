import { startServer, type ServerBuilder } from 'pode-ts';

// a site whose stylesheet is a dynamic file: public/styles/theme.css.pode is rendered
// on every request, and a static route serves .pode files from ./docs the same way
await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  s.addStaticRoute('/docs', './docs');
  s.addRoute({ method: 'GET', path: '/' }, async (e) => {
    e.writeHtml('<link rel="stylesheet" href="/styles/theme.css.pode"><h1>themed</h1>');
  });
});
