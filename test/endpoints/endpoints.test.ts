/**
 * Endpoint options over real sockets: host names and shared ports, dual mode, certificate files,
 * self-signed certificates, redirecting endpoints and the redirect targets of `e.redirect`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SetupError, startServer } from '../../src/index.js';
import { rawRequest } from '../acceptance/raw-http.js';
import { selfSignedCertificate, serve } from '../helpers.js';

/** A port free right now, to share between endpoints (port 0 never shares). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** The subject alternative names of the certificate served at host:port. */
function peerNames(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => {
      const names = socket.getPeerCertificate().subjectaltname ?? '';
      socket.end();
      resolve(names);
    });
    socket.once('error', reject);
  });
}

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pode-ts-endpoints-'));
  const { key, cert } = selfSignedCertificate();
  writeFileSync(join(dir, 'cert.pem'), cert);
  writeFileSync(join(dir, 'key.pem'), key);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('host names', () => {
  it('routes a request to the endpoint whose hostname is its Host, and refuses an unknown Host with 400', async () => {
    const port = await freePort();
    const server = await serve(
      (s) => {
        s.addEndpoint({ address: '127.0.0.1', port, hostname: 'one.example.com', name: 'one' });
        s.addEndpoint({ address: '127.0.0.1', port, hostname: 'two.example.com', name: 'two' });
        s.addRoute({ method: 'GET', path: '/', endpointName: 'one' }, (e) => e.writeText('one'));
        s.addRoute({ method: 'GET', path: '/', endpointName: 'two' }, (e) => e.writeText('two'));
        s.addRoute('GET', '/who', (e) => e.writeText(e.endpoint.name));
      },
      {},
      { endpoint: false },
    );
    expect(server.endpoints.map((e) => e.port)).toEqual([port, port]);
    const url = `http://127.0.0.1:${port}`;
    const one = await rawRequest(`${url}/`, { headers: { host: 'ONE.example.com:8080' } });
    expect([one.status, one.body]).toEqual([200, 'one']);
    const two = await rawRequest(`${url}/`, { headers: { host: 'two.example.com' } });
    expect([two.status, two.body]).toEqual([200, 'two']);
    expect((await rawRequest(`${url}/who`, { headers: { host: 'two.example.com' } })).body).toBe(
      'two',
    );
    const other = await rawRequest(`${url}/`, { headers: { host: 'three.example.com' } });
    expect(other.status).toBe(400);
    const none = await rawRequest(`${url}/who`, { headers: { host: `127.0.0.1:${port}` } });
    expect(none.status).toBe(400);
  });

  it('gives a Host no host name matches to the endpoint without one on the same port', async () => {
    const port = await freePort();
    await serve(
      (s) => {
        s.addEndpoint({ address: '127.0.0.1', port, name: 'plain' });
        s.addEndpoint({ address: '127.0.0.1', port, hostname: 'admin.example.com', name: 'admin' });
        s.addRoute('GET', '/', (e) => e.writeText(e.endpoint.name));
      },
      {},
      { endpoint: false },
    );
    const url = `http://127.0.0.1:${port}/`;
    expect((await rawRequest(url, { headers: { host: 'admin.example.com' } })).body).toBe('admin');
    expect((await rawRequest(url, { headers: { host: 'elsewhere.example.com' } })).body).toBe(
      'plain',
    );
  });

  it('takes an address that is a host name as the hostname, listening on localhost (as Pode does)', async () => {
    const server = await serve(
      (s) => {
        s.addEndpoint({ address: 'site.example.com', port: 0, name: 'site' });
        s.addRoute('GET', '/', (e) => e.writeText(e.endpoint.address));
      },
      {},
      { endpoint: false },
    );
    expect(server.endpoints[0].address).toBe('localhost');
    const url = `http://localhost:${server.endpoints[0].port}/`;
    const ok = await rawRequest(url, { headers: { host: 'site.example.com' } });
    expect([ok.status, ok.body]).toEqual([200, 'localhost']);
    expect((await rawRequest(url)).status).toBe(400);
  });

  it('shares one port between two named endpoints without host names (the first takes the requests)', async () => {
    const port = await freePort();
    await serve(
      (s) => {
        s.addEndpoint({ address: '127.0.0.1', port, name: 'a' });
        s.addEndpoint({ address: '127.0.0.1', port, name: 'b' });
        s.addRoute('GET', '/', (e) => e.writeText(e.endpoint.name));
      },
      {},
      { endpoint: false },
    );
    expect((await rawRequest(`http://127.0.0.1:${port}/`)).body).toBe('a');
  });
});

describe('dual mode', () => {
  it('listens on IPv4 and IPv6 loopback for localhost', async () => {
    const server = await serve(
      (s) => {
        s.addEndpoint({ address: 'localhost', port: 0, dualMode: true });
        s.addRoute('GET', '/', (e) => e.writeText('hi'));
      },
      {},
      { endpoint: false },
    );
    const port = server.endpoints[0].port;
    expect((await rawRequest(`http://127.0.0.1:${port}/`)).body).toBe('hi');
    const v6 = await rawRequest(`http://[::1]:${port}/`).catch((error: Error) => error);
    // Machines without IPv6 skip the second family; where it exists, it answers.
    if (!(v6 instanceof Error)) expect(v6.body).toBe('hi');
  });

  it("listens on '::' with IPv4 mapped for '*'", async () => {
    const server = await serve(
      (s) => {
        s.addEndpoint({ address: '*', port: 0, dualMode: true });
        s.addRoute('GET', '/', (e) => e.writeText(e.remoteAddress));
      },
      {},
      { endpoint: false },
    );
    const response = await rawRequest(`http://127.0.0.1:${server.endpoints[0].port}/`);
    expect([response.status, response.body]).toEqual([200, '127.0.0.1']);
  });
});

describe('certificates', () => {
  it('serves https with a self-signed certificate made at start-up for localhost and the address', async () => {
    const server = await serve(
      (s) => {
        s.addEndpoint({ address: '127.0.0.1', port: 0, protocol: 'https', selfSigned: true });
        s.addRoute('GET', '/', (e) => e.writeJson({ secure: e.isSecure }));
      },
      {},
      { endpoint: false },
    );
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const response = await rawRequest(`${server.url}/`);
    expect(JSON.parse(response.body)).toEqual({ secure: true });
    const names = await peerNames(server.endpoints[0].port);
    expect(names).toContain('DNS:localhost');
    expect(names).toContain('IP Address:127.0.0.1');
  }, 30_000);

  it('reads a PEM certificate and key from files relative to the server root', async () => {
    const server = await serve(
      (s) => {
        s.addEndpoint({
          address: '127.0.0.1',
          port: 0,
          protocol: 'https',
          certificate: './cert.pem',
          certificateKey: './key.pem',
        });
        s.addRoute('GET', '/', (e) => e.writeText('files'));
      },
      { root: dir },
      { endpoint: false },
    );
    expect((await rawRequest(`${server.url}/`)).body).toBe('files');
  });

  it('asks for a client certificate with allowClientCertificate and still serves a client without one', async () => {
    const server = await serve(
      (s) => {
        s.addEndpoint({
          address: '127.0.0.1',
          port: 0,
          protocol: 'https',
          selfSigned: true,
          allowClientCertificate: true,
        });
        s.addRoute('GET', '/', (e) => e.writeText('no client cert'));
      },
      {},
      { endpoint: false },
    );
    expect((await rawRequest(`${server.url}/`)).body).toBe('no client cert');
  }, 30_000);
});

describe('redirects between endpoints', () => {
  it('answers every request on a redirectTo endpoint with a redirect to the same path on the other', async () => {
    const server = await serve(
      (s) => {
        s.addEndpoint({ address: '127.0.0.1', port: 0, name: 'main' });
        s.addEndpoint({ address: '127.0.0.1', port: 0, name: 'old', redirectTo: 'main' });
        s.addRoute('GET', '/', (e) => e.writeText('home'));
        s.addRoute('GET', '/page', (e) => e.writeText('page'));
      },
      {},
      { endpoint: false },
    );
    const [main, old] = server.endpoints;
    const home = await rawRequest(`${old.url}/`);
    expect(home.status).toBe(302);
    expect(home.headers.location).toBe(`http://localhost:${main.port}/`);
    const post = await rawRequest(`${old.url}/page?x=1`, { method: 'POST' });
    expect(post.status).toBe(302);
    expect(post.headers.location).toBe(`http://localhost:${main.port}/page?x=1`);
    expect((await rawRequest(`${main.url}/page`)).body).toBe('page');
  });

  it('redirects to the request URL with another protocol, address or port', async () => {
    const server = await serve((s) => {
      s.addRoute('GET', '/port', (e) => e.redirect({ port: 9000 }));
      s.addRoute('GET', '/https', (e) =>
        e.redirect({ protocol: 'https', port: 443 }, { moved: true }),
      );
      s.addRoute('GET', '/address', (e) => e.redirect({ address: '127.0.0.2' }));
      s.addRoute('GET', '/endpoint', (e) => e.redirect({ endpointName: 'nope' }));
    });
    const { port } = server.endpoints[0];
    const byPort = await rawRequest(`${server.url}/port?a=b`);
    expect([byPort.status, byPort.headers.location]).toEqual([
      302,
      'http://127.0.0.1:9000/port?a=b',
    ]);
    const secure = await rawRequest(`${server.url}/https`);
    expect([secure.status, secure.headers.location]).toEqual([301, 'https://127.0.0.1/https']);
    const address = await rawRequest(`${server.url}/address`);
    expect(address.headers.location).toBe(`http://127.0.0.2:${port}/address`);
    // An unknown endpoint name is the route's error: 500, and the server keeps serving.
    expect((await rawRequest(`${server.url}/endpoint`)).status).toBe(500);
    expect((await rawRequest(`${server.url}/port`)).status).toBe(302);
  });
});

describe('set-up mistakes', () => {
  const cases: [string, (s: Parameters<Parameters<typeof startServer>[0]>[0]) => void, RegExp][] = [
    [
      'redirectTo an endpoint not added before',
      (s) => s.addEndpoint({ port: 0, name: 'a', redirectTo: 'b' }),
      /no endpoint named 'b'/,
    ],
    [
      'redirectTo without a name',
      (s) => s.addEndpoint({ port: 0, redirectTo: 'x' }),
      /redirectTo needs a name/,
    ],
    [
      'two default http endpoints',
      (s) => {
        s.addEndpoint({ port: 0, name: 'a', default: true });
        s.addEndpoint({ port: 0, name: 'b', default: true });
      },
      /default endpoint for http is already set/,
    ],
    [
      'a certificate on http',
      (s) => s.addEndpoint({ port: 0, selfSigned: true }),
      /not https or wss/,
    ],
    [
      'client certificates on http',
      (s) => s.addEndpoint({ port: 0, allowClientCertificate: true }),
      /only supported on https/,
    ],
    [
      'a hostname that is not one',
      (s) => s.addEndpoint({ port: 0, hostname: 'not a host' }),
      /must be a host name/,
    ],
    [
      'lookupHostname without a hostname',
      (s) => s.addEndpoint({ port: 0, lookupHostname: true }),
      /lookupHostname needs a hostname/,
    ],
    [
      'a missing certificate file',
      (s) =>
        s.addEndpoint({
          port: 0,
          protocol: 'https',
          certificate: '/nowhere/cert.pem',
          certificateKey: '/nowhere/key.pem',
        }),
      /cannot read the certificate file .*ENOENT/,
    ],
    [
      'a PEM certificate without its key',
      (s) => s.addEndpoint({ port: 0, protocol: 'https', certificate: join(dir, 'cert.pem') }),
      /needs its private key/,
    ],
    [
      'two certificate sources',
      (s) =>
        s.addEndpoint({
          port: 0,
          protocol: 'https',
          selfSigned: true,
          certificate: join(dir, 'cert.pem'),
        }),
      /not certificate and selfSigned/,
    ],
    [
      'a certificate that does not match its key',
      (s) =>
        s.addEndpoint({
          port: 0,
          protocol: 'https',
          certificate: join(dir, 'cert.pem'),
          certificateKey: join(dir, 'cert.pem'),
        }),
      /cannot be used/,
    ],
  ];

  it.each(cases)('%s is a SetupError', async (_name, setup, message) => {
    const error = await startServer(setup, { logger: false, handleSignals: false }).then(
      (server) => server.stop().then(() => 'started'),
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(SetupError);
    expect((error as Error).message).toMatch(message);
  });
});
