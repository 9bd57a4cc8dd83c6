import {
  newLimitHeaderComponent,
  newLimitIpComponent,
  newLimitMethodComponent,
  newLimitRouteComponent,
  startServer,
  type ServerBuilder,
} from 'pode-ts';
import { contains, join } from 'pode-ts/powershell';

// A small search API behind rate limits: per client IP on the search route, per API key for
// writes, and Pode's older per-route rule on the export.
await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8090, protocol: 'http' });
  // two searches per client per minute
  s.addLimitRateRule('search', {
    limit: 2,
    duration: 60000,
    components: [newLimitIpComponent(), newLimitRouteComponent({ path: '/api/search' })],
  });
  // one write per API key per minute; requests without a key are not counted here
  s.addLimitRateRule('writes', {
    limit: 1,
    components: [
      newLimitMethodComponent({ method: 'POST' }),
      newLimitHeaderComponent({ name: 'X-Api-Key' }),
    ],
  });
  // the export is expensive: once every 30 seconds for everyone
  s.addLimitRule({ type: 'route', values: '/api/export', limit: 1, seconds: 30 });
  const books = ['Dune', 'Emma', 'Ulysses'];
  s.addRoute({ method: 'GET', path: '/api/search' }, async (e) => {
    let term: any;
    term = e.query.q;
    e.writeJson({ Term: term, Known: contains(books, term) });
  });
  s.addRoute({ method: 'POST', path: '/api/books' }, async (e) => {
    e.writeJson({ Added: (e.data as any).Title }, { statusCode: 201 });
  });
  s.addRoute({ method: 'GET', path: '/api/export' }, async (e) => {
    e.writeText(join(books, '\n'));
  });
  s.addRoute({ method: 'GET', path: '/health' }, async (e) => {
    e.writeJson({ Status: 'ok' });
  });
});
