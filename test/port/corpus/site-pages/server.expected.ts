import { startServer, type ServerBuilder } from 'pode-ts';
import { toPsString } from 'pode-ts/powershell';

// a small shop site made of pages: a view, a plain HTML file, and two computed pages
await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  s.setViewEngine({ type: 'pode' });
  s.addPage({ name: 'Home', view: 'home', data: { shop: 'Corner Shop' } });
  s.addPage({ name: 'Terms', path: '/legal', filePath: '.\\pages\\terms.html' });
  // a page made from objects: written as an HTML table
  s.addPage({ name: 'Stock' }, async (e) => {
    return [
      { Item: 'apples', Count: 12 },
      { Item: 'pears', Count: 3 },
    ];
  });
  // -Data is splatted onto the script block's parameters
  s.addPage({ name: 'Greeting', data: { Who: 'visitor' } }, async (e, { Who: who }: any) => {
    return `<p>Welcome, ${toPsString(who)}!</p>`;
  });
});
