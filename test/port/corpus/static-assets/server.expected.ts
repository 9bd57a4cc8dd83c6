import { startServer, type ServerBuilder } from 'pode-ts';
import { toArray } from 'pode-ts/powershell';

await startServer(
  async (s: ServerBuilder) => {
    s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
    // serve ./public under /assets, with index.html for the folder itself
    s.addStaticRoute('/assets', './public', { defaults: toArray('index.html') });
    // files under /downloads are always attachments
    s.addStaticRoute('/downloads', './files', { downloadOnly: true });
    s.addRoute({ method: 'GET', path: '/' }, async (e) => {
      e.writeHtml('<link rel="stylesheet" href="/assets/site.css"><p>styled</p>');
    });
    // a route that hands out a file as a download
    s.addRoute({ method: 'GET', path: '/report' }, async (e) => {
      await e.setResponseAttachment('/downloads/report.txt');
    });
    // a file sent from a route
    s.addRoute({ method: 'GET', path: '/readme' }, async (e) => {
      await e.writeFile('./files/report.txt', { contentType: 'text/plain' });
    });
  },
  { threads: 2 },
);
