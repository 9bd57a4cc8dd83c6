import { startServer, type ServerBuilder } from 'pode-ts';
import {
  forEachObject,
  lt,
  mod,
  multiply,
  toArray,
  toInt,
  toPsString,
  whereObject,
} from 'pode-ts/powershell';

/** A pipeline's value as PowerShell assigns it: no item → null, one → the item, more → the array. */
function psOutput(items: unknown): any {
  const list = Array.isArray(items) ? items : [items];
  return list.length === 0 ? null : list.length === 1 ? list[0] : list;
}

//Requires -Version 7.0
await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  // a route added early with its logic still to come: Pode accepts an empty block
  s.addRoute({ method: 'GET', path: '/todo' }, async (e) => {
    // logic goes here later
  });
  // one route for two methods, written as a bareword list
  s.addRoute({ method: ['GET', 'POST'], path: '/both' }, async (e) => {
    e.writeText(`you sent a ${e.method.toLowerCase()}`);
  });
  // PowerShell 7 leading-pipe continuation
  s.addRoute({ method: 'GET', path: '/evens' }, async (e) => {
    let evens: any;
    evens = psOutput(
      forEachObject(
        whereObject([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], (item: any) => mod(item, 2) === 0),
        (item: any) => multiply(item, 10),
      ),
    );
    e.writeJson({ Evens: toArray(evens) });
  });
  // one-line switch clauses
  s.addRoute({ method: 'GET', path: '/size/:n' }, async (e) => {
    let size: any;
    const n = toInt(e.parameters.n);
    const sizeItems: unknown[] = [];
    {
      let matched = false;
      if (lt(n, 10)) {
        matched = true;
        sizeItems.push('small');
      }
      if (lt(n, 100)) {
        matched = true;
        sizeItems.push('medium');
      }
      if (!matched) {
        sizeItems.push('large');
      }
    }
    size = psOutput(sizeItems);
    e.writeText(toPsString(toArray(size)[0]));
  });
  // a middleware whose body is only a comment still has to pass through
  s.addMiddleware('Placeholder', async (e) => {
    // nothing yet
    return true;
  });
  s.addRoute({ method: 'GET', path: '/' }, async (e) => {
    e.writeText('root');
  });
});
