import { PodeError, setResponseStatus, startServer, type ServerBuilder } from 'pode-ts';
import { gt, join, multiply, toArray, toPsString } from 'pode-ts/powershell';

await startServer(async (s: ServerBuilder) => {
  let limits: any;
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  // middleware from a hashtable on the pipeline, with arguments
  limits = { Logic: async (maxParameters) => {
  if (gt(getWebEvent().query.Count, maxParameters)) {
    setResponseStatus(414);
    return false;
  }
  return true;
}, Arguments: toArray(2) };
  // TODO(port): $limits | Add-PodeMiddleware -Name 'QueryLimit'
  throw new PodeError('PODE_ERR_NOT_PORTED', 'Not ported: Add-PodeMiddleware used as a value');
  // a middleware with -ArgumentList
  s.addMiddleware('Banner', async (e) => {
    const product = 'corpus';
    e.setHeader('X-Powered-By', toPsString(product));
    return true;
  });
  // a route with -ArgumentList: the values arrive as parameters
  s.addRoute({ method: 'GET', path: '/greet' }, async (e) => {
    const word = 'Hello';
    const times = 3;
    const text = join(multiply(toArray(word), times), ' ');
    e.writeText(text);
  });
});
