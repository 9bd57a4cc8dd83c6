import {
  bearer,
  convertFromJwt,
  convertToJwt,
  getAuthUser,
  startServer,
  testJwt,
  type ServerBuilder,
} from 'pode-ts';
import { isNullOrEmpty, toPsString } from 'pode-ts/powershell';

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8086, protocol: 'http' });
  // a real server would read this from a vault
  const secret = 'hush-it-is-a-secret-of-32-bytes!';
  // bearer tokens are HS256 JWTs: Pode checks the signature and expiry, the validator gets the payload
  s.addAuth(
    'Jwt',
    bearer({ asJwt: true, secret: secret }),
    async ({ payload }, e) => {
      if (isNullOrEmpty(payload.sub)) {
        return { message: 'The token has no subject' };
      }
      return { user: { Id: payload.sub, Name: payload.name } };
    },
    { sessionless: true },
  );
  s.addRoute({ method: 'POST', path: '/token' }, async (e) => {
    let claims: any;
    claims = { sub: (e.data as any).username, name: (e.data as any).name };
    const token = await convertToJwt({ alg: 'hs256', typ: 'JWT' }, claims, { secret: secret });
    e.writeJson({ Token: token });
  });
  s.addRoute({ method: 'GET', path: '/me', authentication: 'Jwt' }, async (e) => {
    let user: any;
    user = getAuthUser();
    e.writeJson({ Id: user.Id, Name: user.Name });
  });
  s.addRoute({ method: 'POST', path: '/inspect' }, async (e) => {
    let payload: any;
    try {
      payload = await convertFromJwt(toPsString((e.data as any).token), { secret: secret });
      testJwt(payload);
      e.writeJson({ Subject: payload.sub });
    } catch (error) {
      e.writeJson({ Error: 'The token is not valid' }, { statusCode: 400 });
    }
  });
});
