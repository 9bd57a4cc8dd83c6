import { apiKey, startServer, type ServerBuilder } from 'pode-ts';
import { eq, toPsString } from 'pode-ts/powershell';

await startServer(
  async (s: ServerBuilder) => {
    s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
    // API keys in a header for machines, in the query string for quick browser checks
    s.addAuth(
      'HeaderKey',
      apiKey({ location: 'header', name: 'X-API-KEY' }),
      async ({ key }, e) => {
        if (eq(key, 'test-api-key')) {
          return { user: { ID: 'M0R7Y302', Name: 'Morty' } };
        }
        return null;
      },
      { sessionless: true },
    );
    s.addAuth(
      'QueryKey',
      apiKey({ location: 'query', name: 'api_key' }),
      async ({ key }, e) => {
        if (eq(key, 'query-key')) {
          return { user: { ID: 'QK', Name: 'Query User' } };
        }
        return null;
      },
      { sessionless: true },
    );
    s.addRoute({ method: 'GET', path: '/users', authentication: 'HeaderKey' }, async (e) => {
      e.writeJson({
        Users: [
          { Name: 'Deep Thought', Age: 42 },
          { Name: 'Leeroy Jenkins', Age: 1337 },
        ],
      });
    });
    s.addRoute({ method: 'GET', path: '/whoami', authentication: 'QueryKey' }, async (e) => {
      e.writeText(toPsString(e.auth.user?.Name));
    });
  },
  { threads: 2 },
);
