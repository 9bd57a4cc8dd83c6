/**
 * The components of Pode's limit rules (`New-PodeLimit*Component`): each one reads one part of
 * a request (IP, route, endpoint, method, header, or anything with `custom`) and returns a key
 * when the request matches it, or nothing. A rule applies when all of its components match; a
 * rate rule counts the request under the keys joined by `|`.
 */
import { ErrorCodes, HttpError, setupError } from '../errors.js';
import { optionKeys, rejectUnknownKeys } from '../option-keys.js';
import type { WebEvent } from '../web-event.js';
import { compileIpList, matchIp, parseClientAddress } from './ip.js';

/** `newLimitIpComponent` options (Pode's `New-PodeLimitIPComponent`). */
export interface LimitIpOptions {
  /** Addresses and CIDR subnets (IPv4 and IPv6), `localhost`, or `*`/`all`; none for every address. */
  ip?: string | readonly string[];
  /**
   * Where the address comes from: `'remoteAddress'` (default: the client's address, the first
   * X-Forwarded-For entry under `trustProxy`) or `'xForwardedFor'` (the header, always).
   */
  location?: 'remoteAddress' | 'xForwardedFor' | 'remoteaddress' | 'xforwardedfor';
  /** Which X-Forwarded-For entry: `'leftmost'` (default), `'rightmost'`, or `'all'` (any may match). */
  xForwardedForType?: 'leftmost' | 'rightmost' | 'all';
  /** Count every address of a subnet (or every loopback address, or everyone) as one. */
  group?: boolean;
}

/** `newLimitRouteComponent` options (Pode's `New-PodeLimitRouteComponent`). */
export interface LimitRouteOptions {
  /** Request paths, `*` matching anything (`/api/*`); none for every path. */
  path?: string | readonly string[];
  /** Count every path matching a wildcard path as one. */
  group?: boolean;
}

/** `newLimitHeaderComponent` options (Pode's `New-PodeLimitHeaderComponent`). */
export interface LimitHeaderOptions {
  /** Header names; the request matches when it has one of them. */
  name: string | readonly string[];
  /** Only these values match; none for any value. */
  value?: string | readonly string[];
  /** Count every value of a header as one (without `value`). */
  group?: boolean;
}

/** A limit rule's component: made by the `newLimit*Component` functions. */
export type LimitComponent =
  | ({ type: 'ip' } & LimitIpOptions)
  | ({ type: 'route' } & LimitRouteOptions)
  | { type: 'endpoint'; name?: string | readonly string[] }
  | { type: 'method'; method?: string | readonly string[] }
  | ({ type: 'header' } & LimitHeaderOptions)
  | {
      type: 'custom';
      /** The request's key for this component, or null/undefined when the rule does not apply. */
      key: (event: WebEvent) => string | null | undefined;
    };

/** A component compiled at start-up: the request's key, or undefined when it does not match. */
export type CompiledComponent = (event: WebEvent) => string | undefined;

/** Pode's `New-PodeLimitIPComponent`: matches requests from these addresses and subnets. */
export function newLimitIpComponent(options: LimitIpOptions = {}): LimitComponent {
  return { type: 'ip', ...options };
}

/** Pode's `New-PodeLimitRouteComponent`: matches requests for these paths. */
export function newLimitRouteComponent(options: LimitRouteOptions = {}): LimitComponent {
  return { type: 'route', ...options };
}

/** Pode's `New-PodeLimitEndpointComponent`: matches requests to these endpoints (by name). */
export function newLimitEndpointComponent(
  options: { name?: string | readonly string[] } = {},
): LimitComponent {
  return { type: 'endpoint', ...options };
}

/** Pode's `New-PodeLimitMethodComponent`: matches requests with these methods. */
export function newLimitMethodComponent(
  options: { method?: string | readonly string[] } = {},
): LimitComponent {
  return { type: 'method', ...options };
}

/** Pode's `New-PodeLimitHeaderComponent`: matches requests carrying these headers (and values). */
export function newLimitHeaderComponent(options: LimitHeaderOptions): LimitComponent {
  return { type: 'header', ...options };
}

/** A component of your own: `key(e)` returns the request's key, or null when the rule does not apply. */
export function newLimitCustomComponent(
  key: (event: WebEvent) => string | null | undefined,
): LimitComponent {
  return { type: 'custom', key };
}

const KEYS = {
  ip: optionKeys<{ type: 'ip' } & LimitIpOptions>({
    type: true,
    ip: true,
    location: true,
    xForwardedForType: true,
    group: true,
  }),
  route: optionKeys<{ type: 'route' } & LimitRouteOptions>({ type: true, path: true, group: true }),
  endpoint: new Set(['type', 'name']),
  method: new Set(['type', 'method']),
  header: optionKeys<{ type: 'header' } & LimitHeaderOptions>({
    type: true,
    name: true,
    value: true,
    group: true,
  }),
  custom: new Set(['type', 'key']),
} as const;

/** Compiles a rule's components once, at start-up; throws a set-up error for a bad one. */
export function compileComponents(where: string, components: unknown): CompiledComponent[] {
  const list =
    components === undefined ? [] : Array.isArray(components) ? components : [components];
  return list.map((component: unknown, index) => {
    const at = `${where} component ${index + 1}`;
    if (component === null || typeof component !== 'object') {
      throw bad(at, 'must be an object made by newLimitIpComponent() and the like');
    }
    const type = (component as { type?: unknown }).type;
    if (typeof type !== 'string' || !(type in KEYS)) {
      throw bad(at, `has an unknown type '${String(type)}'`);
    }
    rejectUnknownKeys(at, component, KEYS[type as keyof typeof KEYS]);
    const typed = component as LimitComponent;
    switch (typed.type) {
      case 'ip':
        return compileIp(at, typed);
      case 'route':
        return compileRoute(at, typed);
      case 'endpoint':
        return compileNamed(at, typed.name, (event) => event.endpoint.name, false);
      case 'method':
        return compileNamed(at, typed.method, (event) => event.method, true);
      case 'header':
        return compileHeader(at, typed);
      default:
        return compileCustom(at, typed.key);
    }
  });
}

function compileIp(at: string, options: LimitIpOptions): CompiledComponent {
  const matcher = compileIpList(strings(at, 'ip', options.ip));
  if (typeof matcher === 'string') throw bad(at, `: ${matcher}`);
  const location = String(options.location ?? 'remoteAddress').toLowerCase();
  if (location !== 'remoteaddress' && location !== 'xforwardedfor') {
    throw bad(
      at,
      `location must be 'remoteAddress' or 'xForwardedFor', but got: ${options.location}`,
    );
  }
  const which = String(options.xForwardedForType ?? 'leftmost').toLowerCase();
  if (!['leftmost', 'rightmost', 'all'].includes(which)) {
    throw bad(at, `xForwardedForType must be 'leftmost', 'rightmost' or 'all', but got: ${which}`);
  }
  const group = options.group === true;
  if (location === 'remoteaddress') {
    // The same few addresses come again and again: remember each one's answer (bounded).
    const known = new Map<string, string | null>();
    return (event) => {
      const text = event.remoteAddress;
      const cached = known.get(text);
      if (cached !== undefined) return cached ?? undefined;
      const key = matchIp(matcher, clientAddress(text), group);
      if (known.size >= CACHE_SIZE) known.clear();
      known.set(text, key ?? null);
      return key;
    };
  }
  return (event) => {
    const header = event.request.headers['x-forwarded-for'];
    if (typeof header !== 'string' || header.trim() === '') return undefined;
    const entries = header.split(',');
    const picked =
      which === 'leftmost'
        ? [entries[0]]
        : which === 'rightmost'
          ? [entries[entries.length - 1]]
          : entries;
    // Pode tests the entries from the right; the any-match (`*`) only for the leftmost.
    for (let i = picked.length - 1; i >= 0; i--) {
      const key = matchIp(
        i === 0 ? matcher : { ...matcher, any: false },
        clientAddress(picked[i]),
        group,
      );
      if (key !== undefined) return key;
    }
    return undefined;
  };
}

const CACHE_SIZE = 4096;

function clientAddress(text: string): NonNullable<ReturnType<typeof parseClientAddress>> {
  const address = parseClientAddress(text);
  // Only a forwarded address can be malformed (a socket's never is): the client gets a 400.
  if (address === undefined) throw new HttpError(400, 'The X-Forwarded-For header is malformed.');
  return address;
}

function compileRoute(at: string, options: LimitRouteOptions): CompiledComponent {
  const paths = strings(at, 'path', options.path);
  if (paths.some((path) => !path.startsWith('/'))) throw bad(at, "paths must start with '/'");
  if (paths.length === 0) return (event) => event.path;
  const exact = new Set(paths.filter((path) => !path.includes('*')).map((p) => p.toLowerCase()));
  const patterns = paths
    .filter((path) => path.includes('*'))
    .map((path) => ({
      path,
      regex: new RegExp(`^${path.split('*').map(escapeRegExp).join('.*')}$`, 'i'),
    }));
  const group = options.group === true;
  return (event) => {
    const path = event.path;
    if (exact.has(path.toLowerCase())) return path;
    for (const pattern of patterns) {
      if (pattern.regex.test(path)) return group ? pattern.path : path;
    }
    return undefined;
  };
}

function compileNamed(
  at: string,
  values: unknown,
  read: (event: WebEvent) => string,
  upper: boolean,
): CompiledComponent {
  const list = strings(at, upper ? 'method' : 'name', values).map((value) =>
    upper ? value.toUpperCase() : value,
  );
  if (list.length === 0) return read;
  const set = new Set(list);
  return (event) => {
    const value = read(event);
    return set.has(value) ? value : undefined;
  };
}

function compileHeader(at: string, options: LimitHeaderOptions): CompiledComponent {
  const names = strings(at, 'name', options.name).map((name) => name.toLowerCase());
  if (names.length === 0) throw bad(at, 'needs at least one header name');
  const values = new Set(strings(at, 'value', options.value));
  const group = options.group === true;
  return (event) => {
    const headers = event.request.headers;
    for (const name of names) {
      const raw = headers[name];
      if (raw === undefined) continue;
      const value = Array.isArray(raw) ? raw.join(', ') : raw;
      if (values.size === 0) return group ? name : `${name}=${value}`;
      if (values.has(value)) return `${name}=${value}`;
    }
    return undefined;
  };
}

function compileCustom(at: string, key: unknown): CompiledComponent {
  if (typeof key !== 'function') throw bad(at, 'needs a key function');
  return (event) => {
    const value = (key as (event: WebEvent) => unknown)(event);
    return value === null || value === undefined || value === '' ? undefined : String(value);
  };
}

function strings(at: string, name: string, value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  if (list.some((item) => typeof item !== 'string')) throw bad(at, `${name} must be strings`);
  return list as string[];
}

function bad(at: string, message: string) {
  return setupError(
    ErrorCodes.BAD_OPTION,
    `${at} ${message}`.replace(' :', ':'),
    'Build components with newLimitIpComponent(), newLimitRouteComponent(), newLimitMethodComponent(), newLimitHeaderComponent(), newLimitEndpointComponent() or newLimitCustomComponent().',
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
