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
import type { SecureContextOptions } from 'node:tls';
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
import { endpointBase } from './endpoints/redirect.js';
import { endpointForHost, needsHostMatching, planSockets, WRITTEN } from './endpoints/sockets.js';
import { tlsOptions } from './endpoints/tls.js';
import { markServerStarted } from './endpoints/uptime.js';
import { ErrorCodes, SetupError, setupError } from './errors.js';
import { Logs } from './logging/logs.js';
import { createLogger, type LoggerOption, logRequest } from './logging.js';
import { optionKeys, rejectUnknownKeys } from './option-keys.js';
import { publishOutputVariables } from './output-variables.js';
import { type CompiledRoute, handleRequest, type PipelineRuntime } from './pipeline.js';
import { type RunningRealtime, startRealtime } from './realtime/start.js';
import type { Router } from './router.js';
import { trackForSignals, untrackForSignals } from './signals.js';
import type { RunningTcp } from './tcp/start.js';
import type { TcpProtocol } from './tcp/types.js';
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
  /**
   * Pode's service server (`Start-PodeServer -Interval`): seconds between two runs of the
   * service handlers (`s.addHandler('service', …)`); such a server opens no endpoint. Default 0.
   */
  interval?: number;
}

/** An endpoint of a running server, with its real port. */
export interface RunningEndpoint extends Omit<EndpointInfo, 'protocol'> {
  protocol: EndpointInfo['protocol'] | TcpProtocol;
  url: string;
}

/** What `startServer` resolves to. */
export interface RunningServer {
  endpoints: RunningEndpoint[];
  /** The URL of the first endpoint ('' for a service server). */
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
  // A service server runs its loop once, in this process (Pode: one runspace).
  if (shouldForkWorkers(options) && !((options.interval ?? 0) > 0)) {
    // threads > 1: validate the set-up here once (nothing listens), then fork the workers.
    const builder = new ServerBuilder(options);
    await setup(builder);
    const built = builder.build();
    // A one-off script: nothing to fork workers for.
    if (built.runOnce) return listen(built, options, logger);
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
  onListening(urls: string[], ranOnce: boolean): void;
}

/** Servers that stopped as soon as they started: one-off scripts (`BuiltServer.runOnce`). */
const RAN_ONCE = new WeakSet<RunningServer>();

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
        addEndpoint(
          Object.assign(
            {
              ...endpoint,
              ...(hook.port === undefined ? {} : { port: hook.port }),
              ...(hook.address === undefined ? {} : { address: hook.address }),
            },
            // endpoints the script put on one address and port keep sharing one socket
            {
              [WRITTEN]: { address: endpoint.address ?? 'localhost', port: endpoint.port ?? 8080 },
            },
          ),
        );
      await setup(s);
    },
    { quiet: true, ...options },
  );
  hook.onListening(
    running.endpoints.map((endpoint) => endpoint.url),
    RAN_ONCE.has(running),
  );
  return running;
}

async function listen(
  built: BuiltServer,
  options: ServerOptions,
  logger: Logger,
): Promise<RunningServer> {
  await built.secrets.ready();
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
  let tcp: RunningTcp | undefined;
  try {
    // Signal routes, a ws endpoint or real-time options only: the rest pay nothing.
    if (built.realtime !== undefined) realtime = await startRealtime(built.realtime, logger);
    const bases = new Map<string, string>();
    for (const socket of planSockets(built.endpoints)) {
      const handlers = socket.endpoints.map((endpoint) => {
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
          endpointBases: bases,
          cookieSecrets: built.cookieSecrets,
        };
        return { endpoint, info, context, router: endpoint.router };
      });
      const fallback = built.fallback;
      const miss = built.miss;
      const byHost = needsHostMatching(socket.endpoints);
      const onRequest = (request: IncomingMessage, response: ServerResponse) => {
        inFlight++;
        if (stopping) response.setHeader('Connection', 'close');
        if (hasNoBody(request.headers)) claimEmptyBody(request);
        let handler = handlers[0];
        if (byHost) {
          const endpoint = endpointForHost(socket.endpoints, request.headers.host);
          const found = handlers.find((h) => h.endpoint === endpoint);
          if (found === undefined) {
            // Pode: a Host that matches none of the socket's host names is a bad request.
            const event = new WebEvent(
              request,
              response,
              handler.context,
              '/',
              undefined,
              NO_PARAMS,
              undefined,
            );
            event.fail(400, 'Invalid Host header.');
            runtime.enter(event, handleRequest, undefined, runtime);
            return;
          }
          handler = found;
        }
        dispatch(request, response, handler.router, handler.context, runtime, fallback, miss);
      };
      // WebSocket upgrades go to the socket's ws/wss endpoint if it has one, else its first.
      const upgrading =
        handlers.find((h) => h.info.protocol === 'ws' || h.info.protocol === 'wss') ?? handlers[0];
      const first = socket.endpoints[0];
      const tls =
        first.certificate === undefined
          ? undefined
          : {
              ...(await tlsOptions(first.certificate, [first.address, first.hostname ?? ''])),
              ...(first.allowClientCertificate
                ? { requestCert: true, rejectUnauthorized: false }
                : {}),
            };
      let port = first.port;
      for (const address of socket.listen) {
        const server = createNodeServer(first, tls, options, onRequest);
        try {
          await listenOn(server, first, address.host, port, address.ipv6Only);
        } catch (error) {
          if (address.optional) continue; // a dual-mode second family the machine lacks
          throw error;
        }
        servers.push(server);
        realtime?.attach({
          ...upgrading.endpoint,
          server,
          context: upgrading.context,
          runtime,
          onRequest,
        });
        port = (server.address() as AddressInfo).port;
      }
      for (const { endpoint, info } of handlers) {
        info.port = port;
        endpoints.push({ ...info, url: endpointUrl(info) });
        bases.set(
          endpoint.name,
          endpointBase(info.protocol, endpoint.hostname ?? friendlyHost(info.address), port),
        );
      }
    }
    // TCP, SMTP or a service loop: the rest pay nothing.
    if (built.tcp !== undefined) {
      const { startTcp } = await import('./tcp/start.js');
      tcp = await startTcp(built.tcp, {
        logger,
        maxMessage: options.bodyLimit ?? 1024 * 1024,
        idleTimeout: options.requestTimeout ?? 30_000,
        stopTimeout: options.stopTimeout ?? 10_000,
      });
      endpoints.push(...tcp.endpoints);
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
  markServerStarted();
  built.background.start(logger);
  if (!quiet) {
    for (const endpoint of endpoints)
      logger.info({ url: endpoint.url, pid: process.pid }, `pode-ts listening on ${endpoint.url}`);
  }

  // Timers, schedules and watchers do not hold the process (their handles are unref'd); with no
  // socket to hold it either, this does, until stop.
  const keepOpen =
    endpoints.length === 0 && !built.runOnce && built.tcp === undefined
      ? setInterval(() => {}, 2 ** 30)
      : undefined;
  let stopped: Promise<void> | undefined;
  const running: RunningServer = {
    endpoints,
    url: endpoints[0]?.url ?? '',
    logger,
    stop: () => {
      stopped ??= (async () => {
        stopping = true;
        clearInterval(keepOpen);
        untrackForSignals(running);
        const closing = servers.map((server) => closeServer(server));
        for (const server of servers) server.closeIdleConnections();
        await realtime?.stop();
        const tcpStopped = tcp?.stop();
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
        await tcpStopped;
        await built.background.stop();
        await built.secrets.close(logger);
        await built.sessions?.close();
        await logs?.close();
        untrackContext();
        publishOutputVariables();
        if (!quiet) logger.info('pode-ts stopped');
      })();
      return stopped;
    },
  };
  if (options.handleSignals !== false) trackForSignals(running);
  if (!quiet && endpoints.length === 0 && !built.runOnce) {
    logger.info(
      { pid: process.pid },
      built.tcp === undefined
        ? 'pode-ts running with no endpoint: its timers, schedules and file watchers keep it open'
        : 'pode-ts running a service with no endpoint',
    );
  }
  if (built.runOnce) {
    if (!quiet) {
      logger.info(
        'pode-ts: no endpoint, route, timer, schedule, file watcher or service was added, so the set-up ran once and the server stopped (as Pode runs a one-off script)',
      );
    }
    await running.stop();
    RAN_ONCE.add(running);
  }
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
  endpoint: EndpointInfo,
  tls: SecureContextOptions | undefined,
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
      tls !== undefined
        ? createHttpsServer({ ...serverOptions, ...tls }, onRequest)
        : createHttpServer(serverOptions, onRequest);
  } catch (error) {
    throw new SetupError(
      ErrorCodes.BAD_ENDPOINT,
      `Endpoint ${endpoint.name}: the TLS key or certificate cannot be used: ${(error as Error).message}`,
      'Pass the PEM private key and certificate (or the .pfx file and its password) that belong together.',
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

function listenOn(
  server: Server,
  endpoint: EndpointInfo,
  host: string | undefined,
  port: number,
  ipv6Only: boolean,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(
        new SetupError(
          ErrorCodes.LISTEN,
          `Cannot listen on ${endpoint.protocol}://${host ?? endpoint.address}:${port}: ${error.code ?? error.message}`,
          error.code === 'EADDRINUSE'
            ? 'Another process uses this port: stop it, or pick another port (0 picks a free one).'
            : error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN'
              ? 'The host name does not resolve: add it to the hosts file or DNS, or give the address to listen on.'
              : undefined,
        ),
      );
    };
    server.once('error', onError);
    server.listen({ port, host, ipv6Only }, () => {
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

/** The host Pode writes in an endpoint's URL: `localhost` for a loopback or any address. */
function friendlyHost(address: string): string {
  return ['*', 'all', '0.0.0.0', '::', '127.0.0.1', '::1'].includes(address.toLowerCase())
    ? 'localhost'
    : address;
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
  interval: true,
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
  positive('interval', true);
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
