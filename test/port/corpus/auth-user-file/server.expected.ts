import { basic, startServer, type ServerBuilder } from 'pode-ts';
import { contains } from 'pode-ts/powershell';

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  // the authentication definitions live in ./auth
  // Use-PodeAuth: auth/*.ps1
  // staff log in with the users file; only Admins and Staff groups
  s.addAuthUserFile('Staff', basic({ realm: 'Staff' }), {
    filePath: './data/users.json',
    groups: ['Admins', 'Staff'],
    sessionless: true,
    scriptBlock: async (user: any, e) => {
      return {
        user: {
          Name: user.Name,
          Rank: user.Metadata.Rank,
          IsAdmin: contains(user.Groups, 'Admins'),
        },
      };
    },
  });
  s.addRoute({ method: 'GET', path: '/staff/me', authentication: 'Staff' }, async (e) => {
    e.writeJson(e.auth.user);
  });
  s.addRoute({ method: 'GET', path: '/' }, async (e) => {
    e.writeText('public');
  });
});
