import { startServer, type ServerBuilder } from 'pode-ts';
import { isNullOrEmpty, like, toPsString } from 'pode-ts/powershell';

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  // block requests from bots
  s.addMiddleware('BlockBots', async (e) => {
    if (like(e.headers['user-agent'], '*bot*')) {
      e.setStatus(403);
      return false;
    }
    return true;
  });
  // only the /api routes need a version header
  s.addMiddleware({ name: 'ApiVersion', route: '/api/*' }, async (e) => {
    let version: any;
    version = e.headers['x-api-version'];
    if (isNullOrEmpty(version)) {
      e.writeJson({ Error: 'X-Api-Version header required' }, { statusCode: 400 });
      return false;
    }
    e.setHeader('X-Api-Version', toPsString(version));
    return true;
  });
  s.addRoute({ method: 'GET', path: '/' }, async (e) => {
    e.writeText('home');
  });
  s.addRoute({ method: 'GET', path: '/api/status' }, async (e) => {
    e.writeJson({ Status: 'green' });
  });
});
