import {
  getSessionExpiry,
  getSessionId,
  removeSession,
  saveSession,
  startServer,
  type ServerBuilder,
} from 'pode-ts';
import { getDate, gt, isNullOrEmpty, isNullOrWhiteSpace } from 'pode-ts/powershell';

declare module 'pode-ts' {
  interface SessionData {
    user?: any;
  }
}

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  s.enableSessionMiddleware({ name: 'corpus.sid', duration: 300, extend: true });
  // a hand-rolled sign-in that keeps the user in the session
  s.addRoute({ method: 'POST', path: '/signin' }, async (e) => {
    let name: any;
    name = (e.data as any).name;
    if (isNullOrWhiteSpace(name)) {
      e.setStatus(400);
      return;
    }
    e.session.data.user = { Name: name, Since: getDate({ format: 'yyyy-MM-dd' }) };
    await saveSession({ force: true });
    e.writeJson({ SignedIn: name });
  });
  s.addRoute({ method: 'GET', path: '/me' }, async (e) => {
    let user: any;
    user = e.session.data.user;
    if (user == null) {
      e.writeJson({ Error: 'not signed in' }, { statusCode: 401 });
      return;
    }
    e.writeJson({
      Name: user.Name,
      HasId: !isNullOrEmpty(getSessionId({ force: true })),
      ExpiresLater: gt(getSessionExpiry(), new Date()),
    });
  });
  s.addRoute({ method: 'POST', path: '/signout' }, async (e) => {
    await removeSession();
    e.writeJson({ SignedOut: true });
  });
});
