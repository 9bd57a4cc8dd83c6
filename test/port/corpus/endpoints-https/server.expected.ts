import { startServer, type ServerBuilder } from 'pode-ts';

await startServer(async (s: ServerBuilder) => {
  // a local https site with a certificate made at start-up
  s.addEndpoint({
    address: 'localhost',
    port: 8443,
    protocol: 'https',
    name: 'Secure',
    selfSigned: true,
    default: true,
  });
  // plain http sends every request to the https site
  s.addEndpoint({
    address: 'localhost',
    port: 8080,
    protocol: 'http',
    name: 'Plain',
    redirectTo: 'Secure',
  });
  s.addRoute({ method: 'GET', path: '/' }, async (e) => {
    e.writeJson({ protocol: e.endpoint.protocol, name: e.endpoint.name });
  });
  // the same page on the standard https port
  s.addRoute({ method: 'GET', path: '/standard' }, async (e) => {
    e.redirect({ port: 443 });
  });
  // back to plain http on another port, for good
  s.addRoute({ method: 'GET', path: '/plain' }, async (e) => {
    e.redirect({ protocol: 'http', port: 8080 }, { moved: true });
  });
});
