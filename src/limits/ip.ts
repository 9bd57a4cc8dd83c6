/**
 * IP addresses and subnets for the limit rules' IP component, on ipaddr.js (loaded on the first
 * rule that names an IP, so a server without one never loads it). Pode's special values:
 * `localhost`, `127.0.0.1`, `::1` (any loopback address), `*`, `all`, `0.0.0.0`, `::` (anyone).
 */
import { createRequire } from 'node:module';
import type IpAddr from 'ipaddr.js';

type Address = IpAddr.IPv4 | IpAddr.IPv6;

/** A compiled list of addresses and subnets, tested per request. */
export interface IpMatcher {
  /** Exact addresses, in their normalised form (`1.2.3.4`, `2001:db8::1`). */
  raw: ReadonlySet<string>;
  subnets: readonly { text: string; range: [Address, number] }[];
  local: boolean;
  any: boolean;
}

const LOCAL = new Set(['127.0.0.1', '::1', '[::1]', '::ffff:127.0.0.1', 'localhost']);
const ANY = new Set(['0.0.0.0', '*', 'all', '::', '[::]']);

let ipaddr: typeof IpAddr | undefined;

function library(): typeof IpAddr {
  ipaddr ??= createRequire(import.meta.url)('ipaddr.js') as typeof IpAddr;
  return ipaddr;
}

/**
 * Compiles Pode's `-IP` values. Returns an error message for a value that is no address,
 * subnet or special name.
 */
export function compileIpList(values: readonly string[]): IpMatcher | string {
  const raw = new Set<string>();
  const subnets: { text: string; range: [Address, number] }[] = [];
  let local = false;
  let any = values.length === 0;
  for (const value of values) {
    if (typeof value !== 'string') return `an IP must be a string, but got: ${String(value)}`;
    const text = value.trim().toLowerCase();
    if (text === '' || ANY.has(text)) {
      any = true;
      continue;
    }
    if (LOCAL.has(text)) {
      local = true;
      continue;
    }
    if (text.includes('/')) {
      const range = parseSubnet(text);
      if (range === undefined) return `'${value}' is not an IP address or CIDR subnet`;
      subnets.push({ text: value, range });
      continue;
    }
    const address = parseAddress(text);
    if (address === undefined) return `'${value}' is not an IP address or CIDR subnet`;
    raw.add(address.toString());
  }
  return { raw, subnets, local, any };
}

/**
 * Parses a client address as sent (a socket address, or an X-Forwarded-For entry that may
 * carry a port: `1.2.3.4:80`, `[::1]:80`); IPv4-mapped IPv6 becomes IPv4. Undefined when it
 * is no address.
 */
export function parseClientAddress(text: string): Address | undefined {
  let value = text.trim();
  if (value.startsWith('[')) {
    const end = value.indexOf(']');
    if (end === -1) return undefined;
    value = value.slice(1, end);
  } else if (value.indexOf(':') !== -1 && value.indexOf(':') === value.lastIndexOf(':')) {
    value = value.slice(0, value.indexOf(':')); // IPv4 with a port
  }
  const address = parseAddress(value);
  if (address === undefined) return undefined;
  if (address.kind() === 'ipv6' && (address as IpAddr.IPv6).isIPv4MappedAddress()) {
    return (address as IpAddr.IPv6).toIPv4Address();
  }
  return address;
}

/**
 * What the matcher says of an address: the key to count it under (the address, or with `group`
 * the subnet, `local` or `*`), or undefined when it is not in the list.
 */
export function matchIp(matcher: IpMatcher, address: Address, group: boolean): string | undefined {
  const text = address.toString();
  if (matcher.raw.has(text)) return text;
  const kind = address.kind();
  for (const subnet of matcher.subnets) {
    if (subnet.range[0].kind() !== kind) continue;
    if (address.match(subnet.range)) return group ? subnet.text : text;
  }
  if (matcher.local && address.range() === 'loopback') return group ? 'local' : text;
  if (matcher.any) return group ? '*' : text;
  return undefined;
}

function parseAddress(text: string): Address | undefined {
  const lib = library();
  if (lib.IPv4.isValidFourPartDecimal(text)) return lib.IPv4.parse(text);
  if (text.includes(':') && lib.IPv6.isValid(text)) return lib.IPv6.parse(text);
  return undefined;
}

function parseSubnet(text: string): [Address, number] | undefined {
  const lib = library();
  const [base, bits] = text.split('/');
  if (!/^\d{1,3}$/.test(bits ?? '')) return undefined;
  const address = parseAddress(base);
  if (address === undefined) return undefined;
  const prefix = Number(bits);
  if (prefix > (address.kind() === 'ipv4' ? 32 : 128)) return undefined;
  return lib.parseCIDR(`${address.toString()}/${prefix}`);
}
