import { newCsrfToken, startServer, type ServerBuilder } from 'pode-ts';

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  // CSRF tokens live in the session
  s.enableSessionMiddleware({ duration: 120 });
  s.enableCsrfMiddleware();
  // GET is ignored by the CSRF check: render the form with a token
  s.addRoute({ method: 'GET', path: '/' }, async (e) => {
    const token = newCsrfToken();
    e.writeHtml(
      `<form method='post' action='/comment'><input type='hidden' name='pode.csrf' value='${token}' /><input name='text' /></form>`,
    );
  });
  s.addRoute({ method: 'GET', path: '/token' }, async (e) => {
    e.writeJson({ Token: newCsrfToken() });
  });
  // POST needs the token, or the middleware answers 403
  s.addRoute({ method: 'POST', path: '/comment' }, async (e) => {
    e.writeJson({ Saved: (e.data as any).text });
  });
});
