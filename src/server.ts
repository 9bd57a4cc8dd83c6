/**
 * `startServer` and the builder `s`: collect endpoints, routes, middleware and endware in the
 * set-up function, validate them, compile every route once, listen, and stop gracefully.
 */
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import {
  type AuthOptions,
  AuthRegistry,
  type AuthSessionOptions,
  type AuthValidator,
} from './auth/registry.js';
import type { AuthScheme } from './auth/schemes.js';
import { BODY_PARSING, bodyParsingMiddleware } from './body.js';
import { runWithEvent } from './context.js';
import { CSRF, type CsrfOptions, createCsrfMiddleware } from './csrf.js';
import { ErrorCodes, SetupError, setupError } from './errors.js';
import { createLogger, type LoggerOption, logRequest } from './logging.js';
import {
  type CompiledRoute,
  compileRoute,
  type Endware,
  handleRequest,
  type Middleware,
  type MiddlewareEntry,
  type PipelineRuntime,
  type RouteHandler,
} from './pipeline.js';
import { cleanRoutePath, Router, type RouterEntry, routeKey, routePattern } from './router.js';
import type { SessionSetup } from './sessions/middleware.js';
import { createSessionSetup, SESSIONS, type SessionOptions } from './sessions/middleware.js';
import {
  reportWorkerFailure,
  reportWorkerListening,
  sharedSessionSecret,
  shouldForkWorkers,
  startWorkers,
} from './threads.js';
import type { EndpointInfo, RequestData, RouteInfo } from './types.js';
import { type EventContext, WebEvent } from './web-event.js';

/** Options of `startServer`. */
export interface ServerOptions {
  /** Worker processes (node:cluster) sharing the endpoints; default 1 (no fork). */
  threads?: number;
  /** A pino logger, pino options, or `false` for silence. Default: JSON lines on stdout. */
  logger?: LoggerOption;
  /** No informational output (start-up lines, request lines); warnings and errors still log. */
  quiet?: boolean;
  /** Trust `X-Forwarded-For` / `X-Forwarded-Proto` (behind a reverse proxy). Default false. */
  trustProxy?: boolean;
  /** The largest request body accepted, in bytes (413 past it). Default 1 MiB. */
  bodyLimit?: number;
  /** Milliseconds a client may take to send a whole request. Default 30000. */
  requestTimeout?: number;
  /** Milliseconds a client may take to send the request headers. Default 10000. */
  headersTimeout?: number;
  /** Milliseconds an idle keep-alive connection stays open. Default 5000. */
  keepAliveTimeout?: number;
  /** Stop gracefully on SIGINT/SIGTERM. Default true. */
  handleSignals?: boolean;
  /** Milliseconds `stop()` waits for in-flight requests before closing their connections. Default 10000. */
  stopTimeout?: number;
}

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
  /** Bind the route to one endpoint by name. */
  endpointName?: string;
  /** Parse the body as this type whatever the request says. */
  contentType?: string;
  /** The type of error pages on this route (`application/json` for JSON pages). */
  errorContentType?: string;
  /** What to do when the method and path are already defined. Default `'error'`. */
  ifExists?: 'error' | 'skip' | 'overwrite';
}

/** `s.addMiddleware` options. */
export interface MiddlewareOptions {
  name: string;
  /** Only for request paths matching this route pattern; `'/'` or none for all. */
  route?: string;
}

/** An endpoint of a running server, with its real port. */
export interface RunningEndpoint extends EndpointInfo {
  url: string;
}

/** What `startServer` resolves to. */
export interface RunningServer {
  endpoints: RunningEndpoint[];
  /** The URL of the first endpoint. */
  url: string;
  logger: Logger;
  /** Stops accepting, lets in-flight requests (and their endware) finish, closes stores; resolves when done. */
  stop(): Promise<void>;
}

interface RouteDefinition {
  info: RouteInfo;
  middleware: readonly Middleware[];
  handler: RouteHandler | undefined;
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

  /** @internal */
  constructor(options: ServerOptions) {
    this.#options = options;
    this.#addInbuilt(BODY_PARSING, bodyParsingMiddleware(options.bodyLimit ?? DEFAULT_BODY_LIMIT));
  }

  /** Adds an endpoint to listen on (`Add-PodeEndpoint`). */
  addEndpoint(options: EndpointOptions = {}): this {
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
        },
        middleware,
        handler,
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
    const entry = { name, run: fn, pattern: middlewarePattern(route), inbuilt: false };
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
    if (options.secret !== undefined && this.#sessions.settings.secrets.some((secret) => secret.length < 32)) {
      this.#warnings.push(
        'A session secret is shorter than 32 characters: it still works, but use a long random one (e.g. 48 random bytes in Base64) in production.',
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

  #addInbuilt(name: string, run: Middleware): void {
    const existing = this.#middleware.find((middleware) => middleware.name === name);
    if (existing !== undefined) return; // the user's replacement stays
    this.#middleware.push({ name, run, pattern: undefined, inbuilt: true });
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
        [...authMiddleware, ...definition.middleware],
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
    return {
      endpoints: this.#endpoints.map((endpoint) => ({
        ...endpoint,
        router: new Router(routerEntries.get(endpoint.name)!),
      })),
      endware: this.#endware,
      sessions: this.#sessions,
      warnings: this.#warnings,
    };
  }
}

interface BuiltServer {
  endpoints: (EndpointInfo & { tls?: EndpointOptions['tls']; router: Router<CompiledRoute> })[];
  endware: readonly Endware[];
  sessions: SessionSetup | undefined;
  /** Set-up that works but should be looked at, logged once at start-up. */
  warnings: readonly string[];
}

/**
 * Starts a server (`Start-PodeServer`): runs `setup(s)` once, validates everything, listens on
 * every endpoint and resolves to the running server. Set-up mistakes reject with a
 * {@link SetupError} and leave nothing listening.
 */
export async function startServer(
  setup: (s: ServerBuilder) => unknown,
  options: ServerOptions = {},
): Promise<RunningServer> {
  validateOptions(options);
  if (typeof setup !== 'function') {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      'startServer needs a set-up function: startServer((s) => { … }).',
    );
  }
  const logger = createLogger(options.logger);
  if (shouldForkWorkers(options)) {
    // threads > 1: validate the set-up here once (nothing listens), then fork the workers.
    const builder = new ServerBuilder(options);
    await setup(builder);
    await builder.build().sessions?.close();
    const running = await startWorkers(options, logger);
    const stopWorkers = running.stop;
    running.stop = () => {
      untrackForSignals(running);
      return stopWorkers();
    };
    if (options.handleSignals !== false) trackForSignals(running);
    return running;
  }
  try {
    const builder = new ServerBuilder(options);
    await setup(builder);
    const built = builder.build();
    const running = await listen(built, options, logger);
    reportWorkerListening(running); // a worker of a threaded server tells its primary
    return running;
  } catch (error) {
    reportWorkerFailure(error);
    throw error;
  }
}

async function listen(
  built: BuiltServer,
  options: ServerOptions,
  logger: Logger,
): Promise<RunningServer> {
  const quiet = options.quiet === true;
  const endware = quiet ? built.endware : [...built.endware, logRequest];
  let inFlight = 0;
  let drained: (() => void) | undefined;
  let stopping = false;
  const runtime: PipelineRuntime = {
    endware,
    logger,
    done: () => {
      inFlight--;
      if (inFlight === 0 && drained !== undefined) drained();
    },
  };
  const servers: Server[] = [];
  const endpoints: RunningEndpoint[] = [];
  try {
    for (const endpoint of built.endpoints) {
      const info: EndpointInfo = {
        name: endpoint.name,
        protocol: endpoint.protocol,
        address: endpoint.address,
        port: endpoint.port,
      };
      const context: EventContext = {
        endpoint: info,
        trustProxy: options.trustProxy === true,
        logger,
      };
      const router = endpoint.router;
      const onRequest = (request: IncomingMessage, response: ServerResponse) => {
        inFlight++;
        if (stopping) response.setHeader('Connection', 'close');
        dispatch(request, response, router, context, runtime);
      };
      const server = createNodeServer(endpoint, options, onRequest);
      servers.push(server);
      await listenOn(server, endpoint);
      info.port = (server.address() as AddressInfo).port;
      endpoints.push({ ...info, url: endpointUrl(info) });
    }
  } catch (error) {
    await Promise.all(servers.map((server) => closeServer(server)));
    await built.sessions?.close();
    throw error;
  }
  for (const warning of built.warnings) logger.warn(warning);
  if (!quiet) {
    for (const endpoint of endpoints)
      logger.info({ url: endpoint.url, pid: process.pid }, `pode-ts listening on ${endpoint.url}`);
  }

  let stopped: Promise<void> | undefined;
  const running: RunningServer = {
    endpoints,
    url: endpoints[0].url,
    logger,
    stop: () => {
      stopped ??= (async () => {
        stopping = true;
        untrackForSignals(running);
        const closing = servers.map((server) => closeServer(server));
        for (const server of servers) server.closeIdleConnections();
        if (inFlight > 0) {
          const grace = options.stopTimeout ?? 10_000;
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, grace);
            drained = () => {
              clearTimeout(timer);
              resolve();
            };
          });
        }
        for (const server of servers) server.closeAllConnections();
        await Promise.all(closing);
        await built.sessions?.close();
        if (!quiet) logger.info('pode-ts stopped');
      })();
      return stopped;
    },
  };
  if (options.handleSignals !== false) trackForSignals(running);
  return running;
}

function dispatch(
  request: IncomingMessage,
  response: ServerResponse,
  router: Router<CompiledRoute>,
  context: EventContext,
  runtime: PipelineRuntime,
): void {
  let url = request.url ?? '/';
  if (url.charCodeAt(0) !== 47) url = toOriginForm(url);
  const question = url.indexOf('?');
  const path = question === -1 ? url : url.slice(0, question);
  const method = request.method ?? 'GET';
  const resolution = router.resolve(method, url);
  if (resolution.kind === 'found') {
    const route = resolution.value;
    const event = new WebEvent(
      request,
      response,
      context,
      path,
      resolution.query,
      resolution.params,
      route.info,
    );
    runWithEvent(event, (current) => handleRequest(current, route, runtime));
    return;
  }
  const query = question === -1 ? undefined : url.slice(question + 1);
  const event = new WebEvent(request, response, context, path, query, NO_PARAMS, undefined);
  switch (resolution.kind) {
    case 'options':
      response.setHeader('Allow', resolution.allow);
      event.setStatus(204);
      break;
    case 'not-allowed':
      response.setHeader('Allow', resolution.allow);
      event.fail(405);
      break;
    case 'bad-url':
      event.fail(400, 'The request URL is malformed.');
      break;
    default:
      event.fail(404);
  }
  runWithEvent(event, (current) => handleRequest(current, undefined, runtime));
}

const NO_PARAMS: Record<string, string> = Object.freeze({}) as Record<string, string>;

function createNodeServer(
  endpoint: BuiltServer['endpoints'][number],
  options: ServerOptions,
  onRequest: (request: IncomingMessage, response: ServerResponse) => void,
): Server {
  const requestTimeout = options.requestTimeout ?? 30_000;
  const headersTimeout = Math.min(
    options.headersTimeout ?? 10_000,
    requestTimeout || Number.POSITIVE_INFINITY,
  );
  const serverOptions = {
    requestTimeout,
    headersTimeout,
    keepAliveTimeout: options.keepAliveTimeout ?? 5_000,
    // Node checks the timeouts only this often: keep it short so they are enforced promptly.
    connectionsCheckingInterval: Math.max(
      250,
      Math.min(1_000, Math.floor(Math.min(requestTimeout || 1_000, headersTimeout) / 4)),
    ),
  };
  let server: Server;
  try {
    server =
      endpoint.protocol === 'https'
        ? createHttpsServer({ ...serverOptions, ...endpoint.tls }, onRequest)
        : createHttpServer(serverOptions, onRequest);
  } catch (error) {
    throw new SetupError(
      ErrorCodes.BAD_ENDPOINT,
      `Endpoint ${endpoint.name}: the TLS key or certificate cannot be used: ${(error as Error).message}`,
      'Pass the PEM private key and certificate (strings or buffers) that belong together.',
    );
  }
  // A client that sends garbage gets a 400 and its socket closed; it never reaches the pipeline.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const status =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? 431
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? 408
          : 400;
    socket.end(
      `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : status === 408 ? 'Request Timeout' : 'Bad Request'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
    );
  });
  return server;
}

function listenOn(server: Server, endpoint: EndpointInfo): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(
        new SetupError(
          ErrorCodes.LISTEN,
          `Cannot listen on ${endpoint.protocol}://${endpoint.address}:${endpoint.port}: ${error.code ?? error.message}`,
          error.code === 'EADDRINUSE'
            ? 'Another process uses this port: stop it, or pick another port (0 picks a free one).'
            : undefined,
        ),
      );
    };
    server.once('error', onError);
    const host = endpoint.address === '*' ? undefined : endpoint.address;
    server.listen(endpoint.port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
  });
}

function endpointUrl(endpoint: EndpointInfo): string {
  const wildcard = ['*', '0.0.0.0', '::'].includes(endpoint.address);
  const host = wildcard
    ? 'localhost'
    : endpoint.address.includes(':')
      ? `[${endpoint.address}]`
      : endpoint.address;
  return `${endpoint.protocol}://${host}:${endpoint.port}`;
}

function toOriginForm(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return `/${url}`;
  }
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

function middlewarePattern(route: string | undefined): RegExp | undefined {
  if (route === undefined || route === '/' || route === '*' || route === '/*') return undefined;
  if (typeof route !== 'string' || !route.startsWith('/')) {
    throw setupError(
      ErrorCodes.BAD_ROUTE,
      `A middleware route must be a path starting with '/', but got: ${JSON.stringify(route)}`,
    );
  }
  return routePattern(route);
}

function validateOptions(options: ServerOptions): void {
  if (options === null || typeof options !== 'object') {
    throw setupError(ErrorCodes.BAD_OPTION, 'startServer options must be an object.');
  }
  const positive = (name: keyof ServerOptions, allowZero: boolean) => {
    const value = options[name];
    if (value === undefined) return;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < (allowZero ? 0 : 1)) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `The ${name} option must be ${allowZero ? 'a whole number of 0 or more' : 'a whole number of 1 or more'}, but got: ${String(value)}`,
      );
    }
  };
  positive('threads', false);
  positive('bodyLimit', true);
  positive('requestTimeout', true);
  positive('headersTimeout', false);
  positive('keepAliveTimeout', true);
  positive('stopTimeout', true);
  const logger: unknown = options.logger;
  if (logger !== undefined && logger !== false && (logger === null || typeof logger !== 'object')) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `The logger option must be a pino logger, pino options or false, but got: ${String(logger)}`,
      "For a level, pass { level: 'debug' }.",
    );
  }
}

// ---- signals -------------------------------------------------------------------------------

const signalled = new Set<RunningServer>();

function onSignal(signal: NodeJS.Signals): void {
  const servers = [...signalled];
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  void Promise.allSettled(servers.map((server) => server.stop())).then((results) => {
    // Our listener kept the default behaviour (termination) away. Unless the application listens
    // for the signal itself, end the process now: 0 after a clean stop, like a finished script.
    // A second signal during the stop finds no listener and terminates at once.
    if (process.listenerCount(signal) === 0) {
      process.exit(results.every((result) => result.status === 'fulfilled') ? 0 : 1);
    }
  });
}

function trackForSignals(server: RunningServer): void {
  if (signalled.size === 0) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  signalled.add(server);
}

function untrackForSignals(server: RunningServer): void {
  signalled.delete(server);
  if (signalled.size === 0) {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
