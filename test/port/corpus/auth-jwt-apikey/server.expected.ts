import { apiKey, startServer, type ServerBuilder } from 'pode-ts';
import { eq } from 'pode-ts/powershell';

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8090, protocol: 'http' });
  // an internal service that trusts unsigned tokens from the gateway in front of it
  s.addAuth(
    'GatewayJwt',
    apiKey({ asJwt: true, allowNone: true }),
    async ({ payload: jwt }, e) => {
      if (eq(jwt.username, 'morty')) {
        return { user: { ID: 'M0R7Y302', Name: 'Morty' } };
      }
      return null;
    },
    { sessionless: true },
  );
  // a public service that only trusts tokens signed with its secret
  s.addAuth(
    'SignedJwt',
    apiKey({ asJwt: true, secret: 'secret' }),
    async ({ payload: jwt }, e) => {
      if (eq(jwt.username, 'morty')) {
        return { user: { ID: 'M0R7Y302', Name: 'Morty' } };
      }
      return null;
    },
    { sessionless: true },
  );
  s.addRoute({ method: 'GET', path: '/internal', authentication: 'GatewayJwt' }, async (e) => {
    e.writeJson({ Result: 'OK' });
  });
  s.addRoute({ method: 'GET', path: '/public', authentication: 'SignedJwt' }, async (e) => {
    e.writeJson({ Result: 'OK' });
  });
});
