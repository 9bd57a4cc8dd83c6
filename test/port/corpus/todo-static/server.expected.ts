import { PodeError, startServer, type ServerBuilder } from 'pode-ts';

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  // serve ./public under /assets
  // TODO(port): Add-PodeStaticRoute -Path '/assets' -Source './public'
  throw new PodeError('PODE_ERR_NOT_PORTED', 'Not ported: Add-PodeStaticRoute (static routes are not in pode-ts yet)');
  s.addRoute({ method: 'GET', path: '/' }, async (e) => {
    e.writeHtml('<link rel="stylesheet" href="/assets/site.css"><p>styled</p>');
  });
}, { threads: 2 });
