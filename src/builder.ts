/**
 * The builder `s` handed to the set-up function: Pode's `Add-Pode*` cmdlets as methods. It collects
 * endpoints, routes, middleware, endware, sessions, authentication and CSRF, validates each call at
 * once, and compiles every route's pipeline in `build()`.
 */
import {
  type AuthOptions,
  AuthRegistry,
  type AuthSessionOptions,
  type AuthValidator,
} from './auth/registry.js';
import type { AuthScheme } from './auth/schemes.js';
import { BODY_PARSING, bodyParsingMiddleware } from './body.js';
import { CSRF, type CsrfOptions, createCsrfMiddleware } from './csrf.js';
import { ErrorCodes, setupError } from './errors.js';
import type { BodyEncoding } from './formats/decode.js';
import {
  type LogErrorOptions,
  type LogRequestOptions,
  LogSettings,
  type LogTypeOptions,
} from './logging/logs.js';
import type { LogMethod } from './logging/methods.js';
import { installOpenApi } from './openapi/install.js';
import {
  type OADefinitionOption,
  type OAInfoOptions,
  type OpenApiOptions,
  OpenApiSettings,
  ROUTE_OPENAPI_KEYS,
} from './openapi/settings.js';
import type {
  OAExternalDoc,
  OAParameter,
  OAProperty,
  OARequestBody,
  OAResponse,
  OARouteRef,
  OASchema,
  RouteOpenApi,
} from './openapi/types.js';
import { defineViewer, type OAViewerOptions, VIEWER_CSP } from './openapi/viewer.js';
import { optionKeys, rejectUnknownKeys } from './option-keys.js';
import {
  type CompiledRoute,
  compileRoute,
  type Endware,
  type Middleware,
  type MiddlewareEntry,
  type RouteHandler,
} from './pipeline.js';
import { compileRouteFilter, type RouteFilter } from './route-filter.js';
import {
  checkGroupOptions,
  RouteGroup,
  type RouteGroupOptions,
  type StaticRouteGroupOptions,
} from './route-groups.js';
import { cleanRoutePath, Router, type RouterEntry, routeKey } from './router.js';
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
import { sharedSessionSecret } from './threads.js';
import type { EndpointInfo, RequestData, RouteInfo } from './types.js';
import type { ViewEngineOptions } from './views/engine.js';

/** `s.addEndpoint` options. */
export interface EndpointOptions {
  /** Default `'localhost'`; `'*'` for every interface. */
  address?: string;
  /** Default 8080; 0 picks a free port. */
  port?: number;
  /** Default `'http'`. */
  protocol?: 'http' | 'https';
  /** A name routes can bind to with `endpointName`. Default `'<protocol>:<address>:<port>'`. */
  name?: string;
  /** Key and certificate (PEM) for https. */
  tls?: { key: string | Buffer; cert: string | Buffer; passphrase?: string };
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
  /** Bind the route to one endpoint by name. */
  endpointName?: string;
  /** Parse the body as this type whatever the request says. */
  contentType?: string;
  /** The type of error pages on this route (`application/json` for JSON pages). */
  errorContentType?: string;
  /** Decode every request body of this route with this coding, whatever its headers say (Pode's `-TransferEncoding`). */
  transferEncoding?: BodyEncoding;
  /** What to do when the method and path are already defined. Default `'error'`. */
  ifExists?: 'error' | 'skip' | 'overwrite';
  /** The route's OpenAPI description (see docs/openapi.md). */
  openapi?: RouteOpenApi;
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

/** The builder passed to the set-up function: Pode's `Add-Pode*` cmdlets as methods. */
export class ServerBuilder {
  readonly #options: ServerOptions;
  readonly #endpoints: (EndpointInfo & { tls?: EndpointOptions['tls'] })[] = [];
  readonly #routes = new Map<string, RouteDefinition>();
  readonly #middleware: (MiddlewareEntry & { inbuilt: boolean })[] = [];
  readonly #endware: Endware[] = [];
  readonly #warnings: string[] = [];
  #sessions: SessionSetup | undefined;
  readonly #auth = new AuthRegistry();
  #csrf = false;
  readonly #site: SiteSettings;
  readonly #logs = new LogSettings();
  #openapi: OpenApiSettings | undefined;
  #oaSelecting: string | undefined;

  /** @internal */
  constructor(options: ServerOptions) {
    this.#options = options;
    this.#site = new SiteSettings(options.root);
    this.#addInbuilt(BODY_PARSING, bodyParsingMiddleware(options.bodyLimit ?? DEFAULT_BODY_LIMIT));
  }

  /** Adds an endpoint to listen on (`Add-PodeEndpoint`). */
  addEndpoint(options: EndpointOptions = {}): this {
    rejectUnknownKeys('s.addEndpoint()', options, ENDPOINT_KEYS);
    rejectUnknownKeys('s.addEndpoint() tls', options?.tls, TLS_KEYS);
    const protocol = options.protocol ?? 'http';
    if (protocol !== 'http' && protocol !== 'https') {
      throw setupError(
        ErrorCodes.BAD_ENDPOINT,
        `Endpoint protocol must be 'http' or 'https', but got: ${String(protocol)}`,
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
    if (
      protocol === 'https' &&
      (options.tls?.key === undefined || options.tls.cert === undefined)
    ) {
      throw setupError(
        ErrorCodes.BAD_ENDPOINT,
        'An https endpoint needs tls: { key, cert }.',
        'Pass the PEM private key and certificate as strings or buffers.',
      );
    }
    const name = options.name ?? `${protocol}:${address}:${port}`;
    if (this.#endpoints.some((endpoint) => endpoint.name === name)) {
      throw setupError(
        ErrorCodes.BAD_ENDPOINT,
        `An endpoint named '${name}' already exists.`,
        'Give each endpoint its own name.',
      );
    }
    this.#endpoints.push({ address, port, protocol, name, tls: options.tls });
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
      const key = `${options.endpointName ?? ''}\u0000${method}\u0000${routeKey(path)}`;
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
          endpointName: options.endpointName,
          contentType: options.contentType?.toLowerCase(),
          errorContentType: options.errorContentType,
          authentication: options.authentication,
          login: options.login === true,
          logout: options.logout === true,
          allowAnon: options.allowAnon === true,
          ...(transferEncoding === undefined ? {} : { transferEncoding }),
          strictAuthentication: options.strictAuthentication === true,
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
    return this;
  }

  /** Adds an authentication that passes only when the session holds a logged-in user (`Add-PodeAuthSession`). */
  addAuthSession(name: string, options: AuthSessionOptions = {}): this {
    this.#auth.addSession(name, options, this.#sessions !== undefined);
    return this;
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
    this.#addInbuilt(CSRF, createCsrfMiddleware(options, this.#sessions !== undefined));
    this.#csrf = true;
    return this;
  }

  /**
   * Sets the view engine (`Set-PodeViewEngine`): `'html'` (files as they are, the default),
   * `'eta'`, `'pode'`, or any type with `render: (path, data) => string`. `watch` re-reads
   * changed views (development).
   */
  setViewEngine(options: ViewEngineOptions): this {
    rejectUnknownKeys('s.setViewEngine()', options, VIEW_ENGINE_KEYS);
    this.#site.setViewEngine(options);
    return this;
  }

  /** Moves a default folder (`Set-PodeDefaultFolder`): `'views'` or `'public'`, relative to the server root. */
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
   * Serves the files of the folder `source` under `path` (`Add-PodeStaticRoute`), through the
   * middleware and authentication like any route: ETag, Last-Modified, 304, Range and HEAD;
   * `defaults` for folders, `downloadOnly` for attachments, `fileBrowser` for listings.
   */
  addStaticRoute(path: string, source: string, options: StaticRouteOptions = {}): this {
    checkStaticRouteOptions('s.addStaticRoute()', options);
    const defined = defineStaticRoute(path, source, options, this.#site);
    for (const route of defined.routes) this.addRoute(route, defined.handler);
    this.#site.mounts.push(defined.mount);
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
    for (const definition of this.#oa().pick('s.addOAServerEndpoint()', options?.definitionTag)) {
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
    for (const definition of this.#oa().pick('s.addOATag()', options?.definitionTag)) {
      const { definitionTag: _, ...tag } = options;
      definition.tags.set(tag.name, tag);
    }
    return this;
  }

  /** Sets the document's external documentation link (`Add-PodeOAExternalDoc`). */
  addOAExternalDoc(options: OAExternalDoc & OADefinitionOption): this {
    for (const definition of this.#oa().pick('s.addOAExternalDoc()', options?.definitionTag)) {
      const { definitionTag: _, ...doc } = options;
      definition.externalDocs = doc;
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

  /** Adds a response to a route's description (`Add-PodeOAResponse`). */
  addOAResponse(route: OARouteRef, statusCode: number | 'default', response: OAResponse): this {
    this.#oa().describe(route, { responses: { [String(statusCode)]: response } });
    return this;
  }

  /** Sets a route's parameters and request body (`Set-PodeOARequest`). */
  setOARequest(
    route: OARouteRef,
    request: { parameters?: readonly OAParameter[]; requestBody?: OARequestBody },
  ): this {
    this.#oa().describe(route, request);
    return this;
  }

  /** Routes and OpenAPI set-up calls inside `fn` belong to the definition `tag` (`Select-PodeOADefinition`). */
  selectOADefinition(tag: string, fn: () => void): this {
    const settings = this.#oa();
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
    const viewer = defineViewer(options, definition.path, String(definition.info.title));
    this.addRoute({ method: 'GET', path: viewer.path }, (e) => {
      e.addHeader('Content-Security-Policy', VIEWER_CSP);
      e.writeHtml(viewer.html);
    });
    this.addStaticRoute(viewer.distPath, viewer.distFolder);
    settings.ownPaths.add(viewer.path);
    settings.ownPaths.add(viewer.distPath);
    return this;
  }

  #addInbuilt(name: string, run: Middleware): void {
    const existing = this.#middleware.find((middleware) => middleware.name === name);
    if (existing !== undefined) return; // the user's replacement stays
    this.#middleware.push({ name, run, filter: undefined, inbuilt: true });
  }

  /** @internal Everything collected, validated and compiled. */
  build(): BuiltServer {
    if (this.#endpoints.length === 0) {
      throw setupError(
        ErrorCodes.NO_ENDPOINT,
        'No endpoint was added.',
        "Call s.addEndpoint({ address: 'localhost', port: 8080, protocol: 'http' }) in the set-up function.",
      );
    }
    const validation =
      this.#openapi === undefined
        ? undefined
        : installOpenApi(this.#openapi, [...this.#routes.values()], (path, handler) =>
            this.addRoute({ method: 'GET', path }, handler),
          );
    const routerEntries = new Map<string, RouterEntry<CompiledRoute>[]>();
    for (const endpoint of this.#endpoints) routerEntries.set(endpoint.name, []);
    const bound = new Set<string>();
    // Routes bound to an endpoint first, so they win over an unbound route with the same method and path.
    const definitions = [...this.#routes.values()].sort(
      (a, b) =>
        Number(b.info.endpointName !== undefined) - Number(a.info.endpointName !== undefined),
    );
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
      const compiled = compileRoute(
        info,
        this.#middleware,
        [...authMiddleware, ...validationMiddleware(validation, info), ...definition.middleware],
        definition.handler,
      );
      for (const [endpointName, entries] of routerEntries) {
        if (info.endpointName !== undefined && info.endpointName !== endpointName) continue;
        const key = `${endpointName}\u0000${info.method}\u0000${routeKey(info.path)}`;
        if (bound.has(key)) continue;
        bound.add(key);
        entries.push({ method: info.method, path: info.path, value: compiled });
      }
    }
    const site = this.#site.build();
    // Pode's public folder: files served at `/` for GET and HEAD paths no route matches, before
    // (and without) user middleware, as Pode's inbuilt static-content middleware does.
    const publicHandler = site.public === undefined ? undefined : publicRoute(site.public);
    return {
      endpoints: this.#endpoints.map((endpoint) => ({
        ...endpoint,
        router: new Router(routerEntries.get(endpoint.name)!),
      })),
      endware: this.#endware,
      sessions: this.#sessions,
      warnings: this.#warnings,
      site,
      logs: this.#logs.types.size === 0 ? undefined : this.#logs,
      fallback:
        publicHandler === undefined
          ? undefined
          : compileRoute(publicHandler.info, [], [], publicHandler.handler),
    };
  }
}

/** @internal What `build()` hands to the server. */
export interface BuiltServer {
  endpoints: (EndpointInfo & { tls?: EndpointOptions['tls']; router: Router<CompiledRoute> })[];
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
}

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
