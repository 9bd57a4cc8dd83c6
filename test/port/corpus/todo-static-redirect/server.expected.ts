import { PodeError, startServer, type ServerBuilder } from 'pode-ts';
import { toArray } from 'pode-ts/powershell';

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  // /docs redirects to /docs/index.html instead of serving it in place
  // TODO(port): Add-PodeStaticRoute -Path '/docs' -Source './docs' -Defaults @('index.html') -RedirectToDefault
  throw new PodeError('PODE_ERR_NOT_PORTED', 'Not ported: Add-PodeStaticRoute -RedirectToDefault (no equivalent in pode-ts)');
});
