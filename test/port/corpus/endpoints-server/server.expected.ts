import {
  getServerRestartCount,
  getServerUptime,
  getSessionId,
  startServer,
  type ServerBuilder,
} from 'pode-ts';
import { ge, matchOne, pathGetRandomFileName, testPath } from 'pode-ts/powershell';

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http', dualMode: true });
  // one secret for every signed cookie of the site
  s.setCookieSecret({ value: 'correct-horse', global: true });
  s.enableSessionMiddleware({
    duration: 120,
    generator: async () => {
      return pathGetRandomFileName();
    },
  });
  s.addRoute({ method: 'GET', path: '/visit' }, async (e) => {
    let secret: any;
    secret = e.getCookieSecret({ global: true });
    e.setCookie('visited', 'yes', { secret: secret });
    e.writeJson({
      session: matchOne(getSessionId({ force: true }), '^[a-z0-5]{8}\\.[a-z0-5]{3}$') !== null,
    });
  });
  s.addRoute({ method: 'GET', path: '/check' }, async (e) => {
    let secret: any;
    secret = e.getCookieSecret({ global: true });
    e.writeJson({ visited: e.getCookie('visited', { secret: secret }) });
  });
  s.addRoute({ method: 'GET', path: '/status' }, async (e) => {
    e.writeJson({
      restarts: getServerRestartCount(),
      running: ge(getServerUptime(), 0),
      rooted: testPath(`${import.meta.dirname}/server.ps1`),
    });
  });
});
