import { PodeError, startServer, type ServerBuilder } from 'pode-ts';

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  // reload the price list when someone drops a new one in ./incoming
  // TODO(port): Add-PodeFileWatcher -Path './incoming' -Include '*.csv' -ScriptBlock {
  //     "new price list: $($FileEvent.Name)" | Out-Default
  // }
  throw new PodeError('PODE_ERR_NOT_PORTED', 'Not ported: Add-PodeFileWatcher (not in pode-ts)');
  s.addRoute({ method: 'GET', path: '/prices' }, async (e) => {
    e.writeJson({ Count: 0 });
  });
});
