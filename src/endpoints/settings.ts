/**
 * `Add-PodeEndpoint`'s options past address, port and protocol: the host name an endpoint answers
 * for, dual mode, certificates (PEM strings, certificate files, or a self-signed one made at
 * start-up), client certificates, redirecting endpoints and the default endpoint. Everything is
 * checked when `s.addEndpoint` is called; certificate files are read then too.
 */
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { extname, resolve } from 'node:path';
import { ErrorCodes, setupError } from '../errors.js';
import type { EndpointInfo } from '../types.js';
import { WRITTEN } from './sockets.js';

/** Where an https/wss endpoint's certificate comes from. */
export type CertificateSource =
  | { kind: 'pem'; key: string | Buffer; cert: string | Buffer; passphrase?: string }
  | { kind: 'pfx'; pfx: Buffer; passphrase?: string }
  | { kind: 'self-signed' };

/** @internal One endpoint as the builder keeps it. */
export interface EndpointSettings extends EndpointInfo {
  /** The host name requests must carry in `Host` (lower case), when the endpoint has one. */
  hostname: string | undefined;
  /** Listen on IPv6 and IPv4 both. */
  dualMode: boolean;
  certificate: CertificateSource | undefined;
  /** Ask https clients for a certificate (any, or none, is accepted: an auth scheme checks it). */
  allowClientCertificate: boolean;
  /** The endpoint Pode builds its own URLs from. */
  isDefault: boolean;
  /** Every request on this endpoint is redirected to the endpoint of this name. */
  redirectTo: string | undefined;
  /** No WebSocket upgrade by itself: a route opens the socket (`e.toSignalConnection`). */
  noAutoUpgradeWebSockets?: boolean;
  /** The address (host names as Pode takes them) and port the script wrote, when `pode-ts run` replaced them. */
  written?: { address: string; port: number };
}

/** The options of `s.addEndpoint` this module reads. */
export interface EndpointExtraOptions {
  hostname?: string;
  lookupHostname?: boolean;
  dualMode?: boolean;
  tls?: { key: string | Buffer; cert: string | Buffer; passphrase?: string };
  certificate?: string;
  certificateKey?: string;
  certificatePassword?: string;
  selfSigned?: boolean;
  allowClientCertificate?: boolean;
  redirectTo?: string;
  default?: boolean;
}

/**
 * @internal Checks the extra options and returns the endpoint's settings. `info` holds the
 * validated address, port, protocol and name; `root` is where certificate paths start.
 */
export function endpointSettings(
  info: EndpointInfo,
  options: EndpointExtraOptions,
  root: string,
): EndpointSettings {
  const where = `Endpoint ${info.name}`;
  for (const key of [
    'lookupHostname',
    'dualMode',
    'selfSigned',
    'allowClientCertificate',
    'default',
  ] as const) {
    const value = options[key];
    if (value !== undefined && typeof value !== 'boolean') {
      throw setupError(
        ErrorCodes.BAD_ENDPOINT,
        `${where}: ${key} must be true or false, but got: ${String(value)}`,
      );
    }
  }
  let { address } = info;
  let hostname = options.hostname;
  if (hostname !== undefined && (typeof hostname !== 'string' || !isHostname(hostname))) {
    throw setupError(
      ErrorCodes.BAD_ENDPOINT,
      `${where}: the hostname must be a host name such as 'example.com', but got: ${String(hostname)}`,
    );
  }
  // Pode's rule: an address that is a host name (not localhost) is the endpoint's host name,
  // listened for on localhost.
  if (isHostname(address) && !['localhost', 'all'].includes(address.toLowerCase())) {
    hostname = address;
    address = 'localhost';
  }
  if (options.lookupHostname === true && hostname === undefined) {
    throw setupError(
      ErrorCodes.BAD_ENDPOINT,
      `${where}: lookupHostname needs a hostname.`,
      "Pass { hostname: 'example.com', lookupHostname: true }.",
    );
  }
  // Node resolves a host name when it listens (hosts file, then DNS), as Pode's lookup does.
  if (options.lookupHostname === true && hostname !== undefined) address = hostname;
  const secure = info.protocol === 'https' || info.protocol === 'wss';
  const certificate = certificateSource(where, info.protocol, options, root);
  if (options.allowClientCertificate === true && !secure) {
    throw setupError(
      ErrorCodes.BAD_ENDPOINT,
      `${where}: client certificates are only supported on https and wss endpoints.`,
    );
  }
  if (options.redirectTo !== undefined && typeof options.redirectTo !== 'string') {
    throw setupError(
      ErrorCodes.BAD_ENDPOINT,
      `${where}: redirectTo must be the name of another endpoint, but got: ${String(options.redirectTo)}`,
    );
  }
  return {
    ...info,
    address,
    hostname: hostname?.toLowerCase(),
    dualMode: options.dualMode === true,
    certificate,
    allowClientCertificate: options.allowClientCertificate === true,
    isDefault: options.default === true,
    redirectTo: options.redirectTo,
    written: writtenEndpoint(options, address),
  };
}

/** The address and port before `pode-ts run` replaced them, an address that is a host name read as localhost. */
function writtenEndpoint(
  options: EndpointExtraOptions,
  address: string,
): EndpointSettings['written'] {
  const written = (options as { [WRITTEN]?: { address: string; port: number } })[WRITTEN];
  if (written === undefined) return undefined;
  if (options.lookupHostname === true) return { address, port: written.port };
  const hostname = isHostname(written.address) && written.address.toLowerCase() !== 'all';
  return { address: hostname ? 'localhost' : written.address, port: written.port };
}

/** @internal True for a DNS host name (`example.com`, `localhost`), false for an IP address or `*`. */
export function isHostname(value: string): boolean {
  return isIP(value) === 0 && HOSTNAME.test(value);
}

const HOSTNAME = /^(?:\*\.)?(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)*[a-z](?:[a-z0-9-]*[a-z0-9])?$/i;

function certificateSource(
  where: string,
  protocol: EndpointInfo['protocol'],
  options: EndpointExtraOptions,
  root: string,
): CertificateSource | undefined {
  const secure = protocol === 'https' || protocol === 'wss';
  const given = [
    options.tls !== undefined && 'tls',
    options.certificate !== undefined && 'certificate',
    options.selfSigned === true && 'selfSigned',
  ].filter((name): name is string => name !== false);
  if (given.length > 1) {
    throw setupError(
      ErrorCodes.BAD_ENDPOINT,
      `${where}: pass one of tls, certificate or selfSigned, not ${given.join(' and ')}.`,
    );
  }
  if (given.length === 0) {
    if (options.certificateKey !== undefined || options.certificatePassword !== undefined) {
      throw setupError(
        ErrorCodes.BAD_ENDPOINT,
        `${where}: certificateKey and certificatePassword go with certificate (the certificate file).`,
      );
    }
    if (secure) {
      throw setupError(
        ErrorCodes.BAD_ENDPOINT,
        `${protocol === 'wss' ? 'A wss' : 'An https'} endpoint needs tls: { key, cert }.`,
        "Pass tls: { key, cert } (PEM), certificate: './cert.pem' with certificateKey: './key.pem', or selfSigned: true.",
      );
    }
    return undefined;
  }
  if (!secure) {
    throw setupError(
      ErrorCodes.BAD_ENDPOINT,
      `${where}: a certificate was given for an endpoint that is not https or wss.`,
      "Use protocol: 'https' (or 'wss'), or leave the certificate out.",
    );
  }
  if (options.selfSigned === true) return { kind: 'self-signed' };
  if (options.tls !== undefined) {
    const { key, cert, passphrase } = options.tls;
    if (key === undefined || cert === undefined) {
      throw setupError(
        ErrorCodes.BAD_ENDPOINT,
        `${protocol === 'wss' ? 'A wss' : 'An https'} endpoint needs tls: { key, cert }.`,
        'Pass the PEM private key and certificate as strings or buffers.',
      );
    }
    return { kind: 'pem', key, cert, passphrase };
  }
  const certificate = options.certificate;
  const password = options.certificatePassword;
  if (typeof certificate !== 'string' || certificate.length === 0) {
    throw setupError(
      ErrorCodes.BAD_ENDPOINT,
      `${where}: certificate must be the path of a certificate file (.pem, .cer, .crt, .pfx or .p12).`,
    );
  }
  const contents = readCertificateFile(where, certificate, root);
  const extension = extname(certificate).toLowerCase();
  if (extension === '.pfx' || extension === '.p12') {
    if (options.certificateKey !== undefined) {
      throw setupError(
        ErrorCodes.BAD_ENDPOINT,
        `${where}: a ${extension} file holds its own key: leave certificateKey out.`,
      );
    }
    return { kind: 'pfx', pfx: contents, passphrase: password };
  }
  if (options.certificateKey === undefined) {
    throw setupError(
      ErrorCodes.BAD_ENDPOINT,
      `${where}: a PEM certificate needs its private key.`,
      "Pass certificateKey: './key.pem' (or use a .pfx file that holds both).",
    );
  }
  const key = readCertificateFile(where, options.certificateKey, root);
  return { kind: 'pem', cert: contents, key, passphrase: password };
}

function readCertificateFile(where: string, path: string, root: string): Buffer {
  const full = resolve(root, path);
  try {
    return readFileSync(full);
  } catch (error) {
    throw setupError(
      ErrorCodes.BAD_ENDPOINT,
      `${where}: cannot read the certificate file ${full}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      'Certificate paths start at the server root.',
    );
  }
}
