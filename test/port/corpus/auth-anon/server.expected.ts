import { basic, startServer, type ServerBuilder } from 'pode-ts';
import { eq, toPsString } from 'pode-ts/powershell';

await startServer(
  async (s: ServerBuilder) => {
    s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
    s.addAuth(
      'Basic',
      basic(),
      async ({ username, password }, e) => {
        if (eq(username, 'summer') && eq(password, 'phone')) {
          return { user: { Name: 'Summer Smith' } };
        }
        return { message: 'Nope' };
      },
      { sessionless: true },
    );
    // anonymous visitors get the public page; signed-in users get a greeting
    s.addRoute(
      { method: 'GET', path: '/', authentication: 'Basic', allowAnon: true },
      async (e) => {
        if (e.auth.isAuthenticated) {
          e.writeText(`Hi ${toPsString(e.auth.user?.Name)}`);
        } else {
          e.writeText('Hi stranger');
        }
      },
    );
  },
  { threads: 2 },
);
