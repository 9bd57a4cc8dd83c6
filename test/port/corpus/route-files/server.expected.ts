import { PodeError, startServer, type ServerBuilder } from 'pode-ts';

// routes live in ./routes/*.ps1 beside this script, loaded by Use-PodeRoutes
await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  // TODO(port): Use-PodeRoutes
  throw new PodeError('PODE_ERR_NOT_PORTED', 'Not ported: routes/*.ps1 (read before conversion)');
  s.addRoute({ method: 'GET', path: '/' }, async (e) => {
    e.writeJson({ Routes: 'loaded from files' });
  });
}, { threads: 2 });
