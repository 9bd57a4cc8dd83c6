import { startServer, type ServerBuilder } from 'pode-ts';
import { notMatch, toInt, toPsString } from 'pode-ts/powershell';

// routes live in ./routes/*.ps1 beside this script, loaded by Use-PodeRoutes
await startServer(
  async (s: ServerBuilder) => {
    s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
    // Use-PodeRoutes: routes/*.ps1
    // from routes/status.ps1
    async function getUptime() {
      return 'fine';
    }
    s.addRoute({ method: 'GET', path: '/status' }, async (e) => {
      e.writeText(`status: ${toPsString(await getUptime())}`);
    });
    // from routes/users.ps1
    // user routes
    s.addRoute({ method: 'GET', path: '/users' }, async (e) => {
      e.writeJson([
        { Id: 1, Name: 'Rick' },
        { Id: 2, Name: 'Morty' },
      ]);
    });
    s.addRoute({ method: 'GET', path: '/users/:id' }, async (e) => {
      let id: any;
      id = e.parameters.id;
      if (notMatch(id, '^\\d+$')) {
        e.writeJson({ Error: 'id must be a number' }, { statusCode: 400 });
        return;
      }
      e.writeJson({ Id: toInt(id) });
    });
    s.addRoute({ method: 'GET', path: '/' }, async (e) => {
      e.writeJson({ Routes: 'loaded from files' });
    });
  },
  { threads: 2 },
);
