import {
  basic,
  form,
  getAuthUser,
  getFlashMessage,
  newLogTerminalMethod,
  startServer,
  type ServerBuilder,
} from 'pode-ts';
import { join, toArray, toPsString } from 'pode-ts/powershell';

await startServer(async (s: ServerBuilder) => {
  let scheme: any;
  s.addEndpoint({ address: 'localhost', port: 8082, protocol: 'http' });
  s.enableLogErrorType(newLogTerminalMethod());
  s.enableSessionMiddleware({ duration: 600, extend: true });
  // the domain controller: nothing answers on port 1 of this machine, so every login fails
  // (Pode's ldapsearch fails the same way: "Invalid credentials supplied")
  const dc = '127.0.0.1:1';
  // the intranet: a <form> login against AD, only for members of 'Intranet Users' (nested groups count)
  s.addAuthWindowsAd('Intranet', form(), {
    fqdn: dc,
    domain: 'CORP',
    searchBase: 'OU=Staff,DC=corp,DC=example',
    groups: toArray('Intranet Users'),
    failureUrl: '/login',
    successUrl: '/',
    scriptBlock: async (user: any, e) => {
      delete user['DistinguishedName'];
      return { user: user };
    },
  });
  // the API: basic auth, no session, only two accounts, no groups read
  scheme = basic({ realm: 'Corp API' });
  s.addAuthWindowsAd('Api', scheme, {
    fqdn: dc,
    domain: 'CORP',
    users: ['svc-build', 'svc-deploy'],
    noGroups: true,
    keepCredential: true,
    sessionless: true,
  });
  s.addRoute({ method: 'GET', path: '/', authentication: 'Intranet' }, async (e) => {
    let user: any;
    user = getAuthUser();
    e.writeHtml(
      `<h1>Hello, ${toPsString(user.Name)}</h1><p>Groups: ${join(user.Groups, ', ')}</p>`,
    );
  });
  s.addRoute(
    { method: 'GET', path: '/login', authentication: 'Intranet', login: true },
    async (e) => {
      let errors: any;
      errors = getFlashMessage('auth-error');
      e.writeHtml(`<form action="/login" method="post">
  <p class="error">${join(errors, ', ')}</p>
  <input name="username" /><input name="password" type="password" />
</form>`);
    },
  );
  s.addRoute({ method: 'POST', path: '/login', authentication: 'Intranet', login: true });
  s.addRoute({ method: 'POST', path: '/logout', authentication: 'Intranet', logout: true });
  s.addRoute({ method: 'GET', path: '/api/whoami', authentication: 'Api' }, async (e) => {
    e.writeJson({ Username: e.auth.user?.Username, Domain: e.auth.user?.Domain });
  });
  s.addRoute({ method: 'GET', path: '/health' }, async (e) => {
    e.writeJson({ Status: 'ok' });
  });
});
