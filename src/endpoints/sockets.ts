/**
 * Which endpoints share a listening socket, where each socket listens, and which endpoint a
 * request belongs to. As in Pode, endpoints on the same address and port share one socket (two
 * names on one port, or several host names on one address); a request then goes to the endpoint
 * whose `hostname` is its `Host`, else to the socket's endpoint without a host name; when every
 * endpoint of the socket has a host name and none matches, the request is refused with 400.
 */
import type { EndpointSettings } from './settings.js';

/** @internal One socket to listen on, and the endpoints it serves. */
export interface SocketPlan<E extends EndpointSettings> {
  /** In the order added; the first one's certificate and address are used. */
  endpoints: E[];
  /** Where to listen: one entry, or two for a dual-mode loopback (127.0.0.1 and ::1). */
  listen: ListenAddress[];
}

/** @internal A `server.listen` host (undefined: every interface) and its IPv6-only flag. */
export interface ListenAddress {
  host: string | undefined;
  ipv6Only: boolean;
  /** A second address of a dual-mode endpoint: skipped when the machine lacks that family. */
  optional: boolean;
}

/** @internal Groups endpoints into sockets: same protocol family (TLS or not), address and port (port 0 never shares). */
export function planSockets<E extends EndpointSettings>(endpoints: readonly E[]): SocketPlan<E>[] {
  const plans = new Map<string, SocketPlan<E>>();
  endpoints.forEach((endpoint, index) => {
    const secure = endpoint.protocol === 'https' || endpoint.protocol === 'wss';
    const key =
      endpoint.port === 0
        ? `#${index}`
        : `${secure}|${endpoint.address.toLowerCase()}|${endpoint.port}|${endpoint.dualMode}`;
    const plan = plans.get(key);
    if (plan !== undefined) plan.endpoints.push(endpoint);
    else plans.set(key, { endpoints: [endpoint], listen: listenAddresses(endpoint) });
  });
  return [...plans.values()];
}

/** @internal The endpoint of a socket a request with this `Host` header belongs to, or undefined (→ 400). */
export function endpointForHost<E extends EndpointSettings>(
  endpoints: readonly E[],
  hostHeader: string | undefined,
): E | undefined {
  const host = hostOf(hostHeader);
  let fallback: E | undefined;
  for (const endpoint of endpoints) {
    if (endpoint.hostname === undefined) fallback ??= endpoint;
    else if (endpoint.hostname === host) return endpoint;
  }
  return fallback;
}

/** @internal True when a socket's endpoints need the `Host` header to tell them apart. */
export function needsHostMatching(endpoints: readonly EndpointSettings[]): boolean {
  return endpoints.length > 1 || endpoints[0].hostname !== undefined;
}

/** The host of a `Host` header, lower case, without its port or IPv6 brackets. */
export function hostOf(header: string | undefined): string {
  if (header === undefined) return '';
  const value = header.trim().toLowerCase();
  if (value.startsWith('[')) {
    const end = value.indexOf(']');
    return end === -1 ? value : value.slice(1, end);
  }
  const colon = value.indexOf(':');
  return colon === -1 ? value : value.slice(0, colon);
}

function listenAddresses(endpoint: EndpointSettings): ListenAddress[] {
  const address = endpoint.address.toLowerCase();
  const any = address === '*' || address === 'all';
  if (!endpoint.dualMode) {
    return [{ host: any ? undefined : endpoint.address, ipv6Only: false, optional: false }];
  }
  // Dual mode: IPv6 any with IPv4 mapped, or both loopbacks.
  if (any || address === '::' || address === '0.0.0.0') {
    return [{ host: '::', ipv6Only: false, optional: false }];
  }
  if (address === 'localhost' || address === '127.0.0.1') {
    return [
      { host: '127.0.0.1', ipv6Only: false, optional: false },
      { host: '::1', ipv6Only: true, optional: true },
    ];
  }
  if (address === '::1') {
    return [
      { host: '::1', ipv6Only: true, optional: false },
      { host: '127.0.0.1', ipv6Only: false, optional: true },
    ];
  }
  // Any other address: IPv4 traffic to its IPv6-mapped form arrives on the same IPv4 socket.
  return [{ host: endpoint.address, ipv6Only: false, optional: false }];
}
