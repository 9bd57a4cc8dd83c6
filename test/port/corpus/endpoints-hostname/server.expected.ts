import { startServer, type ServerBuilder } from 'pode-ts';

await startServer(async (s: ServerBuilder) => {
  // two sites on one address and port, told apart by the Host header
  s.addEndpoint({
    address: '127.0.0.1',
    port: 8080,
    protocol: 'http',
    name: 'Shop',
    hostname: 'shop.example.com',
  });
  s.addEndpoint({
    address: '127.0.0.1',
    port: 8080,
    protocol: 'http',
    name: 'Admin',
    hostname: 'admin.example.com',
  });
  s.addRoute({ method: 'GET', path: '/', endpointName: 'Shop' }, async (e) => {
    e.writeText('shop front');
  });
  s.addRoute({ method: 'GET', path: '/', endpointName: 'Admin' }, async (e) => {
    e.writeText('admin console');
  });
  // answered on both sites
  s.addRoute({ method: 'GET', path: '/whoami' }, async (e) => {
    e.writeJson({ endpoint: e.endpoint.name });
  });
});
