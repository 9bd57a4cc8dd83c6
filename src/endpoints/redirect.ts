/**
 * The URL of `Move-PodeResponseUrl`'s other forms: the request's own URL with another protocol,
 * address or port, or the same path and query on another endpoint (`-EndpointName`, and what a
 * `redirectTo` endpoint answers). Ports 80 and 443 are left out of the URL, as Pode does.
 */
import type { IncomingMessage } from 'node:http';
import { ErrorCodes, PodeError } from '../errors.js';
import { hostOf } from './sockets.js';

/** Where `e.redirect` sends the client when it is not given a URL. */
export interface RedirectTarget {
  /** `'http'` or `'https'`; default the request's. */
  protocol?: 'http' | 'https';
  /** A host name or IP address; default the request's `Host`. */
  address?: string;
  /** Default the request's port. */
  port?: number;
  /** Another endpoint's name: its protocol, host and port (the other three are then ignored). */
  endpointName?: string;
}

/** @internal Base URLs (`https://localhost:8443`) of a running server's endpoints, by name. */
export type EndpointBases = ReadonlyMap<string, string>;

/** @internal The absolute URL a `RedirectTarget` names for this request. */
export function redirectTargetUrl(
  target: RedirectTarget,
  request: IncomingMessage,
  secure: boolean,
  bases: EndpointBases | undefined,
): string {
  const pathAndQuery = pathAndQueryOf(request.url);
  if (target.endpointName !== undefined) {
    const base = bases?.get(target.endpointName);
    if (base === undefined) {
      throw new PodeError(
        ErrorCodes.BAD_ENDPOINT,
        `Cannot redirect to the endpoint '${target.endpointName}': no endpoint has that name.`,
      );
    }
    return `${base}${pathAndQuery}`;
  }
  const protocol = target.protocol?.toLowerCase() ?? (secure ? 'https' : 'http');
  const header = request.headers.host;
  const address = target.address ?? (hostOf(header) || 'localhost');
  const port =
    target.port !== undefined && target.port > 0
      ? target.port
      : (portOf(header) ?? (secure ? 443 : 80));
  return `${protocol}://${bracketed(address)}${portSuffix(port)}${pathAndQuery}`;
}

/** @internal `protocol://host[:port]` for an endpoint (its host name, else its address). */
export function endpointBase(protocol: string, host: string, port: number): string {
  return `${protocol}://${bracketed(host)}${portSuffix(port)}`;
}

function portSuffix(port: number): string {
  return port === 80 || port === 443 ? '' : `:${port}`;
}

function bracketed(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

function portOf(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /:(\d{1,5})$/.exec(header.trim());
  return match === null ? undefined : Number(match[1]);
}

function pathAndQueryOf(url: string | undefined): string {
  if (url === undefined || url === '') return '/';
  if (url.startsWith('/')) return url;
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return `/${url}`;
  }
}
