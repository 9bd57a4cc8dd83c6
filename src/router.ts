/**
 * Route resolution on find-my-way, with Pode's rules: case-insensitive, significant trailing
 * slash, `:params` and a `*` between slashes for one segment of at least one character, a
 * trailing `*` for the rest of the path, method-specific routes before `'*'` routes, automatic
 * HEAD and OPTIONS, 404 and 405, and 400 for a URL that does not decode or holds a `#`.
 */
import FindMyWay from 'find-my-way';
import { ErrorCodes, setupError } from './errors.js';

/** A route as the router stores it: its method ('*' for any), path and what to run. */
export interface RouterEntry<T> {
  method: string;
  path: string;
  value: T;
}

/** The outcome of a lookup. */
export type Resolution<T> =
  | { kind: 'found'; value: T; params: Record<string, string>; query: string | undefined }
  | { kind: 'options'; allow: string }
  | { kind: 'not-allowed'; allow: string }
  | { kind: 'not-found' }
  | { kind: 'bad-url' };

const ANY = 'GET'; // the method '*' routes are filed under in their own tree
const WILDCARD_PARAM = '__pode_wildcard';
// find-my-way lets a parameter match an empty segment; Pode's `:name` needs one character or more.
const NON_EMPTY = '([^]+)';
const BAD_URL = Object.freeze({ kind: 'bad-url' }) as Resolution<never>;

/** A path part that is one whole `:name` parameter (no find-my-way regex or `-`/`.` suffix). */
export const PARAM_SEGMENT = /^:[^:*()\-.]+$/;

type Tree = ReturnType<typeof FindMyWay>;

/** The routes of one endpoint, built once at start-up. */
export class Router<T> {
  readonly #specific: Tree = createTree();
  readonly #any: Tree = createTree();
  // The same routes with each `:name` and middle `*` as a non-empty regex parameter, asked only
  // when the first trees give one an empty value (a plain parameter is faster than a regex one).
  readonly #strictSpecific: Tree = createTree();
  readonly #strictAny: Tree = createTree();
  readonly #methods = new Set<string>();
  readonly #hidesParams: boolean;

  constructor(entries: Iterable<RouterEntry<T>>) {
    let hidesParams = false;
    for (const entry of entries) {
      const path = toTreePath(entry.path, '');
      const strictPath = toTreePath(entry.path, NON_EMPTY);
      if (path.includes(WILDCARD_PARAM)) hidesParams = true;
      const store: Store<T> = {
        value: entry.value,
        params: strictPath !== path,
        strictOnly: repeatsParam(entry.path),
      };
      try {
        if (entry.method === '*') {
          this.#any.on(ANY, path, noop, store);
          this.#strictAny.on(ANY, strictPath, noop, store);
        } else {
          this.#specific.on(entry.method as 'GET', path, noop, store);
          this.#strictSpecific.on(entry.method as 'GET', strictPath, noop, store);
          this.#methods.add(entry.method);
        }
      } catch (error) {
        throw setupError(
          ErrorCodes.BAD_ROUTE,
          `[${entry.method}] ${entry.path}: The path cannot be routed: ${(error as Error).message}`,
          "Use literal segments, ':name' parameters, a '*' segment, or a trailing '*'.",
        );
      }
    }
    this.#hidesParams = hidesParams;
  }

  /** Resolves `method` and the raw request URL (path and query) to a route or a miss. */
  resolve(method: string, url: string): Resolution<T> {
    // Not valid in a request target (RFC 9112): find-my-way would route the part before it.
    if (url.indexOf('#') !== -1) return BAD_URL;
    let match = this.#find(this.#specific, this.#strictSpecific, method, url);
    if (match === null && method === 'HEAD') {
      match = this.#find(this.#specific, this.#strictSpecific, 'GET', url);
    }
    if (match === null) match = this.#find(this.#any, this.#strictAny, ANY, url);
    if (match !== null) {
      // find-my-way answers a malformed URL (bad percent-encoding) with a store-less match.
      if (match.store === null) return BAD_URL;
      const params = this.#hidesParams ? visibleParams(match.params) : match.params;
      return { kind: 'found', value: match.store.value, params, query: match.searchParams };
    }
    const allow = this.#allowedMethods(url);
    if (allow.length === 0) return { kind: 'not-found' };
    if (method === 'OPTIONS') return { kind: 'options', allow: allow.join(', ') };
    return { kind: 'not-allowed', allow: allow.join(', ') };
  }

  // A match in `tree`, unless it gives a `:name` or middle `*` an empty value: then the match in
  // `strict`, which never does (and falls back, as find-my-way does, to a route that takes it).
  #find(tree: Tree, strict: Tree, method: string, url: string): Found<T> | null {
    const match = tree.find(method as 'GET', url) as Found<T> | null;
    if (match === null || match.store === null || !match.store.params) return match;
    if (!match.store.strictOnly && !hasEmptyParam(match.params)) return match;
    return strict.find(method as 'GET', url) as Found<T> | null;
  }

  #allowedMethods(url: string): string[] {
    const allow: string[] = [];
    for (const method of this.#methods) {
      const found = this.#find(this.#specific, this.#strictSpecific, method, url);
      if (found !== null && found.store !== null) allow.push(method);
    }
    if (allow.length === 0) return allow;
    if (allow.includes('GET') && !allow.includes('HEAD')) allow.push('HEAD');
    if (!allow.includes('OPTIONS')) allow.push('OPTIONS');
    return allow;
  }
}

/**
 * The key that decides whether two route paths are the same route: case-folded, parameter names
 * ignored, query dropped. `/Users/:id` and `/users/:name` are the same route, and a `*` segment
 * before the last is a one-segment parameter, so it is the same as a `:name` in its place.
 */
export function routeKey(path: string): string {
  const parts = cleanRoutePath(path)
    .toLowerCase()
    .replace(/:[^/]+/g, ':')
    .split('/');
  for (let i = 0; i < parts.length - 1; i++) if (parts[i] === '*') parts[i] = ':';
  return parts.join('/');
}

/** A defined path as Pode reads it: the query string dropped, a leading slash required. */
export function cleanRoutePath(path: string): string {
  const question = path.indexOf('?');
  return question === -1 ? path : path.slice(0, question);
}

/** What a route is stored with: its value, and whether it has `:name` or middle `*` parameters. */
interface Store<T> {
  value: T;
  params: boolean;
  /**
   * The path names a parameter twice (`/:p/a/:p`): the last value hides an empty first one from
   * the check, so the route is always matched in the strict tree.
   */
  strictOnly: boolean;
}

interface Found<T> {
  params: Record<string, string>;
  store: Store<T> | null;
  searchParams: string | undefined;
}

function createTree(): Tree {
  return FindMyWay({
    caseSensitive: false,
    ignoreTrailingSlash: false,
    maxParamLength: 1000,
    // Keep the raw query: the WebEvent parses it only when asked.
    querystringParser: (query: string) => query as unknown as Record<string, string>,
    onBadUrl: noop,
  });
}

function noop(): void {}

// `*` between slashes becomes a hidden one-segment parameter; a trailing `*` stays find-my-way's
// (may be empty). `regex` (NON_EMPTY or '') is appended to it and to every whole `:name`.
function toTreePath(path: string, regex: string): string {
  const parts = cleanRoutePath(path).split('/');
  let wildcards = 0;
  for (let i = 0; i < parts.length; i++) {
    if (parts[i] === '*' && i < parts.length - 1) {
      parts[i] = `:${WILDCARD_PARAM}${wildcards++}${regex}`;
    } else if (PARAM_SEGMENT.test(parts[i])) {
      parts[i] += regex;
    }
  }
  return parts.join('/');
}

// Whether a path names one `:name` parameter twice (compared case-folded).
function repeatsParam(path: string): boolean {
  const names = cleanRoutePath(path)
    .split('/')
    .filter((part) => PARAM_SEGMENT.test(part))
    .map((part) => part.toLowerCase());
  return new Set(names).size !== names.length;
}

// The trailing `*` may be empty; a `:name` or a middle `*` may not.
function hasEmptyParam(params: Record<string, string>): boolean {
  for (const key in params) if (params[key] === '' && key !== '*') return true;
  return false;
}

function visibleParams(params: Record<string, string>): Record<string, string> {
  const visible: Record<string, string> = {};
  for (const key in params) {
    if (!key.startsWith(WILDCARD_PARAM)) visible[key] = params[key];
  }
  return visible;
}
