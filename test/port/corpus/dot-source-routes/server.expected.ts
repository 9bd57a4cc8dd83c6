import { startServer, type ServerBuilder } from 'pode-ts';

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  // the API routes are kept in a file beside the server and dot-sourced here
  // from api-routes.ps1
  s.addRoute({ method: 'GET', path: '/api/ping' }, async (e) => {
    e.writeJson({ pong: true });
  });
  s.addRoute({ method: 'POST', path: '/api/echo' }, async (e) => {
    e.writeJson(e.data);
  });
  // so is the admin section, found through $PSScriptRoot
  // from admin-routes.ps1
  s.addRoute({ method: 'GET', path: '/admin' }, async (e) => {
    e.writeHtml('<h1>Admin</h1>');
  });
});
