import { basic, getWebEvent, startServer, type RouteGroup, type ServerBuilder } from 'pode-ts';
import { eq } from 'pode-ts/powershell';

await startServer(async (s: ServerBuilder) => {
  let versionHeader: any;
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  s.addAuth(
    'Admins',
    basic(),
    async ({ username, password }, e) => {
      if (eq(username, 'rick') && eq(password, 'pickle')) {
        return { user: { Name: 'Rick' } };
      }
      return null;
    },
    { sessionless: true },
  );
  // every API route says which version answered
  versionHeader = async () => {
    getWebEvent().setHeader('X-Api-Version', '1');
    return true;
  };
  s.addRouteGroup({ path: '/api', middleware: [versionHeader] }, (g: RouteGroup) => {
    g.addRoute({ method: 'GET', path: '/ping' }, async (e) => {
      e.writeText('pong');
    });
    // nested: /api/admin/*, behind basic authentication
    g.addRouteGroup({ path: '/admin', authentication: 'Admins' }, (g: RouteGroup) => {
      g.addRoute({ method: 'GET', path: '/whoami' }, async (e) => {
        let user: any;
        user = e.auth.user;
        e.writeJson({ Name: user.Name });
      });
    });
  });
  s.addStaticRouteGroup({ path: '/assets', source: './content' }, (g: RouteGroup) => {
    g.addStaticRoute('/images', '/images');
  });
});
