import { startServer, type ServerBuilder } from 'pode-ts';
import { toArray } from 'pode-ts/powershell';

// pages come from ./views through Pode's view engine (plain HTML by default);
// the JSON API next to them needs nothing special
await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  s.setViewEngine({ type: 'html' });
  s.addRoute({ method: 'GET', path: '/' }, async (e) => {
    await e.writeView('index');
  });
  // pages from a second folder, and a status of our own
  s.addViewFolder('legal', './legal');
  s.addRoute({ method: 'GET', path: '/terms' }, async (e) => {
    await e.writeView('terms', {}, { folder: 'legal' });
  });
  s.addRoute({ method: 'GET', path: '/gone' }, async (e) => {
    await e.writeView('index.html', {}, { status: 410 });
  });
  s.addRoute({ method: 'GET', path: '/api/info' }, async (e) => {
    e.writeJson({ Name: 'views demo', Pages: toArray('index') });
  });
});
