/**
 * The access methods a server defines (`s.addAccess`, `s.mergeAccess`) and the route middleware
 * built from them (Pode's `Add-PodeAccess`, `Merge-PodeAccess`, `Test-PodeAccess*`).
 *
 * A route naming `access` runs it after its authentication: the user's values (from the scheme)
 * are matched against the route's `role`, `group`, `scope`, `user` or `customAccess` values, and
 * a user who is not allowed gets 403. The checks of each route are compiled once, at start-up: a
 * route whose access method has no values to check passes without reading the user, and a route
 * without `access` has no access step at all.
 */
import { ErrorCodes, setupError } from '../errors.js';
import { optionKeys, rejectUnknownKeys } from '../option-keys.js';
import type { Middleware } from '../pipeline.js';
import { chain } from '../sessions/store.js';
import type { ResolvedAuthUser, RouteAccess, RouteInfo } from '../types.js';
import type { WebEvent } from '../web-event.js';
import { type AccessScheme, asList, isAccessScheme, readAtoms, readPath } from './schemes.js';

/**
 * A validator of your own (`Add-PodeAccess -ScriptBlock`): the user's values and the route's
 * values (both as arrays), and the event when there is one; true allows. May be async.
 */
export type AccessValidator = (
  userValues: readonly unknown[],
  routeValues: readonly unknown[],
  event: WebEvent | undefined,
) => boolean | Promise<boolean>;

/** Options of `s.addAccess`. */
export interface AccessOptions {
  /**
   * How the user's values must meet the route's (without `scriptBlock`). Default `'one'`: at
   * least one in common; `'all'`: the user has every route value; `'none'`: no value in common.
   */
  match?: 'one' | 'all' | 'none';
  /** Decides access instead of `match` (needed for a `custom` scheme to mean anything). */
  scriptBlock?: AccessValidator;
  /** A short description (Pode uses it in OpenAPI). */
  description?: string;
}

/** Options of `s.mergeAccess`. */
export interface MergeAccessOptions {
  /** The access methods merged, in order. */
  access: readonly string[];
  /** `'one'` (default): one must allow; `'all'`: every one must allow. */
  valid?: 'one' | 'all';
}

/** Options of `s.addAccessMiddleware`. */
export interface AccessMiddlewareOptions {
  /** The access method to run. */
  access: string;
  /** Only for request paths matching this route pattern; every path by default. */
  route?: string;
}

/** Options of `testAccess`: the values to compare. */
export interface TestAccessOptions {
  /** The user's values; when empty, the scheme's `scriptBlock` is asked (with the current user). */
  source?: unknown;
  /** The values required; when empty, access is allowed. */
  destination?: unknown;
  /**
   * Pode's `-ArgumentList`: when given (and `source` is empty), the scheme's `scriptBlock` gets
   * these arguments instead of the current user (a TCP verb has no user).
   */
  args?: unknown;
}

type Check = (event: WebEvent) => boolean | Promise<boolean>;

interface SingleMethod {
  merged: false;
  name: string;
  scheme: AccessScheme;
  match: 'one' | 'all' | 'none';
  validate: AccessValidator | undefined;
  description: string | undefined;
}

interface MergedMethod {
  merged: true;
  name: string;
  access: readonly string[];
  passOne: boolean;
}

type AccessMethod = SingleMethod | MergedMethod;

const ACCESS_KEYS = optionKeys<AccessOptions>({
  match: true,
  scriptBlock: true,
  description: true,
});
const MERGE_KEYS = optionKeys<MergeAccessOptions>({ access: true, valid: true });
const ALLOW: Check = () => true;

/** @internal The server's access methods, by name. */
export class AccessRegistry {
  readonly #methods = new Map<string, AccessMethod>();
  readonly #routeChecks = new WeakMap<RouteInfo, Map<string, Check>>();

  /** How many access methods are defined. */
  get size(): number {
    return this.#methods.size;
  }

  /** Whether an access method of this name exists (`Test-PodeAccessExists`). */
  has(name: string): boolean {
    return this.#methods.has(name);
  }

  /** Adds an access method (`Add-PodeAccess`); throws the set-up errors at once. */
  add(name: string, scheme: AccessScheme, options: AccessOptions = {}): void {
    this.#checkName(name, 's.addAccess');
    rejectUnknownKeys(`s.addAccess('${name}')`, options, ACCESS_KEYS);
    if (!isAccessScheme(scheme)) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `[Access] ${name}: the scheme must come from newAccessScheme().`,
        "Pass newAccessScheme({ type: 'role' }).",
      );
    }
    const match = options.match ?? 'one';
    if (match !== 'one' && match !== 'all' && match !== 'none') {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `[Access] ${name}: match must be 'one', 'all' or 'none', but got: ${JSON.stringify(match)}`,
      );
    }
    if (options.scriptBlock !== undefined && typeof options.scriptBlock !== 'function') {
      throw setupError(
        ErrorCodes.BAD_HANDLER,
        `[Access] ${name}: scriptBlock must be a function (userValues, routeValues, e) => boolean.`,
      );
    }
    this.#methods.set(name, {
      merged: false,
      name,
      scheme,
      match,
      validate: options.scriptBlock,
      description: options.description,
    });
  }

  /** Merges access methods into one (`Merge-PodeAccess`): one or all of them must allow. */
  merge(name: string, options: MergeAccessOptions): void {
    this.#checkName(name, 's.mergeAccess');
    rejectUnknownKeys(`s.mergeAccess('${name}')`, options, MERGE_KEYS);
    const access = options?.access;
    if (!Array.isArray(access) || access.length === 0) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `[Access] ${name}: access must be a non-empty array of access method names.`,
      );
    }
    for (const inner of access) {
      if (!this.#methods.has(inner)) {
        throw setupError(
          ErrorCodes.ACCESS_UNKNOWN,
          `Access method does not exist for merging: ${String(inner)}`,
          'Add it with s.addAccess() before merging it.',
        );
      }
    }
    const valid = options.valid ?? 'one';
    if (valid !== 'one' && valid !== 'all') {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `[Access] ${name}: valid must be 'one' or 'all', but got: ${JSON.stringify(valid)}`,
      );
    }
    this.#methods.set(name, { merged: true, name, access: [...access], passOne: valid === 'one' });
  }

  /** Throws unless `name` is a defined access method. */
  assertExists(name: unknown, where: string): void {
    if (typeof name === 'string' && this.#methods.has(name)) return;
    const known = [...this.#methods.keys()];
    throw setupError(
      ErrorCodes.ACCESS_UNKNOWN,
      `${where}: Access method does not exist: ${String(name)}`,
      known.length === 0
        ? `Add it with s.addAccess('${String(name)}', newAccessScheme({ type: 'role' })).`
        : `Known access methods: ${known.join(', ')}.`,
    );
  }

  /**
   * The route middleware for a route's `access`: `[]` without it. Throws for an unknown access
   * name and for `access` without `authentication` (as Pode does).
   */
  middlewareFor(info: RouteInfo): Middleware[] {
    const names = info.access?.names ?? [];
    if (names.length === 0) return [];
    const where = `[${info.method}] ${info.path}`;
    if (info.authentication === undefined) {
      throw setupError(
        ErrorCodes.BAD_ROUTE,
        `${where}: Access requires Authentication to be supplied on Routes.`,
        "Add authentication: '<name of an s.addAuth>' to the route, or use s.addAccessMiddleware().",
      );
    }
    for (const name of names) this.assertExists(name, where);
    const checks = names.map((name) => this.#compile(name, info.access as RouteAccess));
    return [accessMiddleware(checks)];
  }

  /** Global middleware running access method `name` for the matched route (`Add-PodeAccessMiddleware`). */
  globalMiddleware(name: string): Middleware {
    this.assertExists(name, `[Middleware] access`);
    return accessMiddleware([
      (event) => {
        const route = event.route;
        if (route === undefined) return true;
        let perRoute = this.#routeChecks.get(route);
        if (perRoute === undefined) {
          perRoute = new Map();
          this.#routeChecks.set(route, perRoute);
        }
        let check = perRoute.get(name);
        if (check === undefined) {
          check = this.#compile(name, route.access ?? EMPTY_ACCESS);
          perRoute.set(name, check);
        }
        return check(event);
      },
    ]);
  }

  /** `Test-PodeAccess`: whether `source` values meet `destination` values under access method `name`. */
  test(
    name: string,
    options: TestAccessOptions,
    event: WebEvent | undefined,
  ): boolean | Promise<boolean> {
    const method = this.#single(name, 'testAccess');
    const destination = asList(options.destination);
    if (destination.length === 0) return true;
    let source: unknown = options.source;
    const read = method.scheme.scriptBlock;
    if (asList(source).length === 0 && read !== undefined) {
      source =
        options.args === undefined
          ? read(event?.auth.user, event)
          : (read as (...args: unknown[]) => unknown)(...asList(options.args));
    }
    return chain(source, (values) => decide(method, asList(values), destination, event));
  }

  /** `Test-PodeAccessUser`: whether the event's user meets `values` under access method `name`. */
  testUser(name: string, values: unknown, event: WebEvent): boolean | Promise<boolean> {
    const method = this.#single(name, 'testAccessUser');
    const destination = asList(values);
    return chain(userValues(method.scheme, event), (source) =>
      destination.length === 0 ? true : decide(method, source, destination, event),
    );
  }

  /** `Test-PodeAccessRoute`: whether the event's user passes access method `name` on its route. */
  testRoute(name: string, event: WebEvent): boolean | Promise<boolean> {
    this.assertExists(name, 'testAccessRoute()');
    return this.#compile(name, event.route?.access ?? EMPTY_ACCESS)(event);
  }

  // One access method against one route's values, compiled: constant true when there is nothing to check.
  #compile(name: string, route: RouteAccess): Check {
    const method = this.#methods.get(name) as AccessMethod;
    if (method.merged) {
      const inner = method.access.map((innerName) => this.#compile(innerName, route));
      if (inner.every((check) => check === ALLOW)) return ALLOW;
      return method.passOne ? anyOf(inner) : allOf(inner);
    }
    const destination =
      method.scheme.type === 'custom' ? asList(route.custom?.[name]) : route[method.scheme.type];
    if (destination === undefined || destination.length === 0) return ALLOW;
    const frozen = [...destination];
    const read = userReader(method.scheme);
    if (method.validate === undefined) {
      // Pode's inbuilt matching against the route's values, lower-cased into a set once.
      const match = method.match;
      const wanted = new Set(frozen.map(comparable));
      return (event) => chain(read(event), (source) => matchesSet(match, source, wanted));
    }
    return (event) => chain(read(event), (source) => decide(method, source, frozen, event));
  }

  #single(name: string, where: string): SingleMethod {
    this.assertExists(name, `${where}()`);
    const method = this.#methods.get(name) as AccessMethod;
    if (method.merged) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `${where}(): '${name}' is a merged access method: it has no values of its own to test.`,
        'Name one of the access methods it merges, or use testAccessRoute().',
      );
    }
    return method;
  }

  #checkName(name: unknown, where: string): void {
    if (typeof name !== 'string' || name.length === 0) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `${where}() needs a name.`,
        `Call ${where}('Rbac', …).`,
      );
    }
    if (this.#methods.has(name)) {
      throw setupError(
        ErrorCodes.ACCESS_EXISTS,
        `Access method already defined: ${name}`,
        'Give each access method its own name.',
      );
    }
  }
}

const EMPTY_ACCESS: RouteAccess = { names: [] };

function accessMiddleware(checks: readonly Check[]): Middleware {
  const check = checks.length === 1 ? checks[0] : allOf(checks);
  return (event) =>
    chain(check(event), (allowed) => {
      event.auth.isAuthorised = allowed;
      if (!allowed) event.setStatus(403);
      return allowed;
    });
}

// The user's values of a scheme: its scriptBlock's answer, or the property at its path.
function userValues(
  scheme: AccessScheme,
  event: WebEvent,
): readonly unknown[] | Promise<readonly unknown[]> {
  const auth = event.auth;
  const user: ResolvedAuthUser | undefined = auth.isAuthenticated ? auth.user : undefined;
  if (scheme.scriptBlock !== undefined) return chain(scheme.scriptBlock(user, event), asList);
  return asList(readPath(user, scheme.path as string));
}

// userValues compiled for one scheme: its path split once.
function userReader(
  scheme: AccessScheme,
): (event: WebEvent) => readonly unknown[] | Promise<readonly unknown[]> {
  const scriptBlock = scheme.scriptBlock;
  if (scriptBlock !== undefined) {
    return (event) => {
      const auth = event.auth;
      return chain(scriptBlock(auth.isAuthenticated ? auth.user : undefined, event), asList);
    };
  }
  const atoms = (scheme.path as string).split('.');
  return (event) => {
    const auth = event.auth;
    return asList(readAtoms(auth.isAuthenticated ? auth.user : undefined, atoms));
  };
}

function decide(
  method: SingleMethod,
  source: readonly unknown[],
  destination: readonly unknown[],
  event: WebEvent | undefined,
): boolean | Promise<boolean> {
  if (method.validate !== undefined) {
    return chain(method.validate(source, destination, event), (allowed) => allowed === true);
  }
  return matches(method.match, source, destination);
}

/** @internal Pode's inbuilt matching: case-insensitive for strings, as PowerShell's `-iin`. */
export function matches(
  match: 'one' | 'all' | 'none',
  source: readonly unknown[],
  destination: readonly unknown[],
): boolean {
  if (destination.length === 0) return true;
  return matchesSet(match, source, new Set(destination.map(comparable)));
}

// matches() with the destination already lower-cased into a non-empty set.
function matchesSet(
  match: 'one' | 'all' | 'none',
  source: readonly unknown[],
  wanted: ReadonlySet<unknown>,
): boolean {
  if (match !== 'none' && source.length === 0) return false;
  if (match === 'one') {
    for (const value of source) if (wanted.has(comparable(value))) return true;
    return false;
  }
  if (match === 'none') {
    for (const value of source) if (wanted.has(comparable(value))) return false;
    return true;
  }
  const held = new Set(source.map(comparable));
  for (const value of wanted) if (!held.has(value)) return false;
  return true;
}

function comparable(value: unknown): unknown {
  if (typeof value === 'string') return value.toLowerCase();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value).toLowerCase();
  return value;
}

function anyOf(checks: readonly Check[]): Check {
  return (event) => {
    const next = (index: number): boolean | Promise<boolean> =>
      index >= checks.length
        ? false
        : chain(checks[index](event), (allowed) => (allowed ? true : next(index + 1)));
    return next(0);
  };
}

function allOf(checks: readonly Check[]): Check {
  return (event) => {
    const next = (index: number): boolean | Promise<boolean> =>
      index >= checks.length
        ? true
        : chain(checks[index](event), (allowed) => (allowed ? next(index + 1) : false));
    return next(0);
  };
}
