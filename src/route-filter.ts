/**
 * The `route` filter of a global middleware (Pode's `Add-PodeMiddleware -Route`), decided per
 * route at start-up.
 *
 * For most pairs of filter and route the answer does not depend on the request: every path of
 * `/admin/:id` is inside `/admin/*`, none is inside `/users/*`. {@link decideFilter} finds those
 * from the two patterns, and the pipeline then runs the middleware unconditionally or leaves it
 * out of the route, whatever the spelling of the request. Only a filter that covers part of a
 * route (`/admin/1` on `/admin/:id`, `/files/private/*` on `/files/*`) is tested per request, on
 * a {@link FilterView} of the path: the path as the route sees it, and that path read as a file
 * path; the middleware runs when either matches.
 *
 * Text is compared case-folded ({@link fold}): the router's lower-casing, then the upper-case
 * equivalents folded too (`ſ` is `s`, `ß` is `ss`), so a filter errs on the side of running.
 */
import { cleanRoutePath, PARAM_SEGMENT } from './router.js';

/** A compiled middleware `route` filter. */
export interface RouteFilter {
  /** The filter as written. */
  readonly route: string;
  /** Matches a {@link FilterView}'s paths. */
  readonly pattern: RegExp;
  readonly tokens: readonly FilterToken[];
}

/** Whether a filter applies to every request of a route, to none, or must be tested per request. */
export type FilterDecision = 'always' | 'never' | 'per-request';

/** One part of a route or filter pattern, between slashes. */
type RouteToken =
  /** A fixed segment, case-folded. */
  | { kind: 'literal'; text: string }
  /** `:name` or a `*` before the last part: one segment of at least one character. */
  | { kind: 'segment' };

type FilterToken =
  | RouteToken
  /** A part with a `*` in it, before the last part: a pattern over one segment. */
  | { kind: 'glob'; pattern: RegExp; anything: boolean }
  /**
   * The last part when it holds a `*`: a pattern over the rest of the path, slashes included.
   * `lead` is what comes before its first `*`; `prefixOnly` when nothing follows that `*`.
   */
  | { kind: 'tail'; pattern: RegExp; lead: string; prefixOnly: boolean };

type Relation = 'inside' | 'overlap' | 'apart';

/**
 * Compiles a middleware `route` filter: `:name` and a `*` between slashes match one segment of at
 * least one character, a `*` in the last part matches the rest of the path, a `*` inside another
 * part matches within its segment; everything else is literal and case-insensitive.
 */
export function compileRouteFilter(route: string): RouteFilter {
  const parts = cleanRoutePath(route).split('/').slice(1);
  const tokens: FilterToken[] = [];
  let source = '';
  for (let i = 0; i < parts.length; i++) {
    const part = fold(parts[i]);
    const last = i === parts.length - 1;
    source += '/';
    if (part.startsWith(':') || (part === '*' && !last)) {
      tokens.push({ kind: 'segment' });
      source += '[^/]+';
    } else if (part.includes('*')) {
      const pieces = part.split('*').map(escapeRegExp);
      const piece = pieces.join(last ? '[^]*' : '[^/]*');
      source += piece;
      if (last) {
        tokens.push({
          kind: 'tail',
          pattern: new RegExp(`^${piece}$`),
          lead: part.slice(0, part.indexOf('*')),
          prefixOnly: part.indexOf('*') === part.length - 1,
        });
      } else {
        tokens.push({
          kind: 'glob',
          pattern: new RegExp(`^${piece}$`),
          anything: /^\**$/.test(part),
        });
      }
    } else {
      tokens.push({ kind: 'literal', text: part });
      source += escapeRegExp(part);
    }
  }
  return { route, pattern: new RegExp(`^${source}$`), tokens };
}

/**
 * Decides from the route's own path whether a filter applies to every request the route gets,
 * to none, or only to some (then the pipeline tests a {@link FilterView} per request). 'always'
 * and 'never' are said only when they hold for every path the router gives the route; when the
 * two patterns do not settle it, and for a route with find-my-way syntax beyond `:name` and `*`
 * (`/files/:name.:ext`), the answer is 'per-request'.
 */
export function decideFilter(filter: RouteFilter, routePath: string): FilterDecision {
  const parts = cleanRoutePath(routePath).split('/').slice(1);
  const rest = parts.length > 0 && parts[parts.length - 1] === '*';
  const route: RouteToken[] = [];
  for (let i = 0; i < parts.length - (rest ? 1 : 0); i++) {
    const token = routeToken(parts[i]);
    if (token === undefined) return 'per-request';
    route.push(token);
  }
  const tokens = filter.tokens;
  const tail = tokens.length > 0 && tokens[tokens.length - 1].kind === 'tail';
  const fixed = tail ? tokens.length - 1 : tokens.length;
  let inside = true;
  for (let i = 0; i < Math.min(route.length, fixed); i++) {
    const relation = relate(route[i], tokens[i]);
    if (relation === 'apart') return 'never';
    if (relation === 'overlap') inside = false;
  }
  const relation = relateEnds(route, rest, tokens, fixed, tail);
  if (relation === 'apart') return 'never';
  return inside && relation === 'inside' ? 'always' : 'per-request';
}

/**
 * A request path as per-request filters see it, for a route whose trailing `*` (if any) is its
 * `restAt`-th part (-1: none). The path has passed the router, so it decodes.
 */
export class FilterView {
  /**
   * The path as the route sees it: each segment decoded as `e.parameters` gets it, a `/` inside
   * one segment (sent as `%2F`) kept as `%2f`, the part under a trailing `*` decoded whole.
   */
  readonly path: string;
  readonly #raw: string;
  #segments: string[] | undefined;
  #asFile: string | undefined;
  #asWindowsFile: string | undefined;

  constructor(raw: string, restAt: number) {
    const segments = raw.split('/');
    const fixed = restAt === -1 ? segments.length : Math.min(restAt, segments.length);
    let path = '';
    for (let i = 1; i < fixed; i++) path += `/${decode(segments[i]).replaceAll('/', '%2f')}`;
    if (fixed < segments.length) path += `/${decode(segments.slice(fixed).join('/'))}`;
    this.path = fold(path);
    this.#raw = raw;
  }

  /**
   * The path as a handler that reads it as a file path would: wholly decoded, `\` as `/`, `.`,
   * `..` and empty segments resolved, as Pode's decoded and dot-resolved path would have it. A
   * path whose last segment is empty, `.` or `..` names a folder and keeps its trailing slash, as
   * RFC 3986's dot-segment removal has it (`/files//private//.` is `/files/private/`).
   */
  get asFile(): string {
    this.#asFile ??= resolveFile(this.#fileSegments());
    return this.#asFile;
  }

  /**
   * {@link asFile} with each segment as Windows names a file ({@link windowsName}):
   * `/files/private./a` and `/files/private::$INDEX_ALLOCATION/a` are `/files/private/a` there.
   */
  get asWindowsFile(): string {
    this.#asWindowsFile ??= resolveFile(this.#fileSegments().map(windowsName));
    return this.#asWindowsFile;
  }

  // The raw path wholly decoded, `\` as `/`, split at slashes: decoded once for both file views.
  #fileSegments(): string[] {
    this.#segments ??= decode(this.#raw).replaceAll('\\', '/').split('/');
    return this.#segments;
  }

  /**
   * Whether a filter pattern matches the path, or the path read as a file path (as it is, and as
   * Windows names it), each with and without the trailing slash of a folder: a filter errs on the
   * side of running.
   */
  matches(pattern: RegExp): boolean {
    if (pattern.test(this.path) || matchesFile(pattern, this.asFile)) return true;
    const windows = this.asWindowsFile;
    return windows !== this.asFile && matchesFile(pattern, windows);
  }
}

// `.`, `..` and empty segments resolved; a folder (last segment empty, `.` or `..`) keeps its slash.
function resolveFile(segments: readonly string[]): string {
  const resolved: string[] = [];
  for (const segment of segments) {
    if (segment === '..') resolved.pop();
    else if (segment !== '' && segment !== '.') resolved.push(segment);
  }
  const last = segments[segments.length - 1];
  const folder = resolved.length > 0 && (last === '' || last === '.' || last === '..');
  return fold(`/${resolved.join('/')}${folder ? '/' : ''}`);
}

function matchesFile(pattern: RegExp, path: string): boolean {
  if (pattern.test(path)) return true;
  return path.length > 1 && path.endsWith('/') && pattern.test(path.slice(0, -1));
}

/**
 * A path segment as Windows opens it: an NTFS stream suffix cut off
 * (`private::$INDEX_ALLOCATION` is the folder `private`), then trailing dots and spaces dropped
 * (`private.` and `private ` are `private`, `.. ` is `..`). A name of dots only (`...`) is a name
 * there and stays as it is.
 */
export function windowsName(segment: string): string {
  const colon = segment.indexOf(':');
  const name = (colon > 0 ? segment.slice(0, colon) : segment).replace(/ +$/, '');
  return /^\.+$/.test(name) ? name : name.replace(/[. ]+$/, '');
}

/**
 * Case-folds text as filters compare it: lower-cased as the router does (so `K`, the Kelvin sign,
 * is `k`), then through upper case again (so `ſ` is `s`, `ı` is `i`), and `İ` is `i` as in
 * Unicode's simple mapping (JavaScript makes it `i̇`). Depends only on the lower-cased text.
 */
export function fold(text: string): string {
  return text.toLowerCase().toUpperCase().toLowerCase().replaceAll('i\u0307', 'i');
}

/** The index of a route path's trailing `*` part (as {@link filterView} takes it), or -1. */
export function restIndex(routePath: string): number {
  const parts = cleanRoutePath(routePath).split('/');
  return parts.length > 1 && parts[parts.length - 1] === '*' ? parts.length - 1 : -1;
}

// A route part as the router treats it, or undefined for syntax only find-my-way knows.
function routeToken(part: string): RouteToken | undefined {
  if (part === '*' || PARAM_SEGMENT.test(part)) return { kind: 'segment' };
  if (/[:*%]/.test(part)) return undefined;
  return { kind: 'literal', text: fold(part) };
}

// How the paths of one route part relate to those of the filter part in the same place.
function relate(route: RouteToken, filter: FilterToken): Relation {
  if (route.kind === 'literal') {
    switch (filter.kind) {
      case 'literal':
        return route.text === filter.text ? 'inside' : 'apart';
      case 'segment':
        return route.text.length > 0 ? 'inside' : 'apart';
      default:
        return filter.pattern.test(route.text) ? 'inside' : 'apart';
    }
  }
  switch (filter.kind) {
    case 'literal':
      return filter.text.length > 0 ? 'overlap' : 'apart';
    case 'segment':
      return 'inside';
    case 'glob':
      return filter.anything ? 'inside' : 'overlap';
    default:
      return 'overlap';
  }
}

// The parts past those both patterns fix: the route's trailing `*` (when `rest`) or its further
// segments, against the filter's tail (when `tail`, at index `fixed`) or its further segments.
function relateEnds(
  route: readonly RouteToken[],
  rest: boolean,
  filter: readonly FilterToken[],
  fixed: number,
  tail: boolean,
): Relation {
  if (!tail) {
    // The filter has exactly `fixed` segments; the route `route.length`, or more after a `*`.
    if (!rest) return route.length === fixed ? 'inside' : 'apart';
    return route.length < fixed ? 'overlap' : 'apart';
  }
  const end = filter[fixed] as Extract<FilterToken, { kind: 'tail' }>;
  // The filter needs more than `fixed` segments.
  if (route.length <= fixed && !rest) return 'apart';
  if (end.prefixOnly && end.lead === '') return route.length >= fixed ? 'inside' : 'overlap';
  if (route.length <= fixed) return 'overlap';
  const first = route[fixed];
  if (first.kind !== 'literal') return 'overlap';
  if (!rest && route.slice(fixed).every((token) => token.kind === 'literal')) {
    const remainder = route
      .slice(fixed)
      .map((token) => (token as { text: string }).text)
      .join('/');
    return end.pattern.test(remainder) ? 'inside' : 'apart';
  }
  // The lead holds no slash, so the rest starts with it only if this segment does.
  if (!first.text.startsWith(end.lead)) return 'apart';
  return end.prefixOnly ? 'inside' : 'overlap';
}

function decode(text: string): string {
  if (text.indexOf('%') === -1) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
