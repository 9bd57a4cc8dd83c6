import { PodeError, startServer, type ServerBuilder } from 'pode-ts';

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  // the API routes are kept in a file beside the server and dot-sourced here
  // TODO(port): . ./api-routes.ps1
  throw new PodeError('PODE_ERR_NOT_PORTED', 'Not ported: /api-routes.ps1 (read before conversion)');
  // so is the admin section, found through $PSScriptRoot
  // TODO(port): . (Join-Path $PSScriptRoot 'admin-routes.ps1')
  throw new PodeError('PODE_ERR_NOT_PORTED', 'Not ported: dot-sourcing (Join-Path $PSScriptRoot \'admin-routes.ps1\')');
});
