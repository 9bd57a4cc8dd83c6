import { apiKey, basic, getAuthUser, startServer, type ServerBuilder } from 'pode-ts';
import { eq } from 'pode-ts/powershell';

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8087, protocol: 'http' });
  // machines send an API key, people send Basic credentials
  s.addAuth(
    'Key',
    apiKey(),
    async ({ key }, e) => {
      if (eq(key, 'key-ci-robot', true)) {
        return { user: { Name: 'ci-robot', Kind: 'machine' } };
      }
      return { message: 'Unknown API key' };
    },
    { sessionless: true },
  );
  s.addAuth(
    'Login',
    basic(),
    async ({ username, password }, e) => {
      if (eq(username, 'summer') && eq(password, 'phone', true)) {
        return { user: { Name: 'summer', Kind: 'person' } };
      }
      return null;
    },
    { sessionless: true },
  );
  // either one will do; both at once for releases, keeping the person as the user
  s.mergeAuth('KeyOrLogin', { authentication: ['Key', 'Login'], valid: 'one' });
  s.mergeAuth('KeyAndLogin', {
    authentication: ['Key', 'Login'],
    valid: 'all',
    mergeDefault: 'Login',
  });
  // everything under /api needs one of them
  s.addAuthMiddleware('ApiAuth', { authentication: 'KeyOrLogin', route: '/api/*' });
  s.addRoute({ method: 'GET', path: '/api/whoami' }, async (e) => {
    let user: any;
    user = getAuthUser();
    e.writeJson({ Name: user.Name, Kind: user.Kind });
  });
  s.addRoute({ method: 'POST', path: '/release', authentication: 'KeyAndLogin' }, async (e) => {
    let user: any;
    user = getAuthUser();
    e.writeJson({ ReleasedBy: user.Name });
  });
  s.addRoute({ method: 'GET', path: '/status' }, async (e) => {
    e.writeJson({ Up: true });
  });
});
