import { X509Certificate } from 'node:crypto';
import { request } from 'node:https';
import { describe, expect, it } from 'vitest';
import { clientCertificate, type ServerBuilder, startServer } from '../../src/index.js';
import { selfSignedCertificate, serve } from '../helpers.js';

const server = selfSignedCertificate();
const client = selfSignedCertificate();

function setup(s: ServerBuilder): void {
  s.addAuth(
    'Cert',
    clientCertificate(),
    ({ cert, errors }) =>
      cert.thumbprint === new X509Certificate(client.cert).fingerprint.replace(/:/g, '')
        ? { user: { subject: cert.subject, errors } }
        : { message: 'Invalid certificate supplied' },
    { sessionless: true },
  );
  s.addRoute({ method: 'GET', path: '/', authentication: 'Cert' }, (e) => e.writeJson(e.auth.user));
}

/** GET over https, with or without a client certificate. */
function get(url: string, withCert: boolean): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        rejectUnauthorized: false,
        ...(withCert ? { key: client.key, cert: client.cert } : {}),
      },
      (res) => {
        let body = '';
        res.on('data', (chunk) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

// The endpoint option that asks clients for a certificate comes with the endpoints work
// (`allowClientCertificate`); until it is there, only the plain-endpoint case can run.
async function startTls() {
  try {
    return await startServer(
      (s) => {
        s.addEndpoint({
          address: '127.0.0.1',
          port: 0,
          protocol: 'https',
          tls: { key: server.key, cert: server.cert },
          allowClientCertificate: true,
        } as Parameters<ServerBuilder['addEndpoint']>[0]);
        setup(s);
      },
      { logger: false, handleSignals: false },
    );
  } catch (error) {
    if (/allowClientCertificate/.test(String(error))) return undefined;
    throw error;
  }
}
const tls = await startTls();

describe('clientCertificate() (New-PodeAuthScheme -ClientCertificate)', () => {
  it('answers 401 when the request came without TLS (no certificate at all)', async () => {
    const plain = await serve(setup);
    const response = await fetch(plain.url);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBeNull();
  });

  it.skipIf(tls === undefined)(
    'gives the validator the client certificate (thumbprint, subject, chain errors)',
    async () => {
      const url = tls?.url ?? '';
      try {
        const ok = await get(url, true);
        expect(ok.status).toBe(200);
        const user = JSON.parse(ok.body) as { subject: string; errors: string | null };
        expect(user.subject).toContain('CN=localhost');
        // self-signed: it does not chain to a trusted CA, and the validator is told so
        expect(user.errors).toMatch(/SELF_SIGNED|self.signed/i);
        const none = await get(url, false);
        expect(none.status).toBe(401);
      } finally {
        await tls?.stop();
      }
    },
  );
});
