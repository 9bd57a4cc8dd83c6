import {
  basic,
  getAuthUser,
  newAccessScheme,
  startServer,
  type RouteGroup,
  type ServerBuilder,
} from 'pode-ts';
import { ne, toArray } from 'pode-ts/powershell';

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8086, protocol: 'http' });
  s.addAuth(
    'Staff',
    basic(),
    async ({ username, password }, e) => {
      let staff: any;
      let found: any;
      staff = {
        morty: { Roles: toArray('Developer'), Groups: toArray('Web') },
        rick: { Roles: ['Developer', 'Admin'], Groups: ['Web', 'Ops'] },
      };
      found = staff[username];
      if (found == null || ne(password, 'portal', true)) {
        return null;
      }
      return { user: { Username: username, Roles: found.Roles, Groups: found.Groups } };
    },
    { sessionless: true },
  );
  s.addAccess('Rbac', newAccessScheme({ type: 'role' }));
  s.addAccess('Gbac', newAccessScheme({ type: 'group' }));
  // quarterly reports: any developer may read them
  s.addStaticRoute('/reports', './reports', {
    authentication: 'Staff',
    access: 'Rbac',
    role: 'Developer',
  });
  // runbooks for the operations team only
  s.addStaticRouteGroup(
    {
      path: '/internal',
      authentication: 'Staff',
      access: 'Gbac',
      group: 'Ops',
      source: './internal',
    },
    (g: RouteGroup) => {
      g.addStaticRoute('/runbooks', '/runbooks');
    },
  );
  // the admin area: the group's access covers its routes and its static files
  s.addRouteGroup(
    { path: '/admin', authentication: 'Staff', access: 'Rbac', role: 'Admin' },
    (g: RouteGroup) => {
      g.addRoute({ method: 'GET', path: '/whoami' }, async (e) => {
        let user: any;
        user = getAuthUser();
        e.writeJson({ Name: user.Username });
      });
      g.addStaticRoute('/exports', './reports');
    },
  );
});
