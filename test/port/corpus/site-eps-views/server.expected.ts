import { startServer, type ServerBuilder } from 'pode-ts';
import { forEachObject, join } from 'pode-ts/powershell';

// Import-Module EPS dropped: pode-ts renders EPS views itself (s.setViewEngine({ type: 'eps' }))
// a small site on EPS templates: <%= %> expressions, a foreach with -%> trimming, a comment,
// and a literal <%%; Get-Module lists what the script imported
await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  s.setViewEngine({ type: 'eps' });
  s.addRoute({ method: 'GET', path: '/' }, async (e) => {
    await e.writeView('index', {
      Title: 'Crew',
      Members: ['Rick', 'Morty', 'Summer'],
      Motto: '<b>wubba lubba</b>',
    });
  });
  s.addRoute({ method: 'GET', path: '/modules' }, async (e) => {
    const names = join(
      forEachObject(
        [
          { Name: 'Pode', ModuleType: 'Script' },
          { Name: 'EPS', ModuleType: 'Script' },
        ],
        (item: any) => item.Name,
      ),
      ',',
    );
    e.writeText(names);
  });
});
