import { PodeError, startServer, type ServerBuilder } from 'pode-ts';

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  // requests to a file, errors to the terminal
  // TODO(port): New-PodeLogFileMethod -Name 'requests' -MaxDays 7 | Enable-PodeLogRequestType
  throw new PodeError('PODE_ERR_NOT_PORTED', 'Not ported: New-PodeLogFileMethod (no equivalent in pode-ts)');
  // TODO(port): New-PodeLogTerminalMethod | Enable-PodeLogErrorType
  throw new PodeError('PODE_ERR_NOT_PORTED', 'Not ported: New-PodeLogTerminalMethod (no equivalent in pode-ts)');
  // an audit log of our own
  // TODO(port): New-PodeLogTerminalMethod | Add-PodeLogType -Name 'audit' -Raw
  throw new PodeError('PODE_ERR_NOT_PORTED', 'Not ported: New-PodeLogTerminalMethod (no equivalent in pode-ts)');
  s.addRoute({ method: 'POST', path: '/orders' }, async (e) => {
    // TODO(port): Write-PodeLog -Name 'audit' -InputObject @{ Event = 'order'; Id = $WebEvent.Data.id }
    throw new PodeError('PODE_ERR_NOT_PORTED', 'Not ported: Write-PodeLog (no equivalent in pode-ts)');
    e.writeJson({ Accepted: (e.data as any).id }, { statusCode: 202 });
  });
});
