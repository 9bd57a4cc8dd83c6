import { startServer, type ServerBuilder } from 'pode-ts';
import {
  add,
  divide,
  isNullOrEmpty,
  mod,
  toDouble,
  toInt,
  toPsString,
  truthy,
} from 'pode-ts/powershell';

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  // /api/add?a=2&b=3 -> {"a":2,"b":3,"sum":5}
  s.addRoute({ method: 'GET', path: '/api/add' }, async (e) => {
    const a = toInt(e.query.a);
    const b = toInt(e.query.b);
    e.writeJson({ a: a, b: b, sum: a + b });
  });
  // strings from the query concatenate unless they are cast first
  s.addRoute({ method: 'GET', path: '/api/concat' }, async (e) => {
    let left: any;
    let right: any;
    left = e.query.a;
    right = e.query.b;
    e.writeText(toPsString(add(left, right)));
  });
  // paging: defaults when the query is missing
  s.addRoute({ method: 'GET', path: '/api/page' }, async (e) => {
    let page: any;
    let size: any;
    page = 1;
    if (!isNullOrEmpty(e.query.page)) {
      page = toInt(e.query.page);
    }
    size = e.query.size;
    if (!truthy(size)) {
      size = 10;
    }
    const first = (toDouble(page) - 1) * toInt(size) + 1;
    e.writeJson({ page: page, size: toInt(size), first: first });
  });
  s.addRoute({ method: 'GET', path: '/api/divide' }, async (e) => {
    const x = toInt(e.query.x);
    const y = toInt(e.query.y);
    if (y === 0) {
      e.setStatus(400, { description: 'y must not be zero' });
      return;
    }
    e.writeJson({ result: divide(x, y), remainder: mod(x, y) });
  });
});
