import { startServer, type ServerBuilder } from 'pode-ts';
import { notIn, toPsString } from 'pode-ts/powershell';

await startServer(
  async (s: ServerBuilder) => {
    s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
    // remember the visitor's theme in a cookie for an hour
    s.addRoute({ method: 'GET', path: '/theme/:name' }, async (e) => {
      const theme = e.parameters.name.toLowerCase();
      if (notIn(theme, ['light', 'dark'])) {
        e.writeText(`Unknown theme: ${theme}`, { statusCode: 400 });
        return;
      }
      e.setCookie('theme', theme, { duration: 3600, httpOnly: true });
      e.redirect('/');
    });
    s.addRoute({ method: 'GET', path: '/' }, async (e) => {
      let theme: any;
      theme = 'light';
      if (e.getCookie('theme') !== null) {
        theme = e.getCookie('theme');
      }
      e.writeHtml(`<body class="${toPsString(theme)}">Welcome</body>`);
    });
    s.addRoute({ method: 'GET', path: '/raw' }, async (e) => {
      const cookie = e.cookies.theme;
      if (cookie == null) {
        e.writeJson({ Theme: null });
      } else {
        e.writeJson({ Theme: cookie });
      }
    });
    s.addRoute({ method: 'GET', path: '/forget' }, async (e) => {
      e.removeCookie('theme');
      e.writeText('forgotten');
    });
  },
  { threads: 2 },
);
