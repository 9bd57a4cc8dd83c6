import { custom, startServer, type ServerBuilder } from 'pode-ts';
import { contains, eq, isNullOrWhiteSpace } from 'pode-ts/powershell';

await startServer(async (s: ServerBuilder) => {
  let scheme: any;
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  // a custom scheme: the client id and secret travel in two headers
  scheme = custom(async (e) => {
    let client: any;
    let secret: any;
    client = e.headers['x-client-id'];
    secret = e.headers['x-client-secret'];
    return [client, secret];
  });
  s.addAuth(
    'ClientAuth',
    scheme,
    async ([client, secret]: any, e) => {
      if (isNullOrWhiteSpace(client) || isNullOrWhiteSpace(secret)) {
        return null;
      }
      if (eq(client, 'reports') && eq(secret, 's3cr3t')) {
        return { user: { Client: client, Scopes: ['read', 'export'] } };
      }
      return { message: 'Bad client credentials', code: 403 };
    },
    { sessionless: true },
  );
  s.addRoute({ method: 'GET', path: '/reports', authentication: 'ClientAuth' }, async (e) => {
    let user: any;
    user = e.auth.user;
    e.writeJson({
      Client: user.Client,
      CanExport: contains(user.Scopes, 'export'),
      Reports: ['daily', 'weekly'],
    });
  });
});
