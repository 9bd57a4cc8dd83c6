import { PodeError, invokeTask, startServer, type ServerBuilder, waitTask } from 'pode-ts';
import { multiply, toArray, toInt } from 'pode-ts/powershell';

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  s.addTask('Square', async (_event, { Number: number }: any) => {
    return multiply(number, number);
  });
  s.addRoute({ method: 'GET', path: '/square/:n' }, async (e) => {
    let result: any;
    const n = toInt(e.parameters.n);
    result = await waitTask(invokeTask('Square', { Number: n }));
    e.writeJson({ Result: result });
  });
  // Pode's view of the task runs: pode-ts keeps no such list
  s.addRoute({ method: 'GET', path: '/processes' }, async (e) => {
    let processes: any;
    // TODO(port): $processes = Get-PodeTaskProcess -Name 'Square'
    throw new PodeError(
      'PODE_ERR_NOT_PORTED',
      'Not ported: Get-PodeTaskProcess (no equivalent in pode-ts)',
    );
    e.writeJson({ Count: toArray(processes).length });
  });
});
