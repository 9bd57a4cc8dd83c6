import { PodeError, startServer, type ServerBuilder } from 'pode-ts';
import { add, divide, eq, isNullOrEmpty, mod, toDouble, toPsString, truthy } from 'pode-ts/powershell';

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  // /api/add?a=2&b=3 -> {"a":2,"b":3,"sum":5}
  s.addRoute({ method: 'GET', path: '/api/add' }, async (e) => {
    let a: any;
    let b: any;
    // TODO(port): $a = [int]$WebEvent.Query['a']
    throw new PodeError('PODE_ERR_NOT_PORTED', 'Not ported: the cast [int]$WebEvent.Query[\'a\']');
    // TODO(port): $b = [int]$WebEvent.Query['b']
    throw new PodeError('PODE_ERR_NOT_PORTED', 'Not ported: the cast [int]$WebEvent.Query[\'b\']');
    e.writeJson({ a: a, b: b, sum: add(a, b) });
  });
  // strings from the query concatenate unless they are cast first
  s.addRoute({ method: 'GET', path: '/api/concat' }, async (e) => {
    let left: any;
    let right: any;
    left = e.query.a;
    right = e.query.b;
    e.writeText(toPsString((add(left, right))));
  });
  // paging: defaults when the query is missing
  s.addRoute({ method: 'GET', path: '/api/page' }, async (e) => {
    let page: any;
    let size: any;
    let first: any;
    page = 1;
    if (!isNullOrEmpty(e.query.page)) {
      // TODO(port): $page = [int]$WebEvent.Query['page']
      throw new PodeError('PODE_ERR_NOT_PORTED', 'Not ported: the cast [int]$WebEvent.Query[\'page\']');
    }
    size = e.query.size;
    if (!truthy(size)) {
      size = 10;
    }
    // TODO(port): $first = (($page - 1) * [int]$size) + 1
    throw new PodeError('PODE_ERR_NOT_PORTED', 'Not ported: the cast [int]$size]');
    // TODO(port): Write-PodeJsonResponse -Value @{ page = $page; size = [int]$size; first = $first }
    throw new PodeError('PODE_ERR_NOT_PORTED', 'Not ported: the cast [int]$size]');
  });
  s.addRoute({ method: 'GET', path: '/api/divide' }, async (e) => {
    let x: any;
    let y: any;
    // TODO(port): $x = [int]$WebEvent.Query['x']
    throw new PodeError('PODE_ERR_NOT_PORTED', 'Not ported: the cast [int]$WebEvent.Query[\'x\']');
    // TODO(port): $y = [int]$WebEvent.Query['y']
    throw new PodeError('PODE_ERR_NOT_PORTED', 'Not ported: the cast [int]$WebEvent.Query[\'y\']');
    if (eq(y, 0)) {
      e.setStatus(400, { description: 'y must not be zero' });
      return;
    }
    e.writeJson({ result: divide(x, y), remainder: mod(x, y) });
  });
});
