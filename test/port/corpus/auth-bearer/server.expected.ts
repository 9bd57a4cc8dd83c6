import { bearer, getAuthUser, startServer, type ServerBuilder } from 'pode-ts';
import { forEachObject, isNullOrEmpty, toPsString } from 'pode-ts/powershell';

await startServer(async (s: ServerBuilder) => {
  let tokens: any;
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  // tokens a real server would look up in a database
  tokens = { 'token-morty': 'Morty', 'token-summer': 'Summer' };
  s.addAuth('Api', bearer(), async ({ token }, e) => {
    let name: any;
    name = tokens[token];
    if (isNullOrEmpty(name)) {
      return { Message: 'Unknown token' };
    }
    return { User: { Name: name, Token: token } };
  }, { sessionless: true });
  s.addRoute({ method: 'GET', path: '/api/whoami', authentication: 'Api' }, async (e) => {
    e.writeJson({ Name: e.auth.user.Name });
  });
  s.addRoute({ method: 'GET', path: '/api/items', authentication: 'Api' }, async (e) => {
    let items: any;
    items = forEachObject([1, 2, 3], (item: any) => `item-${toPsString(item)}`);
    e.writeJson({ Owner: getAuthUser().Name, Items: items });
  });
});
