import { beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/index.js';
import { selfSignedCertificate, serve } from '../helpers.js';
import { rawRequest } from './raw-http.js';

let key: string;
let cert: Buffer;

beforeAll(() => {
  const pair = selfSignedCertificate();
  key = pair.key.toString('utf8'); // a PEM string
  cert = pair.cert; // a PEM buffer
});

describe('https endpoints', () => {
  it('serves https with a self-signed certificate given as PEM string and buffer', async () => {
    const server = await serve(
      (s) => {
        s.addEndpoint({ address: '127.0.0.1', port: 0, protocol: 'https', tls: { key, cert } });
        s.addRoute('GET', '/secure', (e) =>
          e.writeJson({ protocol: e.endpoint.protocol, secure: e.isSecure }),
        );
      },
      {},
      { endpoint: false },
    );
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(server.endpoints[0].protocol).toBe('https');
    const response = await rawRequest(`${server.url}/secure`);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ protocol: 'https', secure: true });
  });

  it('serves http and https endpoints side by side from one set-up', async () => {
    const server = await serve(
      (s) => {
        s.addEndpoint({ address: '127.0.0.1', port: 0, protocol: 'http', name: 'plain' });
        s.addEndpoint({
          address: '127.0.0.1',
          port: 0,
          protocol: 'https',
          name: 'tls',
          tls: { key, cert },
        });
        s.addRoute('GET', '/', (e) => e.writeText(e.endpoint.protocol));
      },
      {},
      { endpoint: false },
    );
    const [plain, secure] = server.endpoints;
    expect((await rawRequest(plain.url)).body).toBe('http');
    expect((await rawRequest(secure.url)).body).toBe('https');
  });

  it('does not answer plain http on an https endpoint', async () => {
    const server = await serve(
      (s) => {
        s.addEndpoint({ address: '127.0.0.1', port: 0, protocol: 'https', tls: { key, cert } });
        s.addRoute('GET', '/', (e) => e.writeText('secret'));
      },
      {},
      { endpoint: false },
    );
    const plainUrl = server.url.replace('https:', 'http:');
    const outcome = await rawRequest(plainUrl).then(
      (response) => response.body,
      () => 'refused',
    );
    expect(outcome).not.toBe('secret');
  });

  it('rejects startServer when the certificate is not a valid PEM, leaving nothing listening', async () => {
    await expect(
      startServer(
        (s) => {
          s.addEndpoint({
            address: '127.0.0.1',
            port: 0,
            protocol: 'https',
            tls: { key: 'not a key', cert: 'not a cert' },
          });
          s.addRoute('GET', '/', (e) => e.writeText('x'));
        },
        { logger: false, handleSignals: false },
      ),
    ).rejects.toMatchObject({ name: 'SetupError', code: 'PODE_ERR_BAD_ENDPOINT' });
  });
});
