import { startServer, type ServerBuilder } from 'pode-ts';
import { isNullOrEmpty, toPsString } from 'pode-ts/powershell';

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  const secret = 'corpus-cookie-secret';
  // a signed "remember me" cookie
  s.addRoute({ method: 'POST', path: '/remember' }, async (e) => {
    let name: any;
    name = (e.data as any).name;
    e.setCookie('remember', toPsString(name), { duration: 86400, secret: secret });
    e.writeJson({ Remembered: name });
  });
  s.addRoute({ method: 'GET', path: '/whoami' }, async (e) => {
    let value: any;
    value = e.getCookie('remember', { secret: secret });
    if (isNullOrEmpty(value)) {
      e.writeJson({ Error: 'Nobody remembered' }, { statusCode: 404 });
      return;
    }
    e.writeJson({
      Name: value,
      Signed: e.getCookie('remember', { secret: toPsString(secret) }) !== null,
    });
  });
});
