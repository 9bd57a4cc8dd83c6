import { startServer, type ServerBuilder } from 'pode-ts';
import { isNullOrEmpty, toPsString, writeHost } from 'pode-ts/powershell';

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  // a request id on every response, from the client when it sends one
  s.addMiddleware('RequestId', async (e) => {
    let id: any;
    id = e.getHeader('X-Request-Id');
    if (isNullOrEmpty(id)) {
      id = 'generated';
    }
    e.setHeader('X-Request-Id', toPsString(id));
    return true;
  });
  s.addRoute({ method: 'GET', path: '/' }, async (e) => {
    e.addHeader('X-Served-By', 'pode');
    e.writeJson({ Method: e.method.toLowerCase(), Path: e.path, Agent: e.headers['user-agent'] });
  });
  s.addRoute({ method: 'GET', path: '/echo-header/:name' }, async (e) => {
    let name: any;
    let value: any;
    name = e.parameters.name;
    value = e.getHeader(toPsString(name));
    if (value == null) {
      e.writeText(`no ${toPsString(name)} header`, { statusCode: 404 });
    } else {
      e.writeText(`${toPsString(name)}=${toPsString(value)}`);
    }
  });
  // endware runs after every request, even 404s
  s.addEndware(async (e) => {
    writeHost(`${e.method.toUpperCase()} ${e.path} -> ${toPsString(e.response.StatusCode)}`);
  });
});
