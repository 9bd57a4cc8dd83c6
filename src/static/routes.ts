/**
 * Static routes (`Add-PodeStaticRoute`) and Pode's public folder: checked and compiled once at
 * start-up into ordinary routes (`GET <path>` and `GET <path>/*`, HEAD answered automatically),
 * so they run the middleware, authentication and access methods of any route and cost the other
 * routes nothing.
 */
import { isAbsolute } from 'node:path';
import type { RouteOptions } from '../builder.js';
import { ErrorCodes, setupError } from '../errors.js';
import { optionKeys, rejectUnknownKeys } from '../option-keys.js';
import type { Middleware, RouteHandler } from '../pipeline.js';
import { cleanRoutePath } from '../router.js';
import type { SiteContext, SiteSettings, StaticMount } from '../site.js';
import type { RouteInfo } from '../types.js';
import { type Folder, openFolder } from './files.js';
import { staticRouteHandler } from './respond.js';

/** `s.addStaticRoute` options (Pode's `Add-PodeStaticRoute` parameters). */
export interface StaticRouteOptions {
  /** File names tried in order when a folder is asked for. Default `index.html`, `index.htm`, `default.html`, `default.htm`. */
  defaults?: readonly string[];
  /** Every file is sent as a download (`Content-Disposition: attachment`); folders get no defaults. */
  downloadOnly?: boolean;
  /** A folder without a default file is answered with a listing of its files. */
  fileBrowser?: boolean;
  /** A folder with a default file is answered with a redirect (302) to it (`/docs` → `/docs/index.html`) instead of the file. */
  redirectToDefault?: boolean;
  /** Route middleware, after authentication. */
  middleware?: readonly Middleware[];
  /** The name of an authentication added with `s.addAuth`. */
  authentication?: string;
  /** With `authentication`: anonymous users get the files too. */
  allowAnon?: boolean;
  /** With `authentication`: a session's login passes only when that authentication made it. */
  strictAuthentication?: boolean;
  /** Let browsers cache: `Cache-Control: max-age=<maxAge>, must-revalidate` and `Expires`; `true` is 3600 s. */
  cache?: boolean | { maxAge?: number };
  /** Bind the route to one endpoint by name. */
  endpointName?: string;
  /** The type of error pages on this route. */
  errorContentType?: string;
  /** Serve files and folders whose names start with a dot. Default false (they are 404). */
  dotfiles?: boolean;
  /** What to do when the path is already defined. Default `'error'`. */
  ifExists?: 'error' | 'skip' | 'overwrite';
  /** Access methods (`s.addAccess`) run after the authentication; each must allow, else 403. */
  access?: RouteOptions['access'];
  /** Roles allowed to get the files, checked by a `role` access method. */
  role?: RouteOptions['role'];
  /** Groups allowed to get the files, checked by a `group` access method. */
  group?: RouteOptions['group'];
  /** Scopes allowed to get the files, checked by a `scope` access method. */
  scope?: RouteOptions['scope'];
  /** Users allowed to get the files, checked by a `user` access method. */
  user?: RouteOptions['user'];
  /** Values for `custom` access methods, by access method name. */
  customAccess?: RouteOptions['customAccess'];
}

const STATIC_ROUTE_KEYS = optionKeys<StaticRouteOptions>({
  defaults: true,
  downloadOnly: true,
  fileBrowser: true,
  redirectToDefault: true,
  middleware: true,
  authentication: true,
  allowAnon: true,
  cache: true,
  endpointName: true,
  errorContentType: true,
  strictAuthentication: true,
  dotfiles: true,
  ifExists: true,
  access: true,
  role: true,
  group: true,
  scope: true,
  user: true,
  customAccess: true,
});

/** Throws `PODE_ERR_UNKNOWN_OPTION` for a key `addStaticRoute` does not take. */
export function checkStaticRouteOptions(where: string, options: unknown): void {
  rejectUnknownKeys(where, options, STATIC_ROUTE_KEYS);
}

/** Pode's default file names for folders. */
export const DEFAULT_FILES: readonly string[] = [
  'index.html',
  'index.htm',
  'default.html',
  'default.htm',
];

/** A checked static route: the routes to add, their shared handler and the mount attachments look up. */
export interface DefinedStaticRoute {
  routes: RouteOptions[];
  handler: RouteHandler;
  /** None for a prefix with wildcard segments (attachments find files under plain prefixes only). */
  mount: StaticMount | undefined;
}

/** Checks a static route's options and source folder, and builds its routes and handler. */
export function defineStaticRoute(
  path: string,
  source: string,
  options: StaticRouteOptions,
  site: SiteSettings,
): DefinedStaticRoute {
  if (typeof path !== 'string' || !path.startsWith('/')) {
    throw setupError(
      ErrorCodes.BAD_ROUTE,
      `A static route path must be a string starting with '/', but got: ${JSON.stringify(path)}`,
    );
  }
  if (options === null || typeof options !== 'object') {
    throw setupError(ErrorCodes.BAD_OPTION, `[Static] ${path}: the options must be an object.`);
  }
  const clean = cleanRoutePath(path).replace(/\/\*$/, '').replace(/\/+$/, '');
  // Pode allows `*` segments inside the prefix (`/any/*/test`): each matches one segment.
  let wildcards = 0;
  const prefix = clean
    .split('/')
    .map((part) => (part === '*' ? `:wildcard${++wildcards}` : part))
    .join('/');
  if (clean.split('/').some((part) => part !== '*' && /[:*]/.test(part))) {
    throw setupError(
      ErrorCodes.BAD_ROUTE,
      `[Static] ${path}: a static route path cannot hold parameters or wildcards.`,
      "Give the folder's URL prefix, such as '/assets' ('*' may stand for one whole segment).",
    );
  }
  const folder = staticFolder(path, source, site);
  const defaults = options.defaults ?? DEFAULT_FILES;
  if (
    !Array.isArray(defaults) ||
    defaults.some(
      (name) => typeof name !== 'string' || name === '' || isAbsolute(name) || /[\\/]/.test(name),
    )
  ) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `[Static] ${path}: defaults must be file names (no folders, not rooted), but got: ${JSON.stringify(options.defaults)}`,
    );
  }
  const cache = options.cache;
  const cacheMaxAge =
    cache === true
      ? 3600
      : typeof cache === 'object' && cache !== null
        ? (cache.maxAge ?? 3600)
        : undefined;
  if (cacheMaxAge !== undefined && (!Number.isInteger(cacheMaxAge) || cacheMaxAge < 0)) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `[Static] ${path}: cache.maxAge must be a whole number of seconds, 0 or more, but got: ${String(cacheMaxAge)}`,
    );
  }
  const dotfiles = options.dotfiles === true;
  const handler = staticRouteHandler({
    folder,
    defaults,
    downloadOnly: options.downloadOnly === true,
    fileBrowser: options.fileBrowser === true,
    redirectToDefault: options.redirectToDefault === true,
    cacheMaxAge,
    dotfiles,
    wholePath: false,
    site,
  });
  const shared: Omit<RouteOptions, 'path'> = {
    method: 'GET',
    middleware: options.middleware,
    authentication: options.authentication,
    allowAnon: options.allowAnon,
    strictAuthentication: options.strictAuthentication,
    endpointName: options.endpointName,
    errorContentType: options.errorContentType,
    ifExists: options.ifExists,
    access: options.access,
    role: options.role,
    group: options.group,
    scope: options.scope,
    user: options.user,
    customAccess: options.customAccess,
  };
  const routes: RouteOptions[] = [{ ...shared, path: `${prefix}/*` }];
  if (prefix !== '') routes.push({ ...shared, path: prefix });
  return {
    routes,
    handler,
    mount:
      wildcards > 0
        ? undefined
        : { prefix: prefix.toLowerCase(), folder, endpointName: options.endpointName, dotfiles },
  };
}

/** The route of Pode's public folder, served at `/` (no middleware: Pode serves it before them). */
export function publicRoute(
  folder: Folder,
  site: SiteContext,
): { info: RouteInfo; handler: RouteHandler } {
  return {
    info: {
      method: 'GET',
      path: '/*',
      endpointName: undefined,
      contentType: undefined,
      errorContentType: undefined,
      authentication: undefined,
      login: false,
      logout: false,
      allowAnon: false,
      strictAuthentication: false,
    },
    handler: staticRouteHandler({
      folder,
      defaults: DEFAULT_FILES,
      downloadOnly: false,
      fileBrowser: false,
      redirectToDefault: false,
      cacheMaxAge: undefined,
      dotfiles: false,
      wholePath: true,
      site: { built: site },
    }),
  };
}

function staticFolder(path: string, source: string, site: SiteSettings): Folder {
  if (typeof source !== 'string' || source.length === 0) {
    throw setupError(
      ErrorCodes.STATIC_SOURCE,
      `[Static] ${path}: the source must be a folder path, but got: ${JSON.stringify(source)}`,
    );
  }
  const absolute = site.fromRoot(source);
  const folder = openFolder(absolute);
  if (folder === undefined) {
    throw setupError(
      ErrorCodes.STATIC_SOURCE,
      `[Static] ${path}: The Source path supplied for Static Route does not exist: ${absolute}`,
      'Relative sources start at the server root (the startServer option root, default the current directory).',
    );
  }
  return folder;
}
