/**
 * The builder `s` handed to the set-up function: Pode's `Add-Pode*` cmdlets as methods. It collects
 * endpoints, routes, middleware, endware, sessions, authentication and CSRF, validates each call at
 * once, and compiles every route's pipeline in `build()`.
 */
import { bindAccessRegistry } from './access/functions.js';
import {
  type AccessMiddlewareOptions,
  type AccessOptions,
  AccessRegistry,
  type MergeAccessOptions,
} from './access/registry.js';
import type { AccessScheme } from './access/schemes.js';
import { bindAuthRegistry } from './auth/bind.js';
import type { AuthEventHandler } from './auth/events.js';
import type { MergeAuthOptions } from './auth/merge.js';
import {
  type AuthOptions,
  AuthRegistry,
  type AuthSessionOptions,
  type AuthValidator,
} from './auth/registry.js';
import type { AuthScheme } from './auth/schemes.js';
import { type AuthUserFileOptions, userFileValidator } from './auth/user-file.js';
import { type AuthWindowsAdOptions, windowsAdValidator } from './auth/windows-ad.js';
import type { FileWatcherFunction, FileWatcherOptions } from './background/file-watchers.js';
import { Background } from './background/runtime.js';
import type { ScheduleFunction, ScheduleOptions } from './background/schedules.js';
import type { StateStore } from './background/store.js';
import type { TaskFunction, TaskOptions } from './background/tasks.js';
import type { TimerFunction, TimerOptions } from './background/timers.js';
import { BODY_PARSING, bodyParsingMiddleware } from './body.js';
import { CacheSettings, type CacheStorageOptions } from './cache/registry.js';
import {
  COOKIE_SECRET_KEYS,
  type CookieSecretOptions,
  cookieSecretName,
} from './cookie-secrets.js';
import { CSRF, type CsrfOptions, createCsrfMiddleware } from './csrf.js';
import { type EndpointSettings, endpointSettings } from './endpoints/settings.js';
import { ErrorCodes, setupError } from './errors.js';
import type { BodyEncoding } from './formats/decode.js';
import {
  type ConvertToRouteOptions,
  functionRoutes,
  type RouteFunction,
} from './function-routes.js';
import type {
  LimitAccessRuleOptions,
  LimitRateRuleOptions,
  LimitRuleOptions,
} from './limits/rules.js';
import {
  type LogErrorOptions,
  type LogRequestOptions,
  LogSettings,
  type LogTypeOptions,
} from './logging/logs.js';
import type { LogMethod } from './logging/methods.js';
import { bindMcpRegistry } from './mcp/bind.js';
import {
  type McpGroupOptions,
  McpRegistry,
  type McpToolFunction,
  type McpToolOptions,
} from './mcp/registry.js';
import { installOpenApi, statusDescription } from './openapi/install.js';
import { newOAExternalDoc } from './openapi/properties.js';
import {
  type OADefinitionOption,
  type OAInfoOptions,
  type OpenApiOptions,
  OpenApiSettings,
  ROUTE_OPENAPI_KEYS,
} from './openapi/settings.js';
import type {
  OAContent,
  OAExternalDoc,
  OAParameter,
  OAParameterRef,
  OAProperty,
  OARequestBody,
  OAResponse,
  OARouteRef,
  OASchema,
  RouteOpenApi,
} from './openapi/types.js';
import { bookmarksPage, defineViewer, type OAViewerOptions, VIEWER_CSP } from './openapi/viewer.js';
import { optionKeys, rejectUnknownKeys } from './option-keys.js';
import {
  type CompiledRoute,
  compileRoute,
  type Endware,
  type Middleware,
  type MiddlewareEntry,
  type RouteHandler,
} from './pipeline.js';
import type { ConnectWebSocketOptions, WebSocketHandler } from './realtime/client.js';
import { type BuiltRealtime, RealtimeSettings } from './realtime/settings.js';
import type {
  ConnectionEventHandler,
  ConnectionEventOptions,
  ConnectionEventType,
  RealtimeOptions,
  SignalHandler,
  SignalRouteOptions,
  SseBroadcastLevelOptions,
} from './realtime/types.js';
import { compileRouteFilter, type RouteFilter } from './route-filter.js';
import {
  checkGroupOptions,
  RouteGroup,
  type RouteGroupOptions,
  type StaticRouteGroupOptions,
} from './route-groups.js';
import { cleanRoutePath, Router, type RouterEntry, routeKey } from './router.js';
import {
  type MountSecretOptions,
  type SecretVaultOptions,
  SecretVaults,
} from './secrets/vaults.js';
import type { CompressionOptions, Compressor } from './security/compression.js';
import type { AccessControlOptions } from './security/cors.js';
import type {
  ContentSecurityPolicyOptions,
  PermissionsPolicyOptions,
  SecurityOptions,
} from './security/headers.js';
import { TrafficSettings } from './security/traffic.js';
import type { ServerOptions } from './server.js';
import type { SessionSetup } from './sessions/middleware.js';
import { createSessionSetup, SESSIONS, type SessionOptions } from './sessions/middleware.js';
import { type DefaultFolderType, type SiteContext, SiteSettings } from './site.js';
import {
  checkStaticRouteOptions,
  defineStaticRoute,
  publicRoute,
  type StaticRouteOptions,
} from './static/routes.js';
import { type BuiltTcp, isTcpProtocol, TcpSettings } from './tcp/settings.js';
import type {
  HandlerOptions,
  HandlerType,
  ServiceHandler,
  SmtpHandler,
  TcpEndpointOptions,
  VerbHandler,
  VerbOptions,
} from './tcp/types.js';
import { sharedSessionSecret } from './threads.js';
import type { RequestData, RouteAccess, RouteInfo } from './types.js';
import type { ViewEngineOptions } from './views/engine.js';
import { type PageFunction, type PageOptions, pageRoute } from './views/pages.js';

/** `s.addEndpoint` options. */
export interface EndpointOptions {
  /** Default `'localhost'`; `'*'` for every interface. */
  address?: string;
  /** Default 8080; 0 picks a free port. */
  port?: number;
  /** Default `'http'`. `'ws'`/`'wss'` also accept WebSocket upgrades on any path (HTTP requests too). */
  protocol?: 'http' | 'https' | 'ws' | 'wss';
  /** A name routes can bind to with `endpointName`. Default `'<protocol>:<address>:<port>'`. */
  name?: string;
  /** Key and certificate (PEM) for https. */
  tls?: { key: string | Buffer; cert: string | Buffer; passphrase?: string };
  /** A certificate file for https (`.pem`/`.cer`/`.crt` with `certificateKey`, or `.pfx`/`.p12`), from the server root. */
  certificate?: string;
  /** The private key file (PEM) of a PEM `certificate`. */
  certificateKey?: string;
  /** The password of the key or `.pfx` file. */
  certificatePassword?: string;
  /** Make a self-signed certificate for localhost (and the endpoint's names) at start-up. */
  selfSigned?: boolean;
  /** Ask https clients for a certificate; any (or none) is accepted, a `clientCertificate` auth checks it. */
  allowClientCertificate?: boolean;
  /** Answer only requests whose `Host` is this name (several endpoints may share an address and port). */
  hostname?: string;
  /** Listen on the address `hostname` resolves to instead of `address`. */
  lookupHostname?: boolean;
  /** Listen on IPv6 and IPv4 both (`'*'` → `::` dual-stack; localhost → 127.0.0.1 and ::1). */
  dualMode?: boolean;
  /** Redirect every request on this endpoint to the endpoint of this name (same path and query). */
  redirectTo?: string;
  /** The endpoint whose URL the server uses for its own links (one per protocol). */
  default?: boolean;
  /**
   * No WebSocket upgrade happens by itself here (Pode's `-NoAutoUpgradeWebSockets`): a WebSocket
   * request is an HTTP request, run through its route, which opens the socket with
   * `e.toSignalConnection(…)` (so the route's middleware and authentication decide).
   */
  noAutoUpgradeWebSockets?: boolean;
}

/** `s.addRoute` options. */
export interface RouteOptions {
  /** A method in any case, an array of methods, or `'*'` for all. */
  method: string | readonly string[];
  path: string;
  /** Route middleware, run after authentication, in order. */
  middleware?: readonly Middleware[];
  /** The name of an authentication added with `s.addAuth`. */
  authentication?: string;
  /** A login route: an authenticated session is redirected to the auth's `successUrl`. */
  login?: boolean;
  /** A logout route: the session is removed and the client redirected to `failureUrl` (or 401). */
  logout?: boolean;
  /** Run the route for anonymous users too (credentials presented are still checked). */
  allowAnon?: boolean;
  /**
   * Accept a session's login only when it was made through this route's `authentication`. By
   * default (as in Pode) a login through any authentication passes every route that names one.
   */
  strictAuthentication?: boolean;
  /** Bind the route to an endpoint by name, or to each of a list (Pode's `-EndpointName a, b`). */
  endpointName?: string | readonly string[];
  /** Parse the body as this type whatever the request says. */
  contentType?: string;
  /** The type of error pages on this route (`application/json` for JSON pages). */
  errorContentType?: string;
  /** Decode every request body of this route with this coding, whatever its headers say (Pode's `-TransferEncoding`). */
  transferEncoding?: BodyEncoding;
  /** What to do when the method and path are already defined. Default `'error'`. */
  ifExists?: 'error' | 'skip' | 'overwrite';
  /** Access methods (`s.addAccess`) run after the authentication; each must allow, else 403. */
  access?: string | readonly string[];
  /** Roles allowed on this route (one or a list), checked by a `role` access method. */
  role?: string | readonly string[];
  /** Groups allowed on this route, checked by a `group` access method. */
  group?: string | readonly string[];
  /** Scopes allowed on this route, checked by a `scope` access method. */
  scope?: string | readonly string[];
  /** Users allowed on this route, checked by a `user` access method. */
  user?: string | readonly string[];
  /** Values for `custom` access methods, by access method name (`Add-PodeAccessCustom`). */
  customAccess?: Readonly<Record<string, unknown>>;
  /** The route's OpenAPI description (see docs/openapi.md). */
  openapi?: RouteOpenApi;
}

/** `s.addAuthMiddleware` options. */
export interface AuthMiddlewareOptions {
  /** The authentication to run. */
  authentication: string;
  /** Only for request paths matching this route pattern; every path by default. */
  route?: string;
}

/** `s.addMiddleware` options. */
export interface MiddlewareOptions {
  name: string;
  /** Only for request paths matching this route pattern; `'/'` or none for all. */
  route?: string;
}

interface RouteDefinition {
  info: RouteInfo;
  middleware: readonly Middleware[];
  handler: RouteHandler | undefined;
  openapi?: RouteOpenApi;
}

const METHODS = new Set([
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'OPTIONS',
  'TRACE',
  'CONNECT',
  'PROPFIND',
  'PROPPATCH',
  'MKCOL',
  'COPY',
  'MOVE',
  'LOCK',
  'UNLOCK',
  'SEARCH',
  'REPORT',
  'PURGE',
  'QUERY',
]);
const DEFAULT_BODY_LIMIT = 1024 * 1024;

const ENDPOINT_KEYS = optionKeys<EndpointOptions>({
  address: true,
  port: true,
  protocol: true,
  name: true,
  tls: true,
  certificate: true,
  certificateKey: true,
  certificatePassword: true,
  selfSigned: true,
  allowClientCertificate: true,
  hostname: true,
  lookupHostname: true,
  dualMode: true,
  redirectTo: true,
  default: true,
  noAutoUpgradeWebSockets: true,
});
const TLS_KEYS = optionKeys<NonNullable<EndpointOptions['tls']>>({
  key: true,
  cert: true,
  passphrase: true,
});
const ROUTE_KEYS = optionKeys<RouteOptions>({
  method: true,
  path: true,
  middleware: true,
  authentication: true,
  login: true,
  logout: true,
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
});
const MIDDLEWARE_KEYS = optionKeys<MiddlewareOptions>({ name: true, route: true });
const VIEW_ENGINE_KEYS = optionKeys<ViewEngineOptions>({
  type: true,
  extension: true,
  render: true,
  watch: true,
});
const ROUTE_ONLY_KEYS = optionKeys<{ route?: string }>({ route: true });
const AUTH_MIDDLEWARE_KEYS = optionKeys<AuthMiddlewareOptions>({
  authentication: true,
  route: true,
});
const ACCESS_CUSTOM_ROUTE_KEYS = optionKeys<{
  method: unknown;
  path: unknown;
  endpointName?: unknown;
}>({ method: true, path: true, endpointName: true });
const ACCESS_MIDDLEWARE_KEYS = optionKeys<AccessMiddlewareOptions>({ access: true, route: true });
const APPEND_KEYS = optionKeys<{ append?: boolean }>({ append: true });

/** The builder passed to the set-up function: Pode's `Add-Pode*` cmdlets as methods. */
export class ServerBuilder {
  readonly #options: ServerOptions;
  readonly #endpoints: EndpointSettings[] = [];
  readonly #cookieSecrets = new Map<string, string>();
  readonly #routes = new Map<string, RouteDefinition>();
  readonly #middleware: (MiddlewareEntry & { inbuilt: boolean })[] = [];
  readonly #endware: Endware[] = [];
  readonly #warnings: string[] = [];
  #sessions: SessionSetup | undefined;
  readonly #auth = new AuthRegistry();
  readonly #access = new AccessRegistry();
  #csrf = false;
  readonly #site: SiteSettings;
  readonly #logs = new LogSettings();
  #openapi: OpenApiSettings | undefined;
  #oaSelecting: string | readonly string[] | undefined;
  readonly #background: Background;
  #realtime: RealtimeSettings | undefined;
  readonly #traffic = new TrafficSettings();
  #tcp: TcpSettings | undefined;
  readonly #cache = new CacheSettings();
  readonly #secrets = new SecretVaults();
  #mcp: McpRegistry | undefined;

  /** @internal */
  constructor(options: ServerOptions) {
    this.#options = options;
    this.#background = new Background(options.root ?? process.cwd());
    this.#site = new SiteSettings(options.root);
    this.#addInbuilt(BODY_PARSING, bodyParsingMiddleware(options.bodyLimit ?? DEFAULT_BODY_LIMIT));
  }

  /** Adds a group of MCP tools, served by a route calling `e.resolveMcpRequest` (`Add-PodeMcpGroup`; docs/mcp.md). */
  addMcpGroup(name: string, options: McpGroupOptions = {}): this {
    this.#mcp ??= new McpRegistry();
    this.#mcp.addGroup(name, options);
    return this;
  }

  /** Adds an MCP tool to one or more groups (`Add-PodeMcpTool` with its `Add-PodeMcpToolProperty` calls; docs/mcp.md). */
  addMcpTool(name: string, options: McpToolOptions, fn: McpToolFunction): this {
    this.#mcp ??= new McpRegistry();
    this.#mcp.addTool(name, options, fn);
    return this;
  }

  /** Adds an endpoint to listen on (`Add-PodeEndpoint`); tcp, tcps, smtp and smtps ones too (docs/tcp.md). */
  addEndpoint(options: EndpointOptions | TcpEndpointOptions = {}): this {
    if (isTcpProtocol(options.protocol)) {
      this.#tcpSettings().addEndpoint(options as TcpEndpointOptions, (name) =>
        this.#endpoints.some((endpoint) => endpoint.name === name),
      );
      return this;
    }
    rejectUnknownKeys('s.addEndpoint()', options, ENDPOINT_KEYS);
    rejectUnknownKeys('s.addEndpoint() tls', options?.tls, TLS_KEYS);
    const protocol = options.protocol ?? 'http';
    if (protocol !== 'http' && protocol !== 'https' && protocol !== 'ws' && protocol !== 'wss') {
      throw setupError(
        ErrorCodes.BAD_ENDPOINT,
        `Endpoint protocol must be 'http', 'https', 'ws' or 'wss', but got: ${String(protocol)}`,
      );
    }
    const port = options.port ?? 8080;
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw setupError(
        ErrorCodes.BAD_ENDPOINT,
        `Endpoint port must be an integer from 0 to 65535, but got: ${String(port)}`,
        'Use 0 to let the system pick a free port.',
      );
    }
    const address = options.address ?? 'localhost';
    if (typeof address !== 'string' || address.length === 0) {
      throw setupError(
        ErrorCodes.BAD_ENDPOINT,
        'Endpoint address must be a non-empty string.',
        "Use 'localhost', an IP address, or '*' for every interface.",
      );
    }
    const name = options.name ?? `${protocol}:${address}:${port}`;
    if (
      this.#endpoints.some((endpoint) => endpoint.name === name) ||
      this.#tcp?.endpoints.some((endpoint) => endpoint.name === name)
    ) {
      throw setupError(
        ErrorCodes.BAD_ENDPOINT,
        `An endpoint named '${name}' already exists.`,
        'Give each endpoint its own name.',
      );
    }
    const manual = (options as EndpointOptions).noAutoUpgradeWebSockets;
    if (manual !== undefined && typeof manual !== 'boolean') {
      throw setupError(
        ErrorCodes.BAD_ENDPOINT,
        `Endpoint noAutoUpgradeWebSockets must be true or false, but got: ${String(manual)}`,
      );
    }
    const endpoint = endpointSettings(
      { address, port, protocol, name },
      options,
      this.#options.root ?? process.cwd(),
    );
    if (manual === true) endpoint.noAutoUpgradeWebSockets = true;
    if (endpoint.isDefault && this.#endpoints.some((e) => e.isDefault && sameType(e, endpoint))) {
      throw setupError(
        ErrorCodes.BAD_ENDPOINT,
        `A default endpoint for ${protocol} is already set.`,
        'Mark one endpoint per protocol as default.',
      );
    }
    if (endpoint.redirectTo !== undefined) {
      const target = endpoint.redirectTo;
      if (options.name === undefined || !this.#endpoints.some((e) => e.name === target)) {
        throw setupError(
          ErrorCodes.BAD_ENDPOINT,
          options.name === undefined
            ? 'An endpoint with redirectTo needs a name.'
            : `Endpoint ${name}: no endpoint named '${target}' was added before it to redirect to.`,
          'Add the endpoint to redirect to first, then this one with name and redirectTo.',
        );
      }
      this.#endpoints.push(endpoint);
      this.addRoute({ method: '*', path: '/*', endpointName: name }, (e) =>
        e.redirect({ endpointName: target }),
      );
      return this;
    }
    this.#endpoints.push(endpoint);
    return this;
  }

  /** Adds a route (`Add-PodeRoute`): `addRoute({ method, path, … }, handler)` or `addRoute(method, path, handler)`. */
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
    const options: RouteOptions =
      typeof first === 'string' || Array.isArray(first)
        ? { method: first as string | readonly string[], path: second as string }
        : (first as RouteOptions);
    const handler = (typeof first === 'string' || Array.isArray(first) ? third : second) as
      | RouteHandler
      | undefined;
    if (options === null || typeof options !== 'object') {
      throw setupError(ErrorCodes.BAD_ROUTE, 'addRoute needs { method, path } options.');
    }
    rejectUnknownKeys('s.addRoute()', options, ROUTE_KEYS);
    rejectUnknownKeys('s.addRoute() openapi', options.openapi, ROUTE_OPENAPI_KEYS);
    const names = options.endpointName;
    if (Array.isArray(names)) {
      // One route per endpoint named, as Pode binds a route to each of its -EndpointName list.
      if (names.length === 0 || names.some((name) => typeof name !== 'string')) {
        throw setupError(
          ErrorCodes.BAD_OPTION,
          `${String(options.path)}: endpointName must be a name or a non-empty list of names.`,
        );
      }
      for (const endpointName of new Set<string>(names)) {
        this.addRoute({ ...options, endpointName }, handler);
      }
      return this;
    }
    const endpointName = names as string | undefined;
    const path = validatePath(options.path);
    const methods = normaliseMethods(options.method, path);
    if (handler !== undefined && typeof handler !== 'function') {
      throw setupError(
        ErrorCodes.BAD_HANDLER,
        `[${methods.join(',')}] ${path}: The route handler must be a function, but got: ${typeof handler}`,
      );
    }
    const middleware = options.middleware ?? [];
    if (!Array.isArray(middleware) || middleware.some((fn) => typeof fn !== 'function')) {
      throw setupError(
        ErrorCodes.BAD_HANDLER,
        `[${methods.join(',')}] ${path}: Route middleware must be an array of functions.`,
      );
    }
    const transferEncoding = options.transferEncoding;
    if (transferEncoding !== undefined && !['gzip', 'deflate', 'br'].includes(transferEncoding)) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `[${methods.join(',')}] ${path}: transferEncoding must be 'gzip', 'deflate' or 'br', but got: ${String(transferEncoding)}`,
      );
    }
    const access = routeAccess(options, `[${methods.join(',')}] ${path}`);
    const ifExists = options.ifExists ?? 'error';
    if (!['error', 'skip', 'overwrite'].includes(ifExists)) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `[${methods.join(',')}] ${path}: ifExists must be 'error', 'skip' or 'overwrite', but got: ${String(ifExists)}`,
      );
    }
    for (const method of methods) {
      if (
        handler === undefined &&
        middleware.length === 0 &&
        options.authentication === undefined
      ) {
        throw setupError(
          ErrorCodes.NO_LOGIC,
          `[${method}] ${path}: No logic passed.`,
          'Pass a handler function, route middleware or an authentication.',
        );
      }
      const key = `${endpointName ?? ''}\u0000${method}\u0000${routeKey(path)}`;
      if (this.#routes.has(key)) {
        if (ifExists === 'skip') continue;
        if (ifExists === 'error') {
          throw setupError(
            ErrorCodes.ROUTE_EXISTS,
            `[${method}] ${path}: Already defined.`,
            "Pass ifExists: 'overwrite' to replace it or 'skip' to keep the first.",
          );
        }
      }
      this.#routes.set(key, {
        info: {
          method,
          path,
          endpointName,
          contentType: options.contentType?.toLowerCase(),
          errorContentType: options.errorContentType,
          authentication: options.authentication,
          login: options.login === true,
          logout: options.logout === true,
          allowAnon: options.allowAnon === true,
          ...(transferEncoding === undefined ? {} : { transferEncoding }),
          strictAuthentication: options.strictAuthentication === true,
          ...(access === undefined ? {} : { access }),
        },
        middleware,
        handler,
        openapi:
          this.#oaSelecting === undefined || options.openapi?.definitionTag !== undefined
            ? options.openapi
            : { ...options.openapi, definitionTag: this.#oaSelecting },
      });
    }
    return this;
  }

  /** Adds global middleware (`Add-PodeMiddleware`), run in the order added for paths matching `route`. */
  addMiddleware(name: string, fn: Middleware, options?: { route?: string }): this;
  addMiddleware(options: MiddlewareOptions, fn: Middleware): this;
  addMiddleware(
    first: string | MiddlewareOptions,
    fn: Middleware,
    options?: { route?: string },
  ): this {
    if (typeof first === 'string') rejectUnknownKeys('s.addMiddleware()', options, ROUTE_ONLY_KEYS);
    else rejectUnknownKeys('s.addMiddleware()', first, MIDDLEWARE_KEYS);
    const { name, route } =
      typeof first === 'string' ? { name: first, route: options?.route } : (first ?? {});
    if (typeof name !== 'string' || name.length === 0) {
      throw setupError(
        ErrorCodes.BAD_HANDLER,
        'A middleware needs a name.',
        "Call s.addMiddleware('name', fn).",
      );
    }
    if (typeof fn !== 'function') {
      throw setupError(
        ErrorCodes.BAD_HANDLER,
        `[Middleware] ${name}: The middleware must be a function, but got: ${typeof fn}`,
      );
    }
    const entry = { name, run: fn, filter: middlewareFilter(route), inbuilt: false };
    const existing = this.#middleware.findIndex((middleware) => middleware.name === name);
    if (existing !== -1) {
      // A user middleware named like an inbuilt one replaces it, as in Pode.
      if (!this.#middleware[existing].inbuilt) {
        throw setupError(
          ErrorCodes.MIDDLEWARE_EXISTS,
          `[Middleware] ${name}: Middleware already defined.`,
          'Give each middleware its own name.',
        );
      }
      this.#middleware[existing] = entry;
      return this;
    }
    this.#middleware.push(entry);
    return this;
  }

  /** Adds server endware (`Add-PodeEndware`): runs after every request, in the order added. */
  addEndware(fn: Endware): this {
    if (typeof fn !== 'function') {
      throw setupError(
        ErrorCodes.BAD_HANDLER,
        `An endware must be a function, but got: ${typeof fn}`,
      );
    }
    this.#endware.push(fn);
    return this;
  }

  /** Enables sessions (`Enable-PodeSessionMiddleware`) at this point of the middleware order. */
  enableSessionMiddleware(options: SessionOptions = {}): this {
    if (this.#sessions !== undefined) {
      throw setupError(
        ErrorCodes.SESSION_ALREADY_ENABLED,
        'Session Middleware has already been initialised.',
        'Call s.enableSessionMiddleware() once.',
      );
    }
    this.#sessions = createSessionSetup(options, {
      threads: this.#options.threads ?? 1,
      sharedSecret: sharedSessionSecret(),
    });
    this.#addInbuilt(SESSIONS, this.#sessions.middleware);
    if (
      options.secret !== undefined &&
      this.#sessions.settings.secrets.some((secret) => secret.length < 32)
    ) {
      this.#warnings.push(
        'A session secret is shorter than 32 characters: it still works, but use a long random one (e.g. 48 random bytes in Base64) in production.',
      );
    }
    const store = this.#sessions.settings.store;
    if (this.#sessions.settings.tabScope && typeof store.children !== 'function') {
      this.#warnings.push(
        "The session store has no children() method: with scope: 'tab', removing or regenerating a session deletes only the requesting tab's record (the others are never read again and wait for their expiry), and maxTabs is not enforced. See docs/sessions.md#tab-scope.",
      );
    }
    return this;
  }

  /**
   * Adds an authentication (`Add-PodeAuth`) that routes name in `authentication`: the scheme
   * reads the credentials, `validate(credentials, e)` returns `{ user }` or a failure. Without
   * `sessionless`, sessions must be enabled first.
   */
  addAuth<TCredentials>(
    name: string,
    scheme: AuthScheme<TCredentials>,
    validate: AuthValidator<TCredentials>,
    options: AuthOptions = {},
  ): this {
    this.#auth.add(
      name,
      scheme as AuthScheme<unknown>,
      validate as AuthValidator<unknown>,
      options,
      this.#sessions !== undefined,
    );
    // OAuth2 without a redirectUrl: the provider comes back to this route (as in Pode)
    if (scheme.callbackPath !== undefined) {
      this.addRoute({ method: 'GET', path: scheme.callbackPath, authentication: name });
    }
    return this;
  }

  /**
   * Merges authentications into one (`Merge-PodeAuth`) that routes name like any other:
   * `valid: 'one'` (default) passes with the first that succeeds, `'all'` needs every one and
   * merges their users with `scriptBlock` (or keeps `mergeDefault`'s).
   */
  mergeAuth(name: string, options: MergeAuthOptions): this {
    this.#auth.merge(name, options, this.#sessions !== undefined);
    return this;
  }

  /** Runs an authentication as global middleware on every request matching `route` (`Add-PodeAuthMiddleware`). */
  addAuthMiddleware(name: string, options: AuthMiddlewareOptions): this {
    rejectUnknownKeys('s.addAuthMiddleware()', options, AUTH_MIDDLEWARE_KEYS);
    const run = this.#auth.globalMiddleware(
      options?.authentication,
      () => this.#sessions?.settings,
    );
    return this.addMiddleware(name, run, { route: options.route });
  }

  /**
   * Adds an authentication that checks the username and password against a JSON users file
   * (`Add-PodeAuthUserFile`): SHA-256 (or HMAC-SHA256 with `hmacSecret`) passwords, optional
   * `users`/`groups` allow-lists and a `scriptBlock(user, e)` run after the checks.
   */
  addAuthUserFile<TCredentials>(
    name: string,
    scheme: AuthScheme<TCredentials>,
    options: AuthUserFileOptions = {},
  ): this {
    const { validate, authOptions } = userFileValidator(
      name,
      scheme as AuthScheme<unknown>,
      options,
      this.#options.root ?? process.cwd(),
    );
    return this.addAuth(name, scheme as AuthScheme<unknown>, validate, authOptions);
  }

  /**
   * Adds an authentication that checks the username and password against Active Directory over
   * LDAP (`Add-PodeAuthWindowsAd`): binds as `DOMAIN\username`, reads the user and its groups
   * (nested ones too, unless `directGroups`), with optional `users`/`groups` allow-lists and a
   * `scriptBlock(user, e)` run after the checks. The LDAP client is loaded on the first login.
   */
  addAuthWindowsAd<TCredentials>(
    name: string,
    scheme: AuthScheme<TCredentials>,
    options: AuthWindowsAdOptions = {},
  ): this {
    const { validate, authOptions } = windowsAdValidator(
      name,
      scheme as AuthScheme<unknown>,
      options,
    );
    return this.addAuth(name, scheme as AuthScheme<unknown>, validate, authOptions);
  }

  /**
   * Runs `fn` when a user logs in (each successful check of credentials) or out (a `logout`
   * route) through the named authentications (`Register-PodeAuthEvent`). Errors are logged.
   */
  registerAuthEvent(
    name: string | readonly string[],
    type: 'login' | 'logout',
    eventName: string,
    fn: AuthEventHandler,
  ): this {
    this.#auth.registerEvent(typeof name === 'string' ? [name] : name, type, eventName, fn);
    return this;
  }

  /** Adds an authentication that passes only when the session holds a logged-in user (`Add-PodeAuthSession`). */
  addAuthSession(name: string, options: AuthSessionOptions = {}): this {
    this.#auth.addSession(name, options, this.#sessions !== undefined);
    return this;
  }

  /**
   * Adds an access method (`Add-PodeAccess`) that routes name in `access`: the scheme says where
   * the user's values come from, `match` (or your `scriptBlock`) how they must meet the route's.
   */
  addAccess(name: string, scheme: AccessScheme, options: AccessOptions = {}): this {
    this.#access.add(name, scheme, options);
    return this;
  }

  /** Merges access methods into one (`Merge-PodeAccess`): `valid: 'one'` (default) or `'all'` must allow. */
  mergeAccess(name: string, options: MergeAccessOptions): this {
    this.#access.merge(name, options);
    return this;
  }

  /**
   * Gives routes already added the values of a `custom` access method (`Add-PodeAccessCustom`):
   * the routes of `route.method` (one or a list) at `route.path` (on `route.endpointName`, if given).
   * The same as the route option `customAccess: { [name]: value }`.
   */
  addAccessCustom(
    route: { method: string | readonly string[]; path: string; endpointName?: string },
    name: string,
    value: unknown,
  ): this {
    rejectUnknownKeys('s.addAccessCustom()', route, ACCESS_CUSTOM_ROUTE_KEYS);
    const path = validatePath(route?.path);
    const methods = normaliseMethods(route.method, path);
    if (typeof name !== 'string' || name.length === 0) {
      throw setupError(ErrorCodes.BAD_OPTION, 's.addAccessCustom() needs the access method name.');
    }
    for (const method of methods) {
      const key = `${route.endpointName ?? ''}\u0000${method}\u0000${routeKey(path)}`;
      const definition = this.#routes.get(key);
      if (definition === undefined) {
        throw setupError(
          ErrorCodes.BAD_ROUTE,
          `[${method}] ${path}: s.addAccessCustom() found no such route.`,
          'Add the route first, or give it customAccess in its options.',
        );
      }
      const access = definition.info.access ?? { names: [] };
      if (access.custom?.[name] !== undefined) {
        throw setupError(
          ErrorCodes.BAD_ROUTE,
          `Route '[${method}] ${path}' already contains Custom Access with name '${name}'.`,
        );
      }
      const values = Array.isArray(value) ? [...value] : [value];
      definition.info.access = { ...access, custom: { ...access.custom, [name]: values } };
    }
    return this;
  }

  /** Runs an access method as global middleware on the routes matching `route` (`Add-PodeAccessMiddleware`). */
  addAccessMiddleware(name: string, options: AccessMiddlewareOptions): this {
    rejectUnknownKeys('s.addAccessMiddleware()', options, ACCESS_MIDDLEWARE_KEYS);
    return this.addMiddleware(name, this.#access.globalMiddleware(options?.access), {
      route: options.route,
    });
  }

  /** Enables CSRF checks (`Enable-PodeCsrfMiddleware`) at this point of the middleware order. */
  enableCsrfMiddleware(options: CsrfOptions = {}): this {
    if (this.#csrf) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        'CSRF Middleware has already been initialised.',
        'Call s.enableCsrfMiddleware() once.',
      );
    }
    const globalSecret = this.#cookieSecrets.get('global');
    const withSecret =
      options?.useCookies === true && options.secret === undefined && globalSecret !== undefined
        ? { ...options, secret: globalSecret }
        : options;
    this.#addInbuilt(CSRF, createCsrfMiddleware(withSecret, this.#sessions !== undefined));
    this.#csrf = true;
    return this;
  }

  /**
   * Stores a cookie secret (`Set-PodeCookieSecret`): `{ name, value }`, or `{ global: true, value }`
   * for the global one, which `enableCsrfMiddleware({ useCookies: true })` uses when given no secret.
   * Read it back with `getCookieSecret` (here, or `e.getCookieSecret` in a request).
   */
  setCookieSecret(options: CookieSecretOptions & { value: string }): this {
    rejectUnknownKeys('s.setCookieSecret()', options, COOKIE_SECRET_KEYS);
    const name = cookieSecretName('s.setCookieSecret()', options);
    if (typeof options.value !== 'string' || options.value.length === 0) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        's.setCookieSecret(): value must be a non-empty string.',
        "Pass s.setCookieSecret({ global: true, value: '<a long random string>' }).",
      );
    }
    this.#cookieSecrets.set(name, options.value);
    return this;
  }

  /** A cookie secret stored with `setCookieSecret` (`Get-PodeCookieSecret`), or undefined. */
  getCookieSecret(options: CookieSecretOptions): string | undefined {
    return this.#cookieSecrets.get(cookieSecretName('s.getCookieSecret()', options));
  }

  /**
   * Sets the view engine (`Set-PodeViewEngine`): `'html'` (files as they are, the default),
   * `'eta'`, `'pode'`, `'eps'` (EPS templates), `'pshtml'` (PSHTML view scripts), `'md'`, or any
   * type with `render: (path, data) => string`. `watch` re-reads changed views (development).
   */
  setViewEngine(options: ViewEngineOptions): this {
    rejectUnknownKeys('s.setViewEngine()', options, VIEW_ENGINE_KEYS);
    this.#site.setViewEngine(options);
    return this;
  }

  /** Moves a default folder (`Set-PodeDefaultFolder`): `'views'`, `'public'` or `'errors'`, relative to the server root. */
  setDefaultFolder(type: DefaultFolderType, path: string): this {
    this.#site.setDefaultFolder(type, path);
    return this;
  }

  /** Adds a named views folder (`Add-PodeViewFolder`), used with `writeView(path, data, { folder })`. */
  addViewFolder(name: string, path: string): this {
    this.#site.addViewFolder(name, path);
    return this;
  }

  /**
   * Adds a page (`Add-PodePage`): a GET route at `<path>/<name>` rendering `view`, sending
   * `filePath` as HTML, or writing what `fn(e, data)` returns as HTML (objects as a table).
   */
  addPage(options: PageOptions, fn?: PageFunction): this {
    const { route, handler } = pageRoute(options, fn, this.#options.root ?? process.cwd());
    return this.addRoute(route, handler);
  }

  /**
   * Serves the files of the folder `source` under `path` (`Add-PodeStaticRoute`), through the
   * middleware and authentication like any route: ETag, Last-Modified, 304, Range and HEAD;
   * `defaults` for folders, `downloadOnly` for attachments, `fileBrowser` for listings.
   */
  addStaticRoute(path: string, source: string, options: StaticRouteOptions = {}): this {
    checkStaticRouteOptions('s.addStaticRoute()', options);
    const defined = defineStaticRoute(path, source, options, this.#site);
    for (const route of defined.routes) this.addRoute(route, defined.handler);
    if (defined.mount !== undefined) this.#site.mounts.push(defined.mount);
    return this;
  }

  /**
   * A route per function (`ConvertTo-PodeRoute`): `path/module/Verb-Noun`, the method from the
   * verb, the query (GET) or body as the function's parameters, its result as JSON.
   */
  convertToRoute(
    commands: Readonly<Record<string, RouteFunction>>,
    options: ConvertToRouteOptions = {},
  ): this {
    for (const route of functionRoutes(commands, options))
      this.addRoute(route.options, route.handler);
    return this;
  }

  /**
   * Adds routes sharing a path prefix and options (`Add-PodeRouteGroup`): `g` has the
   * route-adding methods with the prefix, middleware, authentication and endpoint applied.
   */
  addRouteGroup(options: RouteGroupOptions, routes: (g: RouteGroup) => void): this {
    checkGroupOptions('s.addRouteGroup()', options, false);
    RouteGroup.run(this, {}, options, routes);
    return this;
  }

  /** Adds static routes sharing a path prefix, a source folder and options (`Add-PodeStaticRouteGroup`). */
  addStaticRouteGroup(options: StaticRouteGroupOptions, routes: (g: RouteGroup) => void): this {
    checkGroupOptions('s.addStaticRouteGroup()', options, true);
    RouteGroup.run(this, {}, options, routes);
    return this;
  }

  /** Pode's `Enable-PodeLogRequestType`: one line per request in Pode's Combined (or Common) format. */
  enableLogRequestType(
    method: LogMethod | readonly LogMethod[],
    options: LogRequestOptions = {},
  ): this {
    this.#logs.enableRequest(method, options);
    return this;
  }

  /** Pode's `Enable-PodeLogErrorType`: request errors and `writeErrorLog` items at the given levels. */
  enableLogErrorType(
    method: LogMethod | readonly LogMethod[],
    options: LogErrorOptions = {},
  ): this {
    this.#logs.enableError(method, options);
    return this;
  }

  /** Pode's `Add-PodeLogType`: a named log written with `writeLog(name, …)`. */
  addLogType(
    name: string,
    method: LogMethod | readonly LogMethod[],
    options: LogTypeOptions = {},
  ): this {
    this.#logs.add(name, method, options);
    return this;
  }

  /** Pode's `Disable-PodeLogRequestType`: no request log. */
  disableLogRequestType(): this {
    this.#logs.types.delete('requests');
    return this;
  }

  /** Pode's `Disable-PodeLogErrorType`: no error log. */
  disableLogErrorType(): this {
    this.#logs.types.delete('errors');
    return this;
  }

  /** Pode's `Remove-PodeLogType`: removes a named log. */
  removeLogType(name: string): this {
    this.#logs.types.delete(name);
    return this;
  }

  /** Pode's `Clear-PodeLogTypes`: removes every log type (request, error and named). */
  clearLogTypes(): this {
    this.#logs.types.clear();
    return this;
  }

  /**
   * Adds a signal route (`Add-PodeSignalRoute`): WebSocket clients connect on `path` (the upgrade
   * request runs the global middleware and `authentication`), and `fn` runs for each message.
   */
  addSignalRoute(path: string, fn: SignalHandler, options?: SignalRouteOptions): this {
    this.#realtimeSettings().addSignalRoute(path, fn, options);
    return this;
  }

  /**
   * Runs `fn` when a WebSocket client connects to or disconnects from `name` (a path, or a name
   * given to `e.toSignalConnection`; a list registers on each) (`Register-PodeSignalEvent`).
   */
  registerSignalEvent(
    name: string | readonly string[],
    type: ConnectionEventType,
    fn: ConnectionEventHandler,
    options?: ConnectionEventOptions,
  ): this {
    this.#realtimeSettings().registerEvent('signal', name, type, fn, options);
    return this;
  }

  /** Runs `fn` when an SSE connection of `name` (or of each name of a list) opens or closes (`Register-PodeSseEvent`). */
  registerSseEvent(
    name: string | readonly string[],
    type: ConnectionEventType,
    fn: ConnectionEventHandler,
    options?: ConnectionEventOptions,
  ): this {
    this.#realtimeSettings().registerEvent('sse', name, type, fn, options);
    return this;
  }

  /**
   * Connects to a WebSocket server when this server starts (`Connect-PodeWebSocket`): `fn` runs
   * for each message it sends; `sendWebSocket({ name, message })` answers. The server does not
   * start when it cannot connect. Use the free `connectWebSocket` to connect later.
   */
  connectWebSocket(
    name: string,
    url: string,
    fn?: WebSocketHandler,
    options?: ConnectWebSocketOptions,
  ): this {
    this.#realtimeSettings().connectWebSocket(name, url, fn, options);
    return this;
  }

  /** How many WebSocket client message handlers run at once (`Set-PodeWebSocketConcurrency`). */
  setWebSocketConcurrency(maximum: number): this {
    this.#realtimeSettings().setWebSocketConcurrency(maximum);
    return this;
  }

  /** Sets what a send to an SSE connection name must name at least (`Set-PodeSseBroadcastLevel`). */
  setSseBroadcastLevel(options: SseBroadcastLevelOptions): this {
    this.#realtimeSettings().setSseBroadcastLevel(options);
    return this;
  }

  /** Limits of WebSockets and SSE, and the Redis client that carries broadcasts across machines. */
  setRealtimeOptions(options: RealtimeOptions): this {
    this.#realtimeSettings().setOptions(options);
    return this;
  }

  /**
   * Adds a TCP verb (`Add-PodeVerb`): `fn` runs for each message on a TCP endpoint that matches
   * `verb` (`HELLO`, `HELLO :name`, or `*` for any other message).
   */
  addVerb(verb: string, fn: VerbHandler, options?: VerbOptions): this;
  /** A verb with no function: `s.addVerb('QUIT', { close: true })`. */
  addVerb(verb: string, options: VerbOptions): this;
  addVerb(verb: string, fn: VerbHandler | VerbOptions, options?: VerbOptions): this {
    if (fn !== null && typeof fn === 'object') this.#tcpSettings().addVerb(verb, undefined, fn);
    else this.#tcpSettings().addVerb(verb, fn, options);
    return this;
  }

  /**
   * Adds a handler (`Add-PodeHandler`): an `'smtp'` one runs for each email received on an SMTP
   * endpoint; a `'service'` one runs every `interval` seconds of a service server.
   */
  addHandler(type: 'smtp', name: string, fn: SmtpHandler, options?: HandlerOptions): this;
  addHandler(type: 'service', name: string, fn: ServiceHandler, options?: HandlerOptions): this;
  addHandler(
    type: HandlerType,
    name: string,
    fn: SmtpHandler | ServiceHandler,
    options?: HandlerOptions,
  ): this {
    this.#tcpSettings().addHandler(type, name, fn, options);
    return this;
  }

  #tcpSettings(): TcpSettings {
    this.#tcp ??= new TcpSettings();
    return this.#tcp;
  }

  #realtimeSettings(): RealtimeSettings {
    this.#realtime ??= new RealtimeSettings();
    return this.#realtime;
  }

  // ---- traffic rules (src/limits/, src/security/) ---------------------------------------------

  /**
   * Adds a rate rule (`Add-PodeLimitRateRule`): at most `limit` requests per `duration` ms for
   * each key its components give (IP, route, method, header, …); past it, 429 with Retry-After.
   * Counted in memory, or in Redis (shared by every process) with `redis`.
   */
  addLimitRateRule(name: string, options: LimitRateRuleOptions): this {
    this.#traffic.addRate(name, options, this.#options.threads ?? 1);
    return this;
  }

  /** Pode's older `Add-PodeLimitRule`: a rate rule on IPs, routes or endpoints per `seconds`. */
  addLimitRule(options: LimitRuleOptions): this {
    this.#traffic.addLegacyRateRule(options, this.#options.threads ?? 1);
    return this;
  }

  /**
   * Adds an access rule (`Add-PodeLimitAccessRule`): allow or deny the requests matching all its
   * components (IPs and subnets, routes, …); denied requests get 403 (or `statusCode`).
   */
  addLimitAccessRule(name: string, options: LimitAccessRuleOptions): this {
    this.#traffic.addAccess(name, options);
    return this;
  }

  /** Pode's older `Add-PodeAccessRule`: allow or deny IP addresses and subnets. */
  addAccessRule(options: {
    access: 'allow' | 'deny';
    type?: 'ip';
    values: string | readonly string[];
  }): this {
    this.#traffic.addLegacyAccessRule(options);
    return this;
  }

  /** Pode's `Set-PodeSecurity`: a safe set of security headers (and open CORS) in one call. */
  setSecurity(options: SecurityOptions): this {
    this.#traffic.security.setSecurity(options);
    return this;
  }

  /** Pode's `Remove-PodeSecurity`: no security headers and no CORS. */
  removeSecurity(): this {
    this.#traffic.security.headers.clear();
    this.#traffic.removeAccessControl();
    return this;
  }

  /** Pode's `Add-PodeSecurityHeader`: a header set on every response; `append` adds to an earlier value. */
  addSecurityHeader(name: string, value: string, options: { append?: boolean } = {}): this {
    rejectUnknownKeys('s.addSecurityHeader()', options, APPEND_KEYS);
    this.#traffic.security.set(name, value, options.append === true);
    return this;
  }

  /** Pode's `Remove-PodeSecurityHeader` (and the other `Remove-PodeSecurity*` cmdlets): removes headers by name. */
  removeSecurityHeader(...names: string[]): this {
    for (const name of names) this.#traffic.security.headers.delete(name);
    return this;
  }

  /** Pode's `Set-PodeSecurityFrameOptions`: X-Frame-Options `DENY` or `SAMEORIGIN`. */
  setSecurityFrameOptions(type: 'deny' | 'sameorigin'): this {
    this.#traffic.security.setFrameOptions(type);
    return this;
  }

  /** Pode's `Set-PodeSecurityContentTypeOptions`: X-Content-Type-Options `nosniff`. */
  setSecurityContentTypeOptions(): this {
    this.#traffic.security.set('X-Content-Type-Options', 'nosniff');
    return this;
  }

  /** Pode's `Set-PodeSecurityReferrerPolicy`: Referrer-Policy (`no-referrer`, `strict-origin`, …). */
  setSecurityReferrerPolicy(type: string): this {
    this.#traffic.security.setReferrerPolicy(type);
    return this;
  }

  /** Pode's `Set-PodeSecurityStrictTransportSecurity`: HSTS for `duration` seconds (default a year). */
  setSecurityStrictTransportSecurity(
    options: { duration?: number; includeSubDomains?: boolean } = {},
  ): this {
    rejectUnknownKeys(
      's.setSecurityStrictTransportSecurity()',
      options,
      new Set(['duration', 'includeSubDomains']),
    );
    this.#traffic.security.setStrictTransportSecurity(
      options.duration,
      options.includeSubDomains === true,
    );
    return this;
  }

  /** Pode's `Set-PodeSecurityContentSecurityPolicy`: Content-Security-Policy (and X-XSS-Protection). */
  setSecurityContentSecurityPolicy(options: ContentSecurityPolicyOptions): this {
    this.#traffic.security.setContentSecurityPolicy(options);
    return this;
  }

  /** Pode's `Add-PodeSecurityContentSecurityPolicy`: adds sources to the policy set before. */
  addSecurityContentSecurityPolicy(options: ContentSecurityPolicyOptions): this {
    this.#traffic.security.setContentSecurityPolicy(options, true);
    return this;
  }

  /** Pode's `Set-PodeSecurityPermissionsPolicy`: Permissions-Policy. */
  setSecurityPermissionsPolicy(options: PermissionsPolicyOptions): this {
    this.#traffic.security.setPermissionsPolicy(options);
    return this;
  }

  /** Pode's `Set-PodeSecurityCrossOrigin`: the Cross-Origin-Embedder/Opener/Resource-Policy headers. */
  setSecurityCrossOrigin(options: { embed?: string; open?: string; resource?: string }): this {
    this.#traffic.security.setCrossOrigin(options);
    return this;
  }

  /**
   * Pode's `Set-PodeSecurityAccessControl`: CORS. Allowed origins are echoed with `Vary: Origin`,
   * preflights get the methods, headers and max-age; `withOptions` answers them on every path.
   */
  setSecurityAccessControl(options: AccessControlOptions): this {
    this.#traffic.setAccessControl(options);
    return this;
  }

  /** Pode's `Remove-PodeSecurityAccessControl`: no CORS headers. */
  removeSecurityAccessControl(): this {
    this.#traffic.removeAccessControl();
    return this;
  }

  /**
   * Compresses responses (Pode's `Web.Compression.Enable` setting): bodies of `threshold` bytes
   * or more and of a text-like type, with brotli, gzip or deflate by Accept-Encoding.
   */
  enableCompression(options: CompressionOptions = {}): this {
    this.#traffic.enableCompression(options);
    return this;
  }

  /**
   * Adds a timer (`Add-PodeTimer`): `fn(event, ...args)` every `interval` seconds, in one
   * process of the server. Its errors are logged and it keeps running.
   */
  addTimer(
    name: string,
    options: TimerOptions,
    fn: TimerFunction,
    args: readonly unknown[] = [],
  ): this {
    this.#background.timers.add(name, options, fn, args);
    return this;
  }

  /**
   * Adds a file watcher (`Add-PodeFileWatcher`): `fn(event, ...args)` for each file created,
   * changed, deleted or renamed under `path` whose relative name matches `include` (see docs/background.md).
   */
  addFileWatcher(options: FileWatcherOptions, fn: FileWatcherFunction): this {
    this.#background.fileWatchers.add(options, fn);
    return this;
  }

  /**
   * Adds a schedule (`Add-PodeSchedule`): `fn(event, args)` at the times of one or more cron
   * expressions, once per tick for the whole server (and across machines sharing Redis state).
   */
  addSchedule(
    name: string,
    cron: string | readonly string[],
    fn: ScheduleFunction,
    options: ScheduleOptions = {},
  ): this {
    this.#background.schedules.add(name, cron, fn, options);
    return this;
  }

  /** Adds a task (`Add-PodeTask`), run with `invokeTask(name, args)` wherever it is invoked. */
  addTask(name: string, fn: TaskFunction, options: TaskOptions = {}): this {
    this.#background.tasks.add(name, fn, options);
    return this;
  }

  /** At most `max` schedule runs at once (`Set-PodeScheduleConcurrency`); more wait their turn. */
  setScheduleConcurrency(max: number): this {
    this.#background.schedules.setConcurrency(max);
    return this;
  }

  /** At most `max` task attempts at once (`Set-PodeTaskConcurrency`); more wait their turn. */
  setTaskConcurrency(max: number): this {
    this.#background.tasks.setConcurrency(max);
    return this;
  }

  /**
   * Keeps the server's shared state, named locks and schedule ticks in this store (a
   * `RedisStateStore` from `pode-ts/redis`) instead of the server's memory. Call it before any
   * `setState` of the set-up.
   */
  useStateStore(store: StateStore): this {
    const valid =
      store !== null &&
      typeof store === 'object' &&
      ['get', 'set', 'remove', 'list', 'entries', 'replace', 'lock', 'claim', 'close'].every(
        (method) => typeof (store as unknown as Record<string, unknown>)[method] === 'function',
      );
    if (!valid) {
      throw setupError(
        ErrorCodes.STATE,
        's.useStateStore() needs a state store, such as new RedisStateStore({ client }) from pode-ts/redis.',
      );
    }
    this.#background.useStore(store);
    return this;
  }

  // ---- Cache and secrets (src/cache/, src/secrets/, docs/caching.md, docs/secrets.md) --------

  /** Adds a custom cache storage: get, set, remove, test, clear (`Add-PodeCacheStorage`). */
  addCacheStorage(options: CacheStorageOptions): this {
    this.#cache.addStorage(options);
    return this;
  }

  /** Sets the cache's default TTL in seconds (`Set-PodeCacheDefaultTtl`; 0 or less is ignored). */
  setCacheDefaultTtl(value: number): this {
    if (typeof value !== 'number' || Number.isNaN(value))
      throw this.#cache.error(
        `s.setCacheDefaultTtl() needs a number of seconds, but got: ${String(value)}`,
      );
    if (value > 0) this.#cache.defaultTtl = value;
    return this;
  }

  /** Makes a storage the cache's default (`Set-PodeCacheDefaultStorage`); it must be added by the end of the set-up. */
  setCacheDefaultStorage(name: string): this {
    this.#cache.defaultStorage = name;
    return this;
  }

  /** Registers a secret vault: `custom` functions or the `local` file (`Register-PodeSecretVault`). */
  registerSecretVault(options: SecretVaultOptions): this {
    this.#secrets.register(options);
    return this;
  }

  /** Mounts a vault's secret under a name read by `getSecret(name)` (`Mount-PodeSecret`). */
  mountSecret(options: MountSecretOptions): this {
    this.#secrets.mount(options);
    return this;
  }

  // ---- OpenAPI (src/openapi/, docs/openapi.md) ----------------------------------------------

  #oa(): OpenApiSettings {
    this.#openapi ??= new OpenApiSettings();
    return this.#openapi;
  }

  /** Serves an OpenAPI document of the routes at `path` (JSON) and `path.yaml` (`Enable-PodeOpenApi`). */
  enableOpenApi(options: OpenApiOptions): this {
    this.#oa().enable(options);
    return this;
  }

  /** Sets the document's info: title, version, description, terms, license, contact (`Add-PodeOAInfo`). */
  addOAInfo(options: OAInfoOptions): this {
    this.#oa().addInfo(options);
    return this;
  }

  /** Adds a server URL to the document (`Add-PodeOAServerEndpoint`). */
  addOAServerEndpoint(options: { url: string; description?: string } & OADefinitionOption): this {
    for (const definition of this.#oa().pick(
      's.addOAServerEndpoint()',
      options?.definitionTag,
      true,
    )) {
      const { definitionTag: _, ...server } = options;
      definition.servers.push(server);
    }
    return this;
  }

  /** Describes a tag routes name in `openapi.tags` (`Add-PodeOATag`). */
  addOATag(
    options: {
      name: string;
      description?: string;
      externalDocs?: OAExternalDoc;
    } & OADefinitionOption,
  ): this {
    for (const definition of this.#oa().pick('s.addOATag()', options?.definitionTag, true)) {
      const { definitionTag: _, ...tag } = options;
      definition.tags.set(tag.name, tag);
    }
    return this;
  }

  /**
   * Sets the document's external documentation link (`Add-PodeOAExternalDoc`): `{ url, description }`,
   * or `{ externalDoc }` made by `newOAExternalDoc` (Pode's piped `-ExternalDoc`).
   */
  addOAExternalDoc(
    options: (OAExternalDoc | { externalDoc: OAExternalDoc }) & OADefinitionOption,
  ): this {
    for (const definition of this.#oa().pick(
      's.addOAExternalDoc()',
      options?.definitionTag,
      true,
    )) {
      const { definitionTag: _, ...given } = options;
      definition.externalDocs = newOAExternalDoc(
        'externalDoc' in given ? given.externalDoc : (given as OAExternalDoc),
      );
    }
    return this;
  }

  /** Adds a reusable schema, referenced by name (`Add-PodeOAComponentSchema`). */
  addOAComponentSchema(
    name: string,
    schema: OAProperty | OASchema,
    options: OADefinitionOption = {},
  ): this {
    this.#oa().addComponent(
      's.addOAComponentSchema()',
      'schemas',
      name,
      schema,
      options.definitionTag,
    );
    return this;
  }

  /** Adds a reusable response, used with `{ reference: name }` (`Add-PodeOAComponentResponse`). */
  addOAComponentResponse(
    name: string,
    response: OAResponse,
    options: OADefinitionOption = {},
  ): this {
    this.#oa().addComponent(
      's.addOAComponentResponse()',
      'responses',
      name,
      response,
      options.definitionTag,
    );
    return this;
  }

  /** Adds a reusable request body, used with `{ reference: name }` (`Add-PodeOAComponentRequestBody`). */
  addOAComponentRequestBody(
    name: string,
    body: OARequestBody,
    options: OADefinitionOption = {},
  ): this {
    this.#oa().addComponent(
      's.addOAComponentRequestBody()',
      'requestBodies',
      name,
      body,
      options.definitionTag,
    );
    return this;
  }

  /** Adds a reusable parameter (`Add-PodeOAComponentParameter`). */
  addOAComponentParameter(
    name: string,
    parameter: OAParameter,
    options: OADefinitionOption = {},
  ): this {
    this.#oa().addComponent(
      's.addOAComponentParameter()',
      'parameters',
      name,
      parameter,
      options.definitionTag,
    );
    return this;
  }

  /** Sets summary, description, operationId, tags, deprecated of a route already added (`Set-PodeOARouteInfo`). */
  setOARouteInfo(
    route: OARouteRef,
    info: Pick<
      RouteOpenApi,
      'summary' | 'description' | 'operationId' | 'tags' | 'deprecated' | 'externalDocs'
    >,
  ): this {
    this.#oa().describe(route, info);
    return this;
  }

  /**
   * Adds a response to a route's description (`Add-PodeOAResponse`); without a description it
   * is the status code's text (`404` → `'Not Found'`), as in Pode.
   */
  addOAResponse(
    route: OARouteRef,
    statusCode: number | 'default',
    response: OAResponse | { description?: string; content?: OAContent } = {},
  ): this {
    const described =
      'reference' in response || typeof response.description === 'string'
        ? (response as OAResponse)
        : { ...response, description: statusDescription(statusCode) };
    this.#oa().describe(route, { responses: { [String(statusCode)]: described } });
    return this;
  }

  /** Sets a route's parameters (one or a list) and request body (`Set-PodeOARequest`). */
  setOARequest(
    route: OARouteRef,
    request: {
      parameters?: OAParameter | OAParameterRef | readonly (OAParameter | OAParameterRef)[];
      requestBody?: OARequestBody;
    },
  ): this {
    const { parameters, ...rest } = request ?? {};
    this.#oa().describe(
      route,
      parameters === undefined
        ? rest
        : { ...rest, parameters: Array.isArray(parameters) ? parameters : [parameters] },
    );
    return this;
  }

  /**
   * Adds an OpenAPI 3.1 webhook, an operation the API calls rather than serves
   * (`Add-PodeOAWebhook`); describe it with `{ method, webhook: name }` in `setOARouteInfo`,
   * `setOARequest` and `addOAResponse`.
   */
  addOAWebhook(name: string, options: { method: string } & OADefinitionOption): this {
    this.#oa().addWebhook(name, options?.method, options?.definitionTag);
    return this;
  }

  /**
   * Routes and OpenAPI set-up calls inside `fn` belong to the definition `tag`, or to each of
   * several (`Select-PodeOADefinition -Tag 'v1', 'v2'`); several must all be enabled already.
   */
  selectOADefinition(tag: string | readonly string[], fn: () => void): this {
    const settings = this.#oa();
    if (typeof tag !== 'string') {
      if (!Array.isArray(tag) || tag.length === 0 || tag.some((t) => typeof t !== 'string'))
        throw setupError(
          ErrorCodes.BAD_OPTION,
          `s.selectOADefinition(): tag must be a definition tag or a list of them, but got: ${JSON.stringify(tag)}`,
        );
      settings.pick('s.selectOADefinition()', tag);
      if (tag.length === 1) tag = tag[0] as string;
    }
    const [outer, outerSelected] = [this.#oaSelecting, settings.selected];
    // Routes added inside belong to `tag`; set-up calls without definitionTag apply to it.
    this.#oaSelecting = tag;
    settings.selected = tag;
    try {
      fn();
    } finally {
      this.#oaSelecting = outer;
      settings.selected = outerSelected;
    }
    return this;
  }

  /** Serves a viewer of the document at `path`, from its npm package (`Enable-PodeOAViewer`). */
  enableOAViewer(options: OAViewerOptions): this {
    const settings = this.#oa();
    const [definition] = settings.pick('s.enableOAViewer()', options?.definitionTag);
    const viewer = defineViewer(
      options,
      definition.path,
      String(definition.info.title),
      definition.openApiVersion,
    );
    definition.viewers.push({ type: viewer.type, path: viewer.path });
    if (viewer.missing !== undefined) this.#warnings.push(viewer.missing);
    // The bookmarks list every viewer of the definition, also those enabled after it.
    const html = () =>
      viewer.type === 'bookmarks' ? bookmarksPage(viewer, definition.viewers) : viewer.html;
    // bound where the definition is served, unless the viewer names its own endpoints
    const endpointName = options.endpointName ?? definition.endpointName;
    const binding = endpointName === undefined ? {} : { endpointName };
    this.addRoute({ method: 'GET', path: viewer.path, ...binding }, (e) => {
      e.addHeader('Content-Security-Policy', VIEWER_CSP);
      e.writeHtml(html(), viewer.missing === undefined ? undefined : { statusCode: 503 });
    });
    if (viewer.distPath !== undefined && viewer.distFolder !== undefined) {
      // a static route binds one endpoint: one per name
      const names = endpointName === undefined ? [undefined] : [endpointName].flat();
      for (const name of names)
        this.addStaticRoute(
          viewer.distPath,
          viewer.distFolder,
          name === undefined ? {} : { endpointName: name },
        );
      settings.ownPaths.add(viewer.distPath);
    }
    settings.ownPaths.add(viewer.path);
    return this;
  }

  #addInbuilt(name: string, run: Middleware): void {
    const existing = this.#middleware.find((middleware) => middleware.name === name);
    if (existing !== undefined) return; // the user's replacement stays
    this.#middleware.push({ name, run, filter: undefined, inbuilt: true });
  }

  /** @internal Everything collected, validated and compiled. */
  build(): BuiltServer {
    const interval = this.#options.interval ?? 0;
    const tcp =
      this.#tcp !== undefined || interval > 0
        ? this.#tcpSettings().build(
            interval,
            this.#endpoints.map((endpoint) => endpoint.name),
            (warning) => this.#warnings.push(warning),
          )
        : undefined;
    if (tcp !== undefined && this.#access.size > 0) tcp.access = this.#access;
    if (interval > 0 && this.#endpoints.length + (this.#tcp?.endpoints.length ?? 0) > 0) {
      // Pode's service server (Start-PodeServer -Interval) opens none of its endpoints.
      this.#warnings.push(
        'A service server (interval) does not listen: its endpoints are not opened.',
      );
      this.#endpoints.length = 0;
    }
    // No endpoint: Pode keeps a server open for its timers, schedules and file watchers, and runs
    // a set-up with nothing to serve or run once (a one-off script). Routes need an endpoint.
    let runOnce = false;
    if (this.#endpoints.length === 0 && (tcp?.endpoints.length ?? 0) === 0 && interval === 0) {
      if (this.#routes.size > 0 || (this.#realtime?.routeCount ?? 0) > 0) {
        throw setupError(
          ErrorCodes.NO_ENDPOINT,
          'No endpoint was added.',
          "Call s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' }) in the set-up function.",
        );
      }
      runOnce = !this.#background.used;
    }
    const validation =
      this.#openapi === undefined
        ? undefined
        : installOpenApi(this.#openapi, [...this.#routes.values()], (path, handler, endpointName) =>
            this.addRoute(
              endpointName === undefined
                ? { method: 'GET', path }
                : { method: 'GET', path, endpointName },
              handler,
            ),
          );
    const routerEntries = new Map<string, RouterEntry<CompiledRoute>[]>();
    for (const endpoint of this.#endpoints) routerEntries.set(endpoint.name, []);
    const bound = new Set<string>();
    const redirecting = new Set(
      this.#endpoints.filter((e) => e.redirectTo !== undefined).map((e) => e.name),
    );
    // Routes bound to an endpoint first, so they win over an unbound route with the same method and path.
    const definitions = [...this.#routes.values()].sort(
      (a, b) =>
        Number(b.info.endpointName !== undefined) - Number(a.info.endpointName !== undefined),
    );
    const traffic = this.#traffic.build([
      ...new Set(definitions.map((definition) => definition.info.method)),
    ]);
    const globalMiddleware =
      traffic.middleware.length === 0
        ? this.#middleware
        : [...traffic.middleware, ...this.#middleware];
    for (const definition of definitions) {
      const { info } = definition;
      if (info.endpointName !== undefined && !routerEntries.has(info.endpointName)) {
        throw setupError(
          ErrorCodes.BAD_ROUTE,
          `[${info.method}] ${info.path}: No endpoint named '${info.endpointName}' exists.`,
          `Endpoint names are: ${[...routerEntries.keys()].join(', ')}.`,
        );
      }
      const authMiddleware = this.#auth.middlewareFor(info, this.#sessions?.settings);
      const accessMiddleware = this.#access.middlewareFor(info);
      if (this.#access.size > 0) bindAccessRegistry(info, this.#access);
      if (this.#auth.size > 0) bindAuthRegistry(info, this.#auth);
      if (this.#mcp !== undefined) bindMcpRegistry(info, this.#mcp);
      const compiled = compileRoute(
        info,
        globalMiddleware,
        [
          ...authMiddleware,
          ...accessMiddleware,
          ...validationMiddleware(validation, info),
          ...definition.middleware,
        ],
        definition.handler,
      );
      for (const [endpointName, entries] of routerEntries) {
        if (info.endpointName !== undefined && info.endpointName !== endpointName) continue;
        // A redirecting endpoint answers every request with its redirect (Pode checks `*` routes first).
        if (info.endpointName === undefined && redirecting.has(endpointName)) continue;
        const key = `${endpointName}\u0000${info.method}\u0000${routeKey(info.path)}`;
        if (bound.has(key)) continue;
        bound.add(key);
        entries.push({ method: info.method, path: info.path, value: compiled });
      }
    }
    const wsEndpoint = this.#endpoints.some(
      (e) => e.protocol === 'ws' || e.protocol === 'wss' || e.noAutoUpgradeWebSockets === true,
    );
    const realtime =
      this.#realtime === undefined && wsEndpoint ? new RealtimeSettings() : this.#realtime;
    const builtRealtime = realtime?.build(
      this.#endpoints,
      (info, handler) =>
        compileRoute(
          info,
          this.#middleware,
          this.#auth.middlewareFor(info, this.#sessions?.settings),
          handler,
        ),
      this.#options.asyncContext !== false,
    );
    const site = this.#site.build();
    this.#cache.build();
    this.#secrets.build();
    // Pode's public folder: files served at `/` for GET and HEAD paths no route matches, before
    // (and without) user middleware, as Pode's inbuilt static-content middleware does.
    const publicHandler = site.public === undefined ? undefined : publicRoute(site.public, site);
    return {
      endpoints: this.#endpoints.map((endpoint) => ({
        ...endpoint,
        router: new Router(routerEntries.get(endpoint.name)!),
      })),
      endware: this.#endware,
      cookieSecrets: this.#cookieSecrets,
      sessions: this.#sessions,
      warnings: this.#warnings,
      site,
      logs: this.#logs.types.size === 0 ? undefined : this.#logs,
      background: this.#background,
      secrets: this.#secrets,
      realtime: builtRealtime,
      fallback:
        publicHandler === undefined
          ? undefined
          : compileRoute(publicHandler.info, traffic.middleware, [], publicHandler.handler),
      miss:
        traffic.middleware.length === 0
          ? undefined
          : compileRoute(MISS_ROUTE, traffic.middleware, [], undefined),
      compressor: traffic.compressor,
      tcp,
      runOnce,
    };
  }
}

/** @internal What `build()` hands to the server. */
export interface BuiltServer {
  endpoints: (EndpointSettings & { router: Router<CompiledRoute> })[];
  /** Pode's cookie secrets by name (`'global'` for the global one). */
  cookieSecrets: ReadonlyMap<string, string>;
  endware: readonly Endware[];
  sessions: SessionSetup | undefined;
  /** Set-up that works but should be looked at, logged once at start-up. */
  warnings: readonly string[];
  /** Views, folders and static routes, for the events. */
  site: SiteContext;
  /** The public folder's route, run for GET and HEAD requests no route matches. */
  fallback: CompiledRoute | undefined;
  /** Pode's log types, when any is set up. */
  logs: LogSettings | undefined;
  /** Timers, schedules, tasks and the state store. */
  background: Background;
  /** Secret vaults: awaited before listening, unregistered at stop. */
  secrets: SecretVaults;
  /** Signal routes, connection events and real-time limits, when any is set up (or a ws endpoint). */
  realtime: BuiltRealtime | undefined;
  /** The traffic middleware (CORS, security headers, limit rules) for requests no route matched. */
  miss: CompiledRoute | undefined;
  /** Response compression, when enabled. */
  compressor: Compressor | undefined;
  /** TCP and SMTP endpoints, verbs and handlers, or a service loop, when any is set up. */
  tcp: BuiltTcp | undefined;
  /**
   * No endpoint, route, timer, schedule, file watcher or service: the set-up was the whole job
   * (Pode's one-off script), so the server stops as soon as it has started.
   */
  runOnce: boolean;
}

// The info of the steps run for a request no route matched (never seen by user code: the event's route stays undefined).
const MISS_ROUTE: RouteInfo = {
  method: '*',
  path: '/*',
  endpointName: undefined,
  contentType: undefined,
  errorContentType: undefined,
  authentication: undefined,
  login: false,
  logout: false,
  allowAnon: false,
  strictAuthentication: false,
};

function validationMiddleware(
  validation: Map<RouteInfo, Middleware> | undefined,
  info: RouteInfo,
): Middleware[] {
  const check = validation?.get(info);
  return check === undefined ? [] : [check];
}

function validatePath(path: unknown): string {
  if (typeof path !== 'string' || !path.startsWith('/')) {
    throw setupError(
      ErrorCodes.BAD_ROUTE,
      `A route path must be a string starting with '/', but got: ${JSON.stringify(path)}`,
    );
  }
  return cleanRoutePath(path);
}

function normaliseMethods(method: unknown, path: string): string[] {
  const list = Array.isArray(method) ? method : [method];
  if (list.length === 0)
    throw setupError(ErrorCodes.BAD_ROUTE, `${path}: A route needs at least one method.`);
  return list.map((value) => {
    const upper = typeof value === 'string' ? value.toUpperCase() : '';
    if (upper !== '*' && !METHODS.has(upper)) {
      throw setupError(
        ErrorCodes.BAD_ROUTE,
        `${path}: Unknown HTTP method: ${String(value)}`,
        `Use one of ${[...METHODS].join(', ')}, or '*' for all.`,
      );
    }
    return upper;
  });
}

function middlewareFilter(route: string | undefined): RouteFilter | undefined {
  if (route === undefined || route === '/' || route === '*' || route === '/*') return undefined;
  if (typeof route !== 'string' || !route.startsWith('/')) {
    throw setupError(
      ErrorCodes.BAD_ROUTE,
      `A middleware route must be a path starting with '/', but got: ${JSON.stringify(route)}`,
    );
  }
  return compileRouteFilter(route);
}

// The route's access names and values, checked once; undefined when it has none.
function routeAccess(options: RouteOptions, where: string): RouteAccess | undefined {
  const { access, role, group, scope, user, customAccess } = options;
  if (
    access === undefined &&
    role === undefined &&
    group === undefined &&
    scope === undefined &&
    user === undefined &&
    customAccess === undefined
  ) {
    return undefined;
  }
  const names = access === undefined ? [] : Array.isArray(access) ? [...access] : [access];
  if (names.some((name) => typeof name !== 'string' || name.length === 0)) {
    throw setupError(
      ErrorCodes.BAD_ROUTE,
      `${where}: access must be the name of an access method, or an array of names.`,
    );
  }
  const list = (key: 'role' | 'group' | 'scope' | 'user'): readonly string[] | undefined => {
    const value = options[key];
    if (value === undefined) return undefined;
    const values = Array.isArray(value) ? value : [value];
    if (values.some((item) => typeof item !== 'string')) {
      throw setupError(
        ErrorCodes.BAD_ROUTE,
        `${where}: ${key} must be a string or an array of strings.`,
      );
    }
    return values as string[];
  };
  if (customAccess !== undefined && (customAccess === null || typeof customAccess !== 'object')) {
    throw setupError(
      ErrorCodes.BAD_ROUTE,
      `${where}: customAccess must be an object of values by access method name.`,
      "Pass customAccess: { Country: [{ Country: 'UK' }] }.",
    );
  }
  const custom =
    customAccess === undefined
      ? undefined
      : Object.fromEntries(
          Object.entries(customAccess).map(([name, value]) => [
            name,
            Array.isArray(value) ? [...value] : [value],
          ]),
        );
  return {
    names,
    role: list('role'),
    group: list('group'),
    scope: list('scope'),
    user: list('user'),
    ...(custom === undefined ? {} : { custom }),
  };
}

/** Two endpoints of the same kind (http/https, or ws/wss) for `default`. */
function sameType(a: EndpointSettings, b: EndpointSettings): boolean {
  const kind = (e: EndpointSettings) =>
    e.protocol === 'ws' || e.protocol === 'wss' ? 'ws' : 'http';
  return kind(a) === kind(b);
}
