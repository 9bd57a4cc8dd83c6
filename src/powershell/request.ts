/**
 * `$WebEvent.Request.Url`: Pode's request URL is a .NET `System.Uri`, read through its
 * properties (`.Port`, `.Host`, `.AbsolutePath`, …); Node's `request.url` is the path alone.
 */
import type { WebEvent } from '../web-event.js';

/** The properties of .NET's `System.Uri` ported code reads; as text, the whole URL. */
export class DotNetUri {
  readonly Scheme: string;
  readonly Host: string;
  readonly Port: number;
  /** `host:port` (the port left out when it is the scheme's default) */
  readonly Authority: string;
  readonly AbsolutePath: string;
  /** `?a=1`, or `''` */
  readonly Query: string;
  readonly PathAndQuery: string;
  readonly AbsoluteUri: string;
  readonly OriginalString: string;
  readonly IsDefaultPort: boolean;

  constructor(url: URL, scheme: 'http' | 'https') {
    const defaultPort = scheme === 'https' ? 443 : 80;
    this.Scheme = scheme;
    this.Host = url.hostname;
    this.Port = url.port === '' ? defaultPort : Number(url.port);
    this.Authority = url.host;
    this.AbsolutePath = url.pathname;
    this.Query = url.search;
    this.PathAndQuery = `${url.pathname}${url.search}`;
    this.AbsoluteUri = url.href;
    this.OriginalString = url.href;
    this.IsDefaultPort = this.Port === defaultPort;
  }

  /** .NET's `ToString()`: the whole URL. */
  ToString(): string {
    return this.AbsoluteUri;
  }

  /** The whole URL, as `ToString()` (a template string or `toPsString` prints this). */
  toString(): string {
    return this.AbsoluteUri;
  }
}

/**
 * The request's URL as .NET's `System.Uri`: scheme from the endpoint, host and port from the
 * `Host` header (the endpoint's address and port when it has none or a malformed one).
 */
export function requestUri(event: WebEvent): DotNetUri {
  const scheme = event.isSecure ? 'https' : 'http';
  const { address, port } = event.endpoint;
  const fallback = `${address.includes(':') ? `[${address}]` : address}:${port}`;
  let url: URL;
  try {
    url = new URL(event.request.url ?? '/', `${scheme}://${event.headers.host ?? fallback}`);
  } catch {
    url = new URL(event.request.url ?? '/', `${scheme}://${fallback}`);
  }
  return new DotNetUri(url, scheme);
}
