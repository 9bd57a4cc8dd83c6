import { startServer, type ServerBuilder } from 'pode-ts';
import { add, contains, ne, toArray, toPsString, whereObject } from 'pode-ts/powershell';

declare module 'pode-ts' {
  interface SessionData {
    cart?: any;
  }
}

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  s.enableSessionMiddleware({ duration: 120, extend: true });
  // the cart is an array of item names in the session, through the $session: scope
  s.addRoute({ method: 'GET', path: '/cart' }, async (e) => {
    if (e.session.data.cart == null) {
      e.session.data.cart = [] as any[];
    }
    e.writeJson({
      Items: toArray(e.session.data.cart),
      Count: toArray(e.session.data.cart).length,
    });
  });
  s.addRoute({ method: 'POST', path: '/cart/:item' }, async (e) => {
    let item: any;
    item = e.parameters.item;
    if (e.session.data.cart == null) {
      e.session.data.cart = [] as any[];
    }
    if (contains(e.session.data.cart, item)) {
      e.writeJson({ Error: `${toPsString(item)} is already in the cart` }, { statusCode: 409 });
      return;
    }
    e.session.data.cart = add(e.session.data.cart, item);
    e.writeJson(
      { Items: toArray(e.session.data.cart), Count: toArray(e.session.data.cart).length },
      { statusCode: 201 },
    );
  });
  s.addRoute({ method: 'DELETE', path: '/cart/:item' }, async (e) => {
    let item: any;
    item = e.parameters.item;
    e.session.data.cart = whereObject(e.session.data.cart, (each: any) => ne(each, item));
    e.writeJson({
      Items: toArray(e.session.data.cart),
      Count: toArray(e.session.data.cart).length,
    });
  });
});
