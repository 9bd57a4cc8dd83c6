/**
 * A server without Windows AD authentication never loads ldapts; one with it loads it on the
 * first login, not at start-up. Runs a real process on dist/ that records every module it
 * resolves.
 */
import { describe, expect, it } from 'vitest';
import { runProbe } from '../lazy-probe.js';

// Starts a server (with or without AD), makes one login request (the directory on port 1 of
// 127.0.0.1 is unreachable), and reports whether ldapts was imported before it and after it.
function probe(withAd: boolean): Promise<unknown> {
  return runProbe(`import { basic, startServer } from PODE;
const server = await startServer((s) => {
  s.addEndpoint({ address: '127.0.0.1', port: 0 });
  ${
    withAd
      ? "s.addAuthWindowsAd('A', basic(), { fqdn: '127.0.0.1:1', domain: 'CORP', sessionless: true });"
      : "s.addAuth('A', basic(), () => ({ user: { id: 1 } }), { sessionless: true });"
  }
  s.addRoute({ method: 'GET', path: '/', authentication: 'A' }, (e) => e.writeText('ok'));
}, { logger: false, handleSignals: false });
const before = resolved('ldapts');
const response = await fetch(server.url, { headers: { authorization: 'Basic ' + Buffer.from('a:b').toString('base64') } });
await response.arrayBuffer();
await server.stop();
console.log(JSON.stringify({ before, after: resolved('ldapts'), status: response.status }));
`);
}

describe('ldapts is loaded lazily', () => {
  it('a server without Windows AD authentication never imports ldapts', async () => {
    expect(await probe(false)).toEqual({ before: false, after: false, status: 200 });
  }, 90_000);

  it('a server with it imports ldapts on the first login, not at start-up', async () => {
    expect(await probe(true)).toEqual({ before: false, after: true, status: 401 });
  }, 90_000);
});
