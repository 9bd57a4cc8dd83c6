/**
 * The TLS options of an https/wss endpoint: PEM or PFX as given, or a self-signed certificate
 * made at start-up (`Add-PodeEndpoint -SelfSigned`). The `selfsigned` package is imported only
 * when an endpoint asks for one, so other servers never load it.
 */
import type { SecureContextOptions } from 'node:tls';
import { ErrorCodes, SetupError } from '../errors.js';
import type { CertificateSource } from './settings.js';

/** @internal The key and certificate options for `https.createServer`. */
export async function tlsOptions(
  source: CertificateSource,
  names: readonly string[],
): Promise<SecureContextOptions> {
  switch (source.kind) {
    case 'pem':
      return { key: source.key, cert: source.cert, passphrase: source.passphrase };
    case 'pfx':
      return { pfx: source.pfx, passphrase: source.passphrase };
    case 'self-signed':
      return selfSignedCertificate(names);
  }
}

const cache = new Map<string, Promise<SecureContextOptions>>();

/**
 * @internal A self-signed certificate for `localhost`, 127.0.0.1, ::1 and the given host names
 * and addresses (as Pode's: CN=localhost, server authentication, valid from yesterday for ten
 * years). One is made per set of names and process, and kept for the next server.
 */
export function selfSignedCertificate(names: readonly string[]): Promise<SecureContextOptions> {
  const all = [...new Set(['localhost', '127.0.0.1', '::1', ...names.map((n) => n.toLowerCase())])]
    .filter((name) => name !== '*' && name !== '0.0.0.0' && name !== '::')
    .sort();
  const key = all.join(',');
  let made = cache.get(key);
  if (made === undefined) {
    made = generate(all);
    cache.set(key, made);
    made.catch(() => cache.delete(key));
  }
  return made;
}

async function generate(names: readonly string[]): Promise<SecureContextOptions> {
  let selfsigned: typeof import('selfsigned');
  try {
    selfsigned = await import('selfsigned');
  } catch (error) {
    throw new SetupError(
      ErrorCodes.BAD_ENDPOINT,
      `A self-signed certificate needs the 'selfsigned' package: ${(error as Error).message}`,
      'Install it with: npm install selfsigned',
    );
  }
  const { isIP } = await import('node:net');
  const day = 24 * 60 * 60 * 1000;
  const now = Date.now();
  const result = await selfsigned.generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now - day),
    notAfterDate: new Date(now + 3652 * day),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: names.map((name) =>
          isIP(name) === 0 ? { type: 2 as const, value: name } : { type: 7 as const, ip: name },
        ),
      },
    ],
  });
  return { key: result.private, cert: result.cert };
}
