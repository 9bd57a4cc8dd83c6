import { form, getAuthUser, getFlashMessage, startServer, type ServerBuilder } from 'pode-ts';
import { eq, join, toPsString } from 'pode-ts/powershell';

declare module 'pode-ts' {
  interface SessionData {
    views?: any;
  }
}

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8081, protocol: 'http' });
  s.enableSessionMiddleware({ duration: 120, extend: true });
  // form login: the <form> posts "username" and "password"
  s.addAuth(
    'Login',
    form(),
    async ({ username, password }, e) => {
      if (eq(username, 'morty') && eq(password, 'pickle')) {
        return { user: { ID: 'M0R7Y302', Name: 'Morty', Type: 'Human' } };
      }
      return { message: 'Invalid details supplied' };
    },
    { failureUrl: '/login', successUrl: '/' },
  );
  // home page: redirects to /login without an authenticated session
  s.addRoute({ method: 'GET', path: '/', authentication: 'Login' }, async (e) => {
    let user: any;
    e.session.data.views = (e.session.data.views ?? 0) + 1;
    user = getAuthUser();
    e.writeHtml(
      `<h1>Welcome, ${toPsString(user.Name)}</h1><p>Views: ${toPsString(e.session.data.views)}</p>`,
    );
  });
  // login page: an authenticated session is sent home instead
  s.addRoute({ method: 'GET', path: '/login', authentication: 'Login', login: true }, async (e) => {
    let errors: any;
    errors = getFlashMessage('auth-error');
    const html = `<html>
<body>
  <p class="error">${join(errors, ', ')}</p>
  <form action="/login" method="post">
    <input name="username" /><input name="password" type="password" />
    <button type="submit">Login</button>
  </form>
</body>
</html>`;
    e.writeHtml(html);
  });
  s.addRoute({ method: 'POST', path: '/login', authentication: 'Login', login: true });
  s.addRoute({ method: 'POST', path: '/logout', authentication: 'Login', logout: true });
});
