/**
 * `startServer`: runs the set-up function on a builder, listens on every endpoint, dispatches
 * each request to its compiled route, and stops gracefully.
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
import type { Background } from './background/runtime.js';
import { claimEmptyBody, hasNoBody } from './body.js';
import { type BuiltServer, ServerBuilder } from './builder.js';
import {
  runOutsideEvent,
  runOutsideEventSync,
  runWithEvent,
  runWithEventSync,
  trackServerWithoutAsyncContext,
} from './context.js';
import { ErrorCodes, SetupError, setupError } from './errors.js';
import { Logs } from './logging/logs.js';
import { createLogger, type LoggerOption, logRequest } from './logging.js';
import { optionKeys, rejectUnknownKeys } from './option-keys.js';
import { type CompiledRoute, handleRequest, type PipelineRuntime } from './pipeline.js';
import { type RunningRealtime, startRealtime } from './realtime/start.js';
import type { Router } from './router.js';
import { trackForSignals, untrackForSignals } from './signals.js';
import {
  reportWorkerFailure,
  reportWorkerListening,
  shouldForkWorkers,
  startWorkers,
} from './threads.js';
import type { EndpointInfo } from './types.js';
import { type EventContext, WebEvent } from './web-event.js';

export type { EndpointOptions, MiddlewareOptions, RouteOptions } from './builder.js';
export { ServerBuilder } from './builder.js';

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
  /**
   * Find the current request for the free functions (`writeJsonResponse`, `getWebEvent`…) through
   * AsyncLocalStorage, after awaits too. Default true. `false` saves its cost (under a microsecond
   * per request on Node 20): the free functions then work only in the synchronous part of a
   * middleware, route or endware, and code after an await uses the event (`e`).
   */
  asyncContext?: boolean;
  /**
   * The server root (Pode's: the folder of the main script): `views/` and `public/` are found
   * here, and relative paths of static routes, `writeFile` and attachments start here. Default
   * the current directory; `pode-ts run` sets it to the script's folder.
   */
  root?: string;
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

/**
 * Starts a server (`Start-PodeServer`): runs `setup(s)` once, validates everything, listens on
 * every endpoint and resolves to the running server. Set-up mistakes reject with a
 * {@link SetupError} and leave nothing listening.
 */
export async function startServer(
  setup: (s: ServerBuilder) => unknown,
  options: ServerOptions = {},
): Promise<RunningServer> {
  const hook = (globalThis as Record<symbol, RunHook | undefined>)[RUN_HOOK];
  if (hook !== undefined) return startForRun(hook, setup, options);
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
    const built = builder.build();
    await built.sessions?.close();
    // The primary keeps the shared state for its workers, and elects the one that runs timers.
    const background = await primaryBackground(built.background);
    let running: RunningServer;
    try {
      running = await startWorkers(options, logger, background);
    } catch (error) {
      await background.close();
      throw error;
    }
    const stopWorkers = running.stop;
    running.stop = async () => {
      untrackForSignals(running);
      await stopWorkers();
      await background.close();
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

/** The primary's side of the shared state: loaded only for a threaded server. */
async function primaryBackground(background: Background) {
  const { PrimaryStateHost } = await import('./background/ipc.js');
  return new PrimaryStateHost(background.store());
}

/** Set by `pode-ts run`: endpoint overrides, and who prints `listening on`. */
interface RunHook {
  port?: number;
  address?: string;
  onListening(urls: string[]): void;
}

const RUN_HOOK = Symbol.for('pode-ts.run');

/** `pode-ts run`: every endpoint's port/address replaced, quiet logs, `listening on` printed. */
async function startForRun(
  hook: RunHook,
  setup: (s: ServerBuilder) => unknown,
  options: ServerOptions,
): Promise<RunningServer> {
  (globalThis as Record<symbol, RunHook | undefined>)[RUN_HOOK] = undefined;
  const running = await startServer(
    async (s) => {
      const addEndpoint = s.addEndpoint.bind(s);
      s.addEndpoint = (endpoint = {}) =>
        addEndpoint({
          ...endpoint,
          ...(hook.port === undefined ? {} : { port: hook.port }),
          ...(hook.address === undefined ? {} : { address: hook.address }),
        });
      await setup(s);
    },
    { quiet: true, ...options },
  );
  hook.onListening(running.endpoints.map((endpoint) => endpoint.url));
  return running;
}

async function listen(
  built: BuiltServer,
  options: ServerOptions,
  logger: Logger,
): Promise<RunningServer> {
  const quiet = options.quiet === true;
  // No request-logging endware when nothing could ever be logged (`logger: false`, or `quiet`).
  const silent = quiet || options.logger === false;
  const baseEndware = silent ? built.endware : [...built.endware, logRequest];
  // Pode's log types: opened only when set up; the request log is one more endware.
  const logs =
    built.logs === undefined
      ? undefined
      : new Logs(built.logs, { logger, quiet, root: options.root ?? process.cwd() });
  const endware =
    logs?.requestEndware === undefined ? baseEndware : [...baseEndware, logs.requestEndware];
  let inFlight = 0;
  let drained: (() => void) | undefined;
  let stopping = false;
  const asyncContext = options.asyncContext !== false;
  const runtime: PipelineRuntime = {
    endware,
    logger,
    enter: asyncContext ? runWithEvent : runWithEventSync,
    leave: asyncContext ? runOutsideEvent : runOutsideEventSync,
    done: () => {
      inFlight--;
      if (inFlight === 0 && drained !== undefined) drained();
    },
  };
  const servers: Server[] = [];
  const untrackContext = asyncContext ? () => {} : trackServerWithoutAsyncContext();
  const endpoints: RunningEndpoint[] = [];
  let realtime: RunningRealtime | undefined;
  try {
    // Signal routes, a ws endpoint or real-time options only: the rest pay nothing.
    if (built.realtime !== undefined) realtime = await startRealtime(built.realtime, logger);
    const listeners = new Map<string, { server: Server }>();
    // Only an http endpoint and a ws one (or https and wss) share; the ws one takes the upgrades.
    // Any other two endpoints on one port fail to listen (EADDRINUSE), as before.
    const takers = new Map<string, (typeof built.endpoints)[number]>();
    const counts = new Map<string, { http: number; ws: number }>();
    for (const endpoint of built.endpoints) {
      const key = sharedListenerKey(endpoint);
      if (key === undefined) continue;
      const count = counts.get(key) ?? { http: 0, ws: 0 };
      count[isWs(endpoint.protocol) ? 'ws' : 'http']++;
      counts.set(key, count);
      const taker = takers.get(key);
      if (taker === undefined || (!isWs(taker.protocol) && isWs(endpoint.protocol)))
        takers.set(key, endpoint);
    }
    for (const [key, count] of counts)
      if (count.http !== 1 || count.ws !== 1) {
        counts.delete(key);
        takers.delete(key);
      }
    const sharedKey = (endpoint: (typeof built.endpoints)[number]) => {
      const key = sharedListenerKey(endpoint);
      return key !== undefined && counts.has(key) ? key : undefined;
    };
    const upgradesTaker = (key: string | undefined) =>
      key === undefined ? undefined : takers.get(key);
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
        site: built.site,
        compressor: built.compressor,
      };
      const router = endpoint.router;
      const fallback = built.fallback;
      const miss = built.miss;
      const onRequest = (request: IncomingMessage, response: ServerResponse) => {
        inFlight++;
        if (stopping) response.setHeader('Connection', 'close');
        if (hasNoBody(request.headers)) claimEmptyBody(request);
        dispatch(request, response, router, context, runtime, fallback, miss);
      };
      // Pode's http and ws endpoints on one address and port share one listener: HTTP requests
      // go to the first endpoint, WebSocket upgrades to the ws one (realtime/start.ts).
      const key = sharedKey(endpoint);
      const sharing = key === undefined ? undefined : listeners.get(key);
      const server = sharing?.server ?? createNodeServer(endpoint, options, onRequest);
      if (sharing === undefined) {
        servers.push(server);
        if (key !== undefined) listeners.set(key, { server });
      }
      if (key === undefined || upgradesTaker(key) === endpoint)
        realtime?.attach({ ...endpoint, server, context, runtime, onRequest });
      if (sharing === undefined) await listenOn(server, endpoint);
      info.port = (server.address() as AddressInfo).port;
      endpoints.push({ ...info, url: endpointUrl(info) });
    }
  } catch (error) {
    await Promise.all(servers.map((server) => closeServer(server)));
    await realtime?.stop();
    await built.background.stop();
    await built.sessions?.close();
    await logs?.close();
    untrackContext();
    throw error;
  }
  for (const warning of built.warnings) logger.warn(warning);
  built.background.start(logger);
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
        await realtime?.stop();
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
        await built.background.stop();
        await built.sessions?.close();
        await logs?.close();
        untrackContext();
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
  fallback: CompiledRoute | undefined,
  miss: CompiledRoute | undefined,
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
    runtime.enter(event, handleRequest, route, runtime);
    return;
  }
  const query = question === -1 ? undefined : url.slice(question + 1);
  if (
    fallback !== undefined &&
    resolution.kind === 'not-found' &&
    (method === 'GET' || method === 'HEAD')
  ) {
    // The public folder: a file for a path no route has.
    const event = new WebEvent(request, response, context, path, query, NO_PARAMS, fallback.info);
    runtime.enter(event, handleRequest, fallback, runtime);
    return;
  }
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
  // `miss`: the traffic middleware (CORS, security headers, limit rules), when any is set up.
  runtime.enter(event, handleRequest, miss, runtime);
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
      endpoint.protocol === 'https' || endpoint.protocol === 'wss'
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

function isWs(protocol: string): boolean {
  return protocol === 'ws' || protocol === 'wss';
}

/** Endpoints with the same key share one listener (http with ws, https with wss); port 0 never does. */
function sharedListenerKey(endpoint: EndpointInfo): string | undefined {
  if (endpoint.port === 0) return undefined;
  const secure = endpoint.protocol === 'https' || endpoint.protocol === 'wss';
  return `${secure ? 's' : ''}\u0000${endpoint.address}\u0000${endpoint.port}`;
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

const SERVER_OPTION_KEYS = optionKeys<ServerOptions>({
  threads: true,
  logger: true,
  quiet: true,
  trustProxy: true,
  bodyLimit: true,
  requestTimeout: true,
  headersTimeout: true,
  keepAliveTimeout: true,
  handleSignals: true,
  stopTimeout: true,
  asyncContext: true,
  root: true,
});

function validateOptions(options: ServerOptions): void {
  if (options === null || typeof options !== 'object') {
    throw setupError(ErrorCodes.BAD_OPTION, 'startServer options must be an object.');
  }
  rejectUnknownKeys('startServer()', options, SERVER_OPTION_KEYS);
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
  for (const name of ['quiet', 'trustProxy', 'handleSignals', 'asyncContext'] as const) {
    const value = options[name];
    if (value !== undefined && typeof value !== 'boolean') {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `The ${name} option must be true or false, but got: ${String(value)}`,
      );
    }
  }
  if (
    options.root !== undefined &&
    (typeof options.root !== 'string' || options.root.length === 0)
  ) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `The root option must be a folder path, but got: ${String(options.root)}`,
    );
  }
  const logger: unknown = options.logger;
  if (logger !== undefined && logger !== false && (logger === null || typeof logger !== 'object')) {
    throw setupError(
      ErrorCodes.BAD_OPTION,
      `The logger option must be a pino logger, pino options or false, but got: ${String(logger)}`,
      "For a level, pass { level: 'debug' }.",
    );
  }
}
