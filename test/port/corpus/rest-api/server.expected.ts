import { startServer, type ServerBuilder } from 'pode-ts';
import {
  count,
  eq,
  forEachObject,
  isNullOrWhiteSpace,
  toArray,
  toDouble,
  toInt,
  whereObject,
} from 'pode-ts/powershell';

/** A pipeline's value as PowerShell assigns it: no item → null, one → the item, more → the array. */
function psOutput(items: unknown): any {
  const list = Array.isArray(items) ? items : [items];
  return list.length === 0 ? null : list.length === 1 ? list[0] : list;
}

await startServer(
  async (s: ServerBuilder) => {
    s.addEndpoint({ address: 'localhost', port: 8081, protocol: 'http' });
    // a read-only catalogue shared with the routes through $using:
    const products = [
      { Id: 1, Name: 'Keyboard', Price: 49.99, Tags: ['input', 'usb'] },
      { Id: 2, Name: 'Mouse', Price: 19.5, Tags: toArray('input') },
      { Id: 3, Name: 'Monitor', Price: 189, Tags: toArray('display') },
    ];
    s.addRoute({ method: 'GET', path: '/api/products' }, async (e) => {
      let all: any;
      all = products;
      e.writeJson({ Count: count(all), Items: forEachObject(all, (item: any) => item.Name) });
    });
    s.addRoute({ method: 'GET', path: '/api/products/:id' }, async (e) => {
      let product: any;
      const id = toInt(e.parameters.id);
      product = psOutput(whereObject(products, (item: any) => eq(item.Id, id)));
      if (product == null) {
        e.writeJson({ Error: `Product ${id} not found` }, { statusCode: 404 });
        return;
      }
      e.writeJson(product);
    });
    s.addRoute(
      { method: 'POST', path: '/api/products', contentType: 'application/json' },
      async (e) => {
        let body: any;
        let product: any;
        body = e.data;
        if (isNullOrWhiteSpace(body.Name)) {
          e.writeJson({ Error: 'Name is required' }, { statusCode: 400 });
          return;
        }
        product = { Id: 4, Name: body.Name, Price: toDouble(body.Price) };
        e.writeJson(product, { statusCode: 201 });
      },
    );
  },
  { threads: 2 },
);
