/**
 * A server without JWT never loads jose; one with a JWT scheme loads it on the first token, not at
 * start-up. Runs a real process on dist/ that records every module it resolves.
 */
import { describe, expect, it } from 'vitest';
import { runProbe } from '../lazy-probe.js';

// Starts a server (with or without a JWT scheme), makes one authenticated request, and reports
// whether jose was imported before the request and after it.
function probe(withJwt: boolean): Promise<unknown> {
  return runProbe(`import { basic, bearer, startServer } from PODE;
const server = await startServer((s) => {
  s.addEndpoint({ address: '127.0.0.1', port: 0 });
  s.addAuth('A', ${withJwt ? "bearer({ asJwt: true, secret: 'secret-of-enough-length-123456' })" : 'basic()'}, () => ({ user: { id: 1 } }), { sessionless: true });
  s.addRoute({ method: 'GET', path: '/', authentication: 'A' }, (e) => e.writeText('ok'));
}, { logger: false, handleSignals: false });
const before = resolved('jose');
const response = await fetch(server.url, { headers: { authorization: ${withJwt ? "'Bearer a.b.c'" : "'Basic ' + Buffer.from('a:b').toString('base64')"} } });
await response.arrayBuffer();
await server.stop();
console.log(JSON.stringify({ before, after: resolved('jose'), status: response.status }));
`);
}

describe('jose is loaded lazily', () => {
  it('a server without JWT never imports jose', async () => {
    expect(await probe(false)).toEqual({ before: false, after: false, status: 200 });
  }, 90_000);

  it('a server with a JWT scheme imports it on the first token, not at start-up', async () => {
    expect(await probe(true)).toEqual({ before: false, after: true, status: 401 });
  }, 90_000);
});
