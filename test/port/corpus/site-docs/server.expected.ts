import { startServer, type ServerBuilder } from 'pode-ts';
import { toArray } from 'pode-ts/powershell';

// Pode's module loader dropped: pode-ts is imported above
// A small documentation site: Markdown pages as views, a static docs folder that redirects to
// its index page, and custom error pages from a folder of their own.
await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  // pages are written in Markdown and rendered to HTML
  s.setViewEngine({ type: 'markdown' });
  // error pages live in ./pages instead of ./errors
  s.setDefaultFolder('errors', './pages');
  // /docs redirects to /docs/index.html instead of serving it in place
  s.addStaticRoute('/docs', './docs', { defaults: toArray('index.html'), redirectToDefault: true });
  s.addRoute({ method: 'GET', path: '/' }, async (e) => {
    await e.writeView('index');
  });
  s.addRoute({ method: 'GET', path: '/changelog' }, async (e) => {
    await e.writeView('changelog.md');
  });
  s.addRoute({ method: 'GET', path: '/private' }, async (e) => {
    e.setStatus(403);
  });
});
