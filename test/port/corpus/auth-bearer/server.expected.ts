import { bearer, getAuthUser, startServer, type ServerBuilder } from 'pode-ts';
import { forEachObject, isNullOrEmpty, toPsString } from 'pode-ts/powershell';

/** A pipeline's value as PowerShell assigns it: no item → null, one → the item, more → the array. */
function psOutput(items: unknown): any {
  const list = Array.isArray(items) ? items : [items];
  return list.length === 0 ? null : list.length === 1 ? list[0] : list;
}

await startServer(async (s: ServerBuilder) => {
  let tokens: any;
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  // tokens a real server would look up in a database
  tokens = { 'token-morty': 'Morty', 'token-summer': 'Summer' };
  s.addAuth(
    'Api',
    bearer(),
    async ({ token }, e) => {
      let name: any;
      name = tokens[token];
      if (isNullOrEmpty(name)) {
        return { message: 'Unknown token' };
      }
      return { user: { Name: name, Token: token } };
    },
    { sessionless: true },
  );
  s.addRoute({ method: 'GET', path: '/api/whoami', authentication: 'Api' }, async (e) => {
    e.writeJson({ Name: e.auth.user?.Name });
  });
  s.addRoute({ method: 'GET', path: '/api/items', authentication: 'Api' }, async (e) => {
    let items: any;
    items = psOutput(forEachObject([1, 2, 3], (item: any) => `item-${toPsString(item)}`));
    e.writeJson({ Owner: getAuthUser()?.Name, Items: items });
  });
});
