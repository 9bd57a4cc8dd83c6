import { PodeError, startServer, type ServerBuilder } from 'pode-ts';
import { toArray } from 'pode-ts/powershell';

// pages come from ./views through Pode's view engine (plain HTML by default);
// the JSON API next to them needs nothing special
await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  s.addRoute({ method: 'GET', path: '/' }, async (e) => {
    // TODO(port): Write-PodeViewResponse -Path 'index'
    throw new PodeError('PODE_ERR_NOT_PORTED', 'Not ported: Write-PodeViewResponse (views are not in pode-ts yet)');
  });
  s.addRoute({ method: 'GET', path: '/api/info' }, async (e) => {
    e.writeJson({ Name: 'views demo', Pages: toArray('index') });
  });
});
