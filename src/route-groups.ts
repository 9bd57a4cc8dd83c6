/**
 * Route groups (`Add-PodeRouteGroup`, `Add-PodeStaticRouteGroup`): a path prefix and options
 * shared by the routes added inside, nestable. A group is only set-up sugar: each route is added
 * to the server as if written out in full, so groups cost nothing per request.
 */
import type { RouteOptions, ServerBuilder } from './builder.js';
import { ErrorCodes, setupError } from './errors.js';
import { mergeDescriptions } from './openapi/settings.js';
import type { RouteOpenApi } from './openapi/types.js';
import { optionKeys, rejectUnknownKeys } from './option-keys.js';
import type { Middleware, RouteHandler } from './pipeline.js';
import { checkStaticRouteOptions, type StaticRouteOptions } from './static/routes.js';
import type { RequestData } from './types.js';

/** `s.addRouteGroup` options (Pode's `Add-PodeRouteGroup` parameters). */
export interface RouteGroupOptions {
  /** The prefix of every route path inside (`/api` + `/users` → `/api/users`). */
  path: string;
  /** Middleware run before each route's own. */
  middleware?: readonly Middleware[];
  /** The authentication of routes that name none. */
  authentication?: string;
  /** Anonymous users pass the authentication of the routes inside. */
  allowAnon?: boolean;
  /** The routes inside accept a session's login only when their own authentication made it. */
  strictAuthentication?: boolean;
  /** The endpoint of routes that name none. */
  endpointName?: string;
  /** The body type of routes that force none. */
  contentType?: string;
  /** The error page type of routes that name none. */
  errorContentType?: string;
  /** The body coding of routes that force none (Pode's `-TransferEncoding`). */
  transferEncoding?: RouteOptions['transferEncoding'];
  /** What routes inside do when already defined, unless they say. */
  ifExists?: 'error' | 'skip' | 'overwrite';
  /** The access methods of routes that name none. */
  access?: RouteOptions['access'];
  /** Roles added to every route's own (as Pode's `-Role` on a group). */
  role?: string | readonly string[];
  /** Groups added to every route's own. */
  group?: string | readonly string[];
  /** Scopes added to every route's own. */
  scope?: string | readonly string[];
  /** Users added to every route's own. */
  user?: string | readonly string[];
  /** Custom access values of routes that give none for an access method. */
  customAccess?: RouteOptions['customAccess'];
  /** An OpenAPI description shared by the routes inside (tags add up; a route's own fields win). */
  openapi?: RouteOpenApi;
}

/** `s.addStaticRouteGroup` options: a route group plus the static options its routes share. */
export interface StaticRouteGroupOptions
  extends RouteGroupOptions,
    Omit<StaticRouteOptions, keyof RouteGroupOptions> {
  /** A folder the routes' sources are inside (`./content` + `/images` → `./content/images`). */
  source?: string;
}

const ROUTE_GROUP_KEY_RECORD: Record<keyof RouteGroupOptions, true> = {
  path: true,
  middleware: true,
  authentication: true,
  allowAnon: true,
  endpointName: true,
  contentType: true,
  errorContentType: true,
  strictAuthentication: true,
  transferEncoding: true,
  ifExists: true,
  access: true,
  role: true,
  group: true,
  scope: true,
  user: true,
  customAccess: true,
  openapi: true,
};
const ROUTE_GROUP_KEYS = optionKeys<RouteGroupOptions>(ROUTE_GROUP_KEY_RECORD);
const STATIC_ROUTE_GROUP_KEYS = optionKeys<StaticRouteGroupOptions>({
  ...ROUTE_GROUP_KEY_RECORD,
  source: true,
  defaults: true,
  downloadOnly: true,
  fileBrowser: true,
  redirectToDefault: true,
  cache: true,
  dotfiles: true,
});

/** Throws `PODE_ERR_UNKNOWN_OPTION` for a key a route group (`static`: a static one) does not take. */
export function checkGroupOptions(where: string, options: unknown, isStatic: boolean): void {
  rejectUnknownKeys(where, options, isStatic ? STATIC_ROUTE_GROUP_KEYS : ROUTE_GROUP_KEYS);
}

/** The options of either kind of group. */
type AnyGroupOptions = StaticRouteGroupOptions;

/** What a group hands down: its prefix, folder and options merged with every outer group's. */
interface Inherited extends Omit<AnyGroupOptions, 'path'> {
  path?: string;
}

/** The builder of the routes inside a group: `g.addRoute`, `g.addStaticRoute` and nested groups. */
export class RouteGroup {
  readonly #server: ServerBuilder;
  readonly #group: Inherited;

  private constructor(server: ServerBuilder, group: Inherited) {
    this.#server = server;
    this.#group = group;
  }

  /** @internal Runs `routes(g)` with the options of `outer` and `options` merged. */
  static run(
    server: ServerBuilder,
    outer: Inherited,
    options: AnyGroupOptions,
    routes: (g: RouteGroup) => void,
  ): void {
    if (
      options === null ||
      typeof options !== 'object' ||
      typeof options.path !== 'string' ||
      !options.path.startsWith('/')
    ) {
      throw setupError(
        ErrorCodes.BAD_ROUTE,
        `A route group needs a path starting with '/', but got: ${JSON.stringify(options?.path)}`,
      );
    }
    if (typeof routes !== 'function') {
      throw setupError(
        ErrorCodes.BAD_HANDLER,
        `[Group] ${options.path}: the routes must be a function (g) => { g.addRoute(…) }.`,
      );
    }
    const group = merge(outer, options);
    const result: unknown = routes(new RouteGroup(server, group));
    if (result instanceof Promise) {
      throw setupError(
        ErrorCodes.BAD_HANDLER,
        `[Group] ${options.path}: the routes function must be synchronous.`,
        'Add the routes without awaiting; do async work before addRouteGroup.',
      );
    }
  }

  /** Adds a route with the group's prefix and options (`Add-PodeRoute` inside a group). */
  addRoute<TData = RequestData>(options: RouteOptions, handler?: RouteHandler<TData>): this;
  addRoute<TData = RequestData>(
    method: string | readonly string[],
    path: string,
    handler: RouteHandler<TData>,
  ): this;
  addRoute<TData = RequestData>(
    first: RouteOptions | string | readonly string[],
    second?: string | RouteHandler<TData>,
    third?: RouteHandler<TData>,
  ): this {
    const shorthand = typeof first === 'string' || Array.isArray(first);
    const options: RouteOptions = shorthand
      ? { method: first as string | readonly string[], path: second as string }
      : (first as RouteOptions);
    const handler = (shorthand ? third : second) as RouteHandler<TData> | undefined;
    this.#server.addRoute<TData>(this.#routeOptions(options), handler);
    return this;
  }

  /** Adds a static route with the group's prefix, folder and options (`Add-PodeStaticRoute` inside a group). */
  addStaticRoute(path: string, source: string, options: StaticRouteOptions = {}): this {
    checkStaticRouteOptions('g.addStaticRoute()', options);
    const group = this.#group;
    const merged: RouteOptions = this.#routeOptions({ method: 'GET', path, ...options });
    this.#server.addStaticRoute(merged.path, joinSource(group.source, source), {
      defaults: options.defaults ?? group.defaults,
      downloadOnly: options.downloadOnly ?? group.downloadOnly,
      fileBrowser: options.fileBrowser ?? group.fileBrowser,
      redirectToDefault: options.redirectToDefault ?? group.redirectToDefault,
      cache: options.cache ?? group.cache,
      dotfiles: options.dotfiles ?? group.dotfiles,
      middleware: merged.middleware,
      authentication: merged.authentication,
      allowAnon: merged.allowAnon,
      strictAuthentication: merged.strictAuthentication,
      endpointName: merged.endpointName as string | undefined,
      errorContentType: merged.errorContentType,
      ifExists: merged.ifExists,
      access: merged.access,
      role: merged.role,
      group: merged.group,
      scope: merged.scope,
      user: merged.user,
      customAccess: merged.customAccess,
    });
    return this;
  }

  /** Adds a nested group: its prefix and options add to this group's. */
  addRouteGroup(options: RouteGroupOptions, routes: (g: RouteGroup) => void): this {
    checkGroupOptions('g.addRouteGroup()', options, false);
    RouteGroup.run(this.#server, this.#group, options, routes);
    return this;
  }

  /** Adds a nested static group: its prefix, folder and options add to this group's. */
  addStaticRouteGroup(options: StaticRouteGroupOptions, routes: (g: RouteGroup) => void): this {
    checkGroupOptions('g.addStaticRouteGroup()', options, true);
    RouteGroup.run(this.#server, this.#group, options, routes);
    return this;
  }

  #routeOptions<T extends RouteOptions>(options: T): T {
    if (options === null || typeof options !== 'object') return options;
    const group = this.#group;
    const path =
      typeof options.path === 'string' ? `${group.path ?? ''}${options.path}` : options.path;
    return {
      ...options,
      path,
      middleware: [...(group.middleware ?? []), ...(options.middleware ?? [])],
      authentication: options.authentication ?? group.authentication,
      allowAnon: options.allowAnon ?? group.allowAnon,
      strictAuthentication: options.strictAuthentication ?? group.strictAuthentication,
      endpointName: options.endpointName ?? group.endpointName,
      contentType: options.contentType ?? group.contentType,
      errorContentType: options.errorContentType ?? group.errorContentType,
      transferEncoding: options.transferEncoding ?? group.transferEncoding,
      ifExists: options.ifExists ?? group.ifExists,
      access: options.access ?? group.access,
      role: joinLists(group.role, options.role),
      group: joinLists(group.group, options.group),
      scope: joinLists(group.scope, options.scope),
      user: joinLists(group.user, options.user),
      customAccess:
        group.customAccess === undefined
          ? options.customAccess
          : { ...group.customAccess, ...options.customAccess },
      openapi: mergeDescriptions(group.openapi, options.openapi),
    };
  }
}

// An inner group adds its prefix, folder and middleware to the outer group's; its other options win.
function merge(outer: Inherited, inner: AnyGroupOptions): Inherited {
  if (
    inner.middleware !== undefined &&
    (!Array.isArray(inner.middleware) || inner.middleware.some((fn) => typeof fn !== 'function'))
  ) {
    throw setupError(
      ErrorCodes.BAD_HANDLER,
      `[Group] ${inner.path}: middleware must be an array of functions.`,
    );
  }
  const merged: Inherited = { ...outer };
  for (const [key, value] of Object.entries(inner)) {
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  merged.path = `${outer.path ?? ''}${cleanPrefix(inner.path)}`;
  merged.middleware = [...(outer.middleware ?? []), ...(inner.middleware ?? [])];
  merged.source = joinSource(outer.source, inner.source);
  for (const key of ['role', 'group', 'scope', 'user'] as const) {
    merged[key] = joinLists(outer[key], inner[key]);
  }
  if (outer.customAccess !== undefined && inner.customAccess !== undefined) {
    merged.customAccess = { ...outer.customAccess, ...inner.customAccess };
  }
  merged.openapi = mergeDescriptions(outer.openapi, inner.openapi);
  return merged;
}

function cleanPrefix(path: string): string {
  return path.replace(/\/+$/, '');
}

function joinSource(outer: string | undefined, inner: string): string;
function joinSource(outer: string | undefined, inner: string | undefined): string | undefined;
function joinSource(outer: string | undefined, inner: string | undefined): string | undefined {
  if (outer === undefined) return inner;
  if (inner === undefined) return outer;
  return `${outer.replace(/[\\/]+$/, '')}/${inner.replace(/^[\\/]+/, '')}`;
}

// A group's access values come before the route's own (Pode prepends them).
function joinLists(
  outer: string | readonly string[] | undefined,
  inner: string | readonly string[] | undefined,
): string | readonly string[] | undefined {
  if (outer === undefined) return inner;
  if (inner === undefined) return outer;
  return [
    ...(typeof outer === 'string' ? [outer] : outer),
    ...(typeof inner === 'string' ? [inner] : inner),
  ];
}
