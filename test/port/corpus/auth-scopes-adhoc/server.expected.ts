import {
  apiKey,
  basic,
  bearer,
  startServer,
  testAuth,
  testAuthExists,
  type ServerBuilder,
} from 'pode-ts';
import { eq, toPsString } from 'pode-ts/powershell';

// param $KeyLocation: set KEYLOCATION to override
const keyLocation = process.env.KEYLOCATION ?? 'Query';
await startServer(async (s: ServerBuilder) => {
  let grants: any;
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  // tokens with the one scope each grants
  grants = { 'tok-editor': 'write', 'tok-viewer': 'read' };
  s.addAuth(
    'Editors',
    bearer({ scope: 'write' }),
    async ({ token }, e) => {
      let scope: any;
      scope = grants[token];
      if (scope == null) {
        return null;
      }
      return { user: { Name: token.slice(4) }, scope: scope };
    },
    { sessionless: true },
  );
  // the key's location comes from the script's parameter
  s.addAuth(
    'Key',
    apiKey({
      location: toPsString(keyLocation).toLowerCase() as 'header' | 'query' | 'cookie',
      name: 'key',
    }),
    async ({ key }, e) => {
      if (eq(key, 'k-123')) {
        return { user: { Name: 'robot' } };
      }
      return { message: 'Bad key' };
    },
    { sessionless: true },
  );
  s.addAuth(
    'Creds',
    basic(),
    async (creds, e) => {
      const user = creds.username;
      const pass = creds.password;
      if (eq(user, 'ada') && eq(pass, 'engine')) {
        return { user: { Name: user } };
      }
      return { message: 'Invalid details supplied' };
    },
    { sessionless: true },
  );
  s.addRoute({ method: 'POST', path: '/articles', authentication: 'Editors' }, async (e) => {
    e.writeJson({ Saved: true, By: e.auth.user?.Name });
  });
  s.addRoute({ method: 'GET', path: '/robot', authentication: 'Key' }, async (e) => {
    e.writeJson({ Name: e.auth.user?.Name });
  });
  // no -Authentication: the route decides what an anonymous caller gets
  s.addRoute({ method: 'GET', path: '/greeting' }, async (e) => {
    if (await testAuth('Creds')) {
      e.writeText('Welcome back');
    } else {
      e.writeText('Hello stranger');
    }
  });
  s.addRoute({ method: 'GET', path: '/exists' }, async (e) => {
    e.writeJson({ Creds: testAuthExists('Creds'), Other: testAuthExists('Other') });
  });
});
