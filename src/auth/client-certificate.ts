/**
 * Client-certificate authentication (Pode's `New-PodeAuthScheme -ClientCertificate`): the
 * certificate the client presented in the TLS handshake of an https endpoint that asks for one
 * (the endpoint's client-certificate option: `requestCert` with `rejectUnauthorized: false`, so
 * the validator decides). The validator gets `{ cert, errors }`.
 */
import { X509Certificate } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import type { AuthScheme, SchemeReading } from './schemes.js';

/** The certificate a client presented. */
export interface ClientCertificate {
  /** The SHA-1 fingerprint in upper-case hex without colons (Pode's `Thumbprint`). */
  thumbprint: string;
  /** The SHA-256 fingerprint in upper-case hex without colons. */
  thumbprint256: string;
  /** The subject, one `name=value` per line (`CN=morty`). */
  subject: string;
  /** The issuer, one `name=value` per line. */
  issuer: string;
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  /** The certificate itself, for any other check. */
  x509: X509Certificate;
}

/** The credentials of `clientCertificate()`. */
export interface ClientCertificateCredentials {
  cert: ClientCertificate;
  /** Why the certificate does not chain to a trusted CA (`socket.authorizationError`), or null when it does. */
  errors: string | null;
}

const hex = (fingerprint: string): string => fingerprint.replace(/:/g, '').toUpperCase();

/**
 * The TLS client certificate. Credentials: `{ cert, errors }`. No certificate (or a plain http
 * endpoint), or one outside its validity dates → 401. Whether the certificate chains to a trusted
 * CA is in `errors`: the validator decides, as in Pode.
 */
export function clientCertificate(): AuthScheme<ClientCertificateCredentials> {
  return {
    type: 'clientCertificate',
    challenge: undefined,
    read: (event): SchemeReading<ClientCertificateCredentials> => {
      const socket = event.request.socket as Partial<TLSSocket>;
      const peer =
        typeof socket.getPeerCertificate === 'function'
          ? socket.getPeerCertificate(false)
          : undefined;
      if (peer === undefined || peer === null || peer.raw === undefined) {
        return { kind: 'missing', status: 401, message: 'No client certificate supplied.' };
      }
      let x509: X509Certificate;
      try {
        x509 = new X509Certificate(peer.raw);
      } catch {
        return { kind: 'malformed', status: 401, message: 'Invalid client certificate supplied.' };
      }
      const notBefore = new Date(x509.validFrom);
      const notAfter = new Date(x509.validTo);
      const now = Date.now();
      if (!(notBefore.getTime() <= now && now <= notAfter.getTime())) {
        return { kind: 'malformed', status: 401, message: 'Invalid client certificate supplied.' };
      }
      const error = socket.authorizationError;
      return {
        kind: 'credentials',
        credentials: {
          cert: {
            thumbprint: hex(x509.fingerprint),
            thumbprint256: hex(x509.fingerprint256),
            subject: x509.subject,
            issuer: x509.issuer,
            serialNumber: x509.serialNumber,
            notBefore,
            notAfter,
            x509,
          },
          errors: error === undefined || error === null ? null : String(error),
        },
      };
    },
  };
}
