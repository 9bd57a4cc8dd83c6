import { startServer, type ServerBuilder } from 'pode-ts';

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  // every method on one path
  s.addRoute({ method: '*', path: '/any' }, async (e) => {
    e.writeJson({ Method: e.method.toUpperCase() });
  });
  s.addRoute({ method: ['PUT', 'PATCH'], path: '/items/:id' }, async (e) => {
    e.writeJson({ Updated: e.parameters.id, With: (e.data as any).name });
  });
  s.addRoute({ method: 'DELETE', path: '/items/:id' }, async (e) => {
    e.setStatus(204);
  });
  s.addRoute({ method: 'GET', path: '/teapot' }, async (e) => {
    e.setStatus(418, { description: "I'm a teapot", noErrorPage: true });
  });
  s.addRoute({ method: 'GET', path: '/created' }, async (e) => {
    e.writeJson({ Id: 'abc' }, { statusCode: 201 });
  });
  s.addRoute({ method: 'GET', path: '/gone' }, async (e) => {
    e.setStatus(410);
  });
});
