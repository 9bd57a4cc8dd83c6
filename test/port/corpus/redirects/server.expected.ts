import { startServer, type ServerBuilder } from 'pode-ts';
import { isNullOrWhiteSpace, toPsString } from 'pode-ts/powershell';

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  // old URLs moved for good
  s.addRoute({ method: 'GET', path: '/old-blog/:slug' }, async (e) => {
    e.redirect(`/blog/${toPsString(e.parameters.slug)}`, { moved: true });
  });
  s.addRoute({ method: 'GET', path: '/blog/:slug' }, async (e) => {
    e.writeText(`Post: ${toPsString(e.parameters.slug)}`);
  });
  // a temporary redirect that keeps the query
  s.addRoute({ method: 'GET', path: '/search' }, async (e) => {
    let q: any;
    q = e.query.q;
    if (isNullOrWhiteSpace(q)) {
      e.redirect('/');
      return;
    }
    e.redirect(`/results?q=${toPsString(q)}`);
  });
  s.addRoute({ method: 'GET', path: '/' }, async (e) => {
    e.writeText('home');
  });
});
