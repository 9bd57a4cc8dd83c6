import { PodeError, startServer, type ServerBuilder } from 'pode-ts';
import { toInt } from 'pode-ts/powershell';

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  // create a timer on demand: /api/timer?name=ping&seconds=5
  s.addRoute({ method: 'GET', path: '/api/timer' }, async (e) => {
    let name: any;
    name = e.query.name;
    const seconds = toInt(e.query.seconds);
    // TODO(port): Add-PodeTimer -Name $name -Interval $seconds -ScriptBlock {
    //     # logic
    //     'tick' | Out-Default
    // }
    throw new PodeError('PODE_ERR_NOT_PORTED', 'Not ported: Add-PodeTimer (timers are not in pode-ts yet: setInterval)');
    e.writeJson({ Created: name });
  });
  s.addRoute({ method: 'GET', path: '/api/ping' }, async (e) => {
    e.writeText('pong');
  });
});
