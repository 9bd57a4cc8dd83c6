import { startServer, type ServerBuilder } from 'pode-ts';

// Import-Module PSHTML dropped: pode-ts renders PSHTML views itself (s.setViewEngine({ type: 'pshtml', extension: 'ps1' }))
// a small site on PSHTML views: each view is a PowerShell script written with PSHTML's tags
await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  s.setViewEngine({ type: 'pshtml', extension: 'ps1' });
  s.addRoute({ method: 'GET', path: '/' }, async (e) => {
    await e.writeView('index', { Title: 'Crew', Members: ['Rick', 'Morty'] });
  });
  s.addRoute({ method: 'GET', path: '/about' }, async (e) => {
    await e.writeView('about');
  });
});
