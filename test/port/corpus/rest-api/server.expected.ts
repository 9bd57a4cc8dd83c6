import { PodeError, startServer, type ServerBuilder } from 'pode-ts';
import { count, eq, forEachObject, isNullOrWhiteSpace, toArray, toPsString, whereObject } from 'pode-ts/powershell';

await startServer(async (s: ServerBuilder) => {
  let products: any;
  s.addEndpoint({ address: 'localhost', port: 8081, protocol: 'http' });
  // a read-only catalogue shared with the routes through $using:
  products = [{ Id: 1, Name: 'Keyboard', Price: 49.99, Tags: ['input', 'usb'] }, { Id: 2, Name: 'Mouse', Price: 19.5, Tags: toArray('input') }, { Id: 3, Name: 'Monitor', Price: 189, Tags: toArray('display') }];
  s.addRoute({ method: 'GET', path: '/api/products' }, async (e) => {
    let all: any;
    all = products;
    e.writeJson({ Count: count(all), Items: forEachObject(all, (item: any) => item.Name) });
  });
  s.addRoute({ method: 'GET', path: '/api/products/:id' }, async (e) => {
    let id: any;
    let product: any;
    // TODO(port): $id = [int]$WebEvent.Parameters['id']
    throw new PodeError('PODE_ERR_NOT_PORTED', 'Not ported: the cast [int]$WebEvent.Parameters[\'id\']');
    product = whereObject(products, (item: any) => eq(item.Id, id));
    if (product == null) {
      e.writeJson({ Error: `Product ${toPsString(id)} not found` }, { statusCode: 404 });
      return;
    }
    e.writeJson(product);
  });
  s.addRoute({ method: 'POST', path: '/api/products', contentType: 'application/json' }, async (e) => {
    let body: any;
    let product: any;
    body = e.data;
    if (isNullOrWhiteSpace(body.Name)) {
      e.writeJson({ Error: 'Name is required' }, { statusCode: 400 });
      return;
    }
    // TODO(port): $product = @{
    //     Id    = 4
    //     Name  = $body.Name
    //     Price = [double]$body.Price
    // }
    throw new PodeError('PODE_ERR_NOT_PORTED', 'Not ported: the cast [double]$body.Price]');
    e.writeJson(product, { statusCode: 201 });
  });
}, { threads: 2 });
