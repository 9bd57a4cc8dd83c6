import { basic, getAuthUser, startServer, type ServerBuilder } from 'pode-ts';
import { contains, eq, toArray } from 'pode-ts/powershell';

await startServer(
  async (s: ServerBuilder) => {
    s.addEndpoint({ address: 'localhost', port: 8081, protocol: 'http' });
    // sessionless Basic authentication for a REST API
    s.addAuth(
      'Validate',
      basic({ realm: 'Pode Example' }),
      async ({ username, password }, e) => {
        let users: any;
        let found: any;
        users = {
          morty: { Password: 'pickle', Name: 'Morty', Roles: toArray('user') },
          rick: { Password: 'portal', Name: 'Rick', Roles: ['user', 'admin'] },
        };
        found = users[username];
        if (found != null && eq(found.Password, password, true)) {
          return { user: { Username: username, Name: found.Name, Roles: found.Roles } };
        }
        return null;
      },
      { sessionless: true },
    );
    s.addRoute({ method: 'GET', path: '/api/me', authentication: 'Validate' }, async (e) => {
      let user: any;
      user = getAuthUser();
      e.writeJson({ Name: user.Name, Admin: contains(user.Roles, 'admin') });
    });
    s.addRoute({ method: 'GET', path: '/api/public' }, async (e) => {
      e.writeJson({ Public: true });
    });
  },
  { threads: 2 },
);
