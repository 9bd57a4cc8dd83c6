import {
  basic,
  getAuthUser,
  newAccessScheme,
  startServer,
  testAccessUser,
  type ServerBuilder,
} from 'pode-ts';
import { ne, toArray } from 'pode-ts/powershell';

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8085, protocol: 'http' });
  // who may do what: roles and groups live on the user object the validator returns
  s.addAuth(
    'Staff',
    basic(),
    async ({ username, password }, e) => {
      let staff: any;
      let found: any;
      staff = {
        morty: { Roles: toArray('Developer'), Country: 'UK', Teams: toArray('Web') },
        rick: { Roles: ['Developer', 'Admin'], Country: 'US', Teams: ['Web', 'Ops'] },
      };
      found = staff[username];
      if (found == null || ne(password, 'portal', true)) {
        return null;
      }
      return { user: { Username: username, Roles: found.Roles, Metadata: { Teams: found.Teams } } };
    },
    { sessionless: true },
  );
  s.addAccess('Rbac', newAccessScheme({ type: 'role' }));
  s.addAccess('Teams', newAccessScheme({ type: 'group', path: 'Metadata.Teams' }), {
    match: 'all',
  });
  s.addAccess('People', newAccessScheme({ type: 'user' }));
  s.mergeAccess('AdminOrMorty', { access: ['Rbac', 'People'], valid: 'one' });
  s.addRoute(
    { method: 'GET', path: '/code', authentication: 'Staff', access: 'Rbac', role: 'Developer' },
    async (e) => {
      let user: any;
      user = getAuthUser();
      e.writeJson({ Repo: 'pode-ts', By: user.Username });
    },
  );
  s.addRoute(
    { method: 'GET', path: '/deploy', authentication: 'Staff', access: 'Rbac', role: 'Admin' },
    async (e) => {
      e.writeJson({ Deployed: true });
    },
  );
  s.addRoute(
    {
      method: 'GET',
      path: '/on-call',
      authentication: 'Staff',
      access: 'Teams',
      group: ['Web', 'Ops'],
    },
    async (e) => {
      let user: any;
      user = getAuthUser();
      e.writeJson({ OnCall: user.Username });
    },
  );
  s.addRoute(
    {
      method: 'GET',
      path: '/shared',
      authentication: 'Staff',
      access: 'AdminOrMorty',
      role: 'Admin',
      user: 'morty',
    },
    async (e) => {
      const isAdmin = await testAccessUser('Rbac', 'Admin');
      e.writeJson({ Admin: isAdmin });
    },
  );
});
