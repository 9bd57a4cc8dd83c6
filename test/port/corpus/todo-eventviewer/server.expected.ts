import { PodeError, startServer, type ServerBuilder } from 'pode-ts';

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  // errors go to the Windows event log
  // TODO(port): New-PodeLoggingMethod -EventViewer -EventLogName 'Application' -Source 'Shop' | Enable-PodeErrorLogging
  throw new PodeError(
    'PODE_ERR_NOT_PORTED',
    'Not ported: New-PodeLoggingMethod -EventViewer (no equivalent in pode-ts)',
  );
  s.addRoute({ method: 'GET', path: '/' }, async (e) => {
    e.writeText('shop');
  });
});
