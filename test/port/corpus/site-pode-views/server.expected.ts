import { addFlashMessage, startServer, type ServerBuilder } from 'pode-ts';

// a small site on Pode's own view engine: .pode views with $(…) over $data, a shared partial
await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  s.setViewEngine({ type: 'pode' });
  s.enableSessionMiddleware({ duration: 120, extend: true });
  s.addRoute({ method: 'GET', path: '/' }, async (e) => {
    await e.writeView('index', { Title: 'Crew', Members: ['Rick', 'Morty', 'Summer'] });
  });
  s.addRoute({ method: 'POST', path: '/login' }, async (e) => {
    addFlashMessage('error', 'Invalid username');
    e.redirect('/login');
  });
  s.addRoute({ method: 'GET', path: '/login' }, async (e) => {
    await e.writeView('login', {}, { flashMessages: true });
  });
});
