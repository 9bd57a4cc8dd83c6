import { startServer, type ServerBuilder } from 'pode-ts';
import { toPsString } from 'pode-ts/powershell';

// The smallest useful Pode server: a JSON greeting, a text health check and a path parameter.
await startServer(
  async (s: ServerBuilder) => {
    s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
    s.addRoute({ method: 'GET', path: '/' }, async (e) => {
      e.writeJson({ message: 'Hello, world!' });
    });
    s.addRoute({ method: 'GET', path: '/health' }, async (e) => {
      e.writeText('OK');
    });
    s.addRoute({ method: 'GET', path: '/hello/:name' }, async (e) => {
      let name: any;
      name = e.parameters.name;
      e.writeText(`Hello, ${toPsString(name)}!`);
    });
  },
  { threads: 2 },
);
