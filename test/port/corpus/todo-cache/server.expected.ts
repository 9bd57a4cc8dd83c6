import { PodeError, startServer, type ServerBuilder } from 'pode-ts';

await startServer(async (s: ServerBuilder) => {
  s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' });
  // the price list is slow to build: keep it in Pode's cache for a minute
  s.addRoute({ method: 'GET', path: '/prices' }, async (e) => {
    let prices: any;
    // TODO(port): $prices = Get-PodeCache -Key 'prices'
    throw new PodeError(
      'PODE_ERR_NOT_PORTED',
      'Not ported: Get-PodeCache (no equivalent in pode-ts)',
    );
    if (prices == null) {
      prices = { Apple: 1, Pear: 2 };
      // TODO(port): Set-PodeCache -Key 'prices' -InputObject $prices -Ttl 60
      throw new PodeError(
        'PODE_ERR_NOT_PORTED',
        'Not ported: Set-PodeCache (no equivalent in pode-ts)',
      );
    }
    e.writeJson(prices);
  });
  s.addRoute({ method: 'GET', path: '/ping' }, async (e) => {
    e.writeText('pong');
  });
});
