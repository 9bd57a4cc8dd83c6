/**
 * WebSocket upgrades on the `ws` library, loaded only by a server with signal routes or a
 * `ws`/`wss` endpoint. The upgrade request runs through the pipeline like any request (global
 * middleware, the signal route's authentication, endware): a request that does not pass gets
 * that HTTP answer and no socket. Accepted sockets live under the limits: the largest message
 * (1009), the most connections (503), pings that drop dead peers, and a send buffer past which
 * a slow client is dropped (signals.ts).
 */
import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { type WebSocket, WebSocketServer } from 'ws';
import { HttpError } from '../errors.js';
import { handleRequest, type PipelineRuntime } from '../pipeline.js';
import type { Router } from '../router.js';
import type { EndpointInfo, ResolvedAuthUser, ResolvedSessionData } from '../types.js';
import { type EventContext, WebEvent } from '../web-event.js';
import { hub } from './hub.js';
import { type CompiledSignalRoute, upgradeAllowed } from './settings.js';
import {
  addSignalClient,
  MessageEvent,
  manualUpgrades,
  removeSignalClient,
  runSignalHandler,
  type SignalClient,
  sendSignal,
  signalConnectionCount,
} from './signals.js';
import type { SignalConnection, SignalHandler, SignalMessage } from './types.js';

/** What the server hands over for each endpoint. */
export interface UpgradeEndpoint {
  server: Server;
  context: EventContext;
  runtime: PipelineRuntime;
  /** The signal routes of this endpoint. */
  router: Router<CompiledSignalRoute> | undefined;
  /** Set on a `ws`/`wss` endpoint: any other path upgrades too (global middleware only). */
  anyPath: CompiledSignalRoute | undefined;
  /** `noAutoUpgradeWebSockets`: every WebSocket request is an HTTP request its route may convert. */
  manualOnly: boolean;
  /** The server's own request handler, for an upgrade request that is not a WebSocket one. */
  onRequest: (request: IncomingMessage, response: ServerResponse) => void;
}

/** What a client keeps of its upgrade request. */
interface ClientDetails {
  path: string;
  name: string;
  group: string | undefined;
  local: boolean;
  clientId: string;
  handler: SignalHandler;
  endpoint: EndpointInfo;
  session: Readonly<ResolvedSessionData> | undefined;
  user: ResolvedAuthUser | undefined;
  remoteAddress: string;
}

class Client implements SignalClient {
  readonly id: string;
  alive = true;
  readonly path: string;
  readonly name: string;
  readonly group: string | undefined;
  readonly local: boolean;
  readonly handler: SignalHandler;
  readonly endpoint: EndpointInfo;
  readonly session: Readonly<ResolvedSessionData> | undefined;
  readonly user: ResolvedAuthUser | undefined;
  readonly remoteAddress: string;

  constructor(
    readonly socket: WebSocket,
    readonly logger: Logger,
    details: ClientDetails,
  ) {
    this.id = details.clientId;
    this.path = details.path;
    this.name = details.name;
    this.group = details.group;
    this.local = details.local;
    this.handler = details.handler;
    this.endpoint = details.endpoint;
    this.session = details.session;
    this.user = details.user;
    this.remoteAddress = details.remoteAddress;
  }
}

const KEY = /^[+/0-9A-Za-z]{22}==$/;
const defaultHandler: SignalHandler = (event) => sendSignal({ value: event.data.message });

/** The WebSocket side of one running server. */
export class Upgrades {
  readonly #wss: WebSocketServer;
  readonly #clients = new Set<Client>();
  readonly #logger: Logger;
  #pending = 0;
  #ping: NodeJS.Timeout | undefined;

  constructor(logger: Logger) {
    this.#logger = logger;
    this.#wss = new WebSocketServer({
      noServer: true,
      maxPayload: hub.limits.maxMessageSize,
      perMessageDeflate: false,
      clientTracking: false,
    });
    const every = hub.limits.pingInterval;
    if (every > 0) {
      this.#ping = setInterval(() => this.#pingAll(), every);
      this.#ping.unref();
    }
  }

  /** Accepts WebSocket upgrades on one endpoint's server. */
  attach(endpoint: UpgradeEndpoint): void {
    const runtime: PipelineRuntime = {
      ...endpoint.runtime,
      done: () => {},
      leave: (fn, a, b) => {
        const event = a as unknown as WebEvent;
        if (upgradeAllowed.has(event) && event.response.statusCode < 400) {
          // Outside the request's async context: the socket must not keep the event alive.
          endpoint.runtime.leave(
            (ev: WebEvent, ep: UpgradeEndpoint) => this.#accept(ev, ep),
            event,
            endpoint,
          );
          return undefined as ReturnType<typeof fn>;
        }
        const status = event.response.statusCode;
        if (status >= 300 && status < 400) {
          // A socket cannot follow a redirect (an auth's failureUrl): refused is 401.
          event.response.removeHeader('Location');
          event.fail(401);
        }
        return endpoint.runtime.leave(fn, a, b);
      },
    };
    endpoint.server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      socket.on('error', () => socket.destroy());
      this.#onUpgrade(request, socket, head, endpoint, runtime);
    });
  }

  /** Closes every socket (1001), waiting up to `graceMs` for them to go, then ends the rest. */
  async close(graceMs = 1_000): Promise<void> {
    if (this.#ping !== undefined) clearInterval(this.#ping);
    const closing = [...this.#clients].map(
      (client) =>
        new Promise<void>((resolve) => {
          if (client.socket.readyState === client.socket.CLOSED) return resolve();
          client.socket.once('close', () => resolve());
          client.socket.close(1001, 'server stopping');
        }),
    );
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(closing),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, graceMs);
      }),
    ]);
    clearTimeout(timer);
    for (const client of this.#clients) {
      client.socket.terminate();
      removeSignalClient(client);
    }
    this.#clients.clear();
    this.#wss.close();
  }

  #onUpgrade(
    request: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    endpoint: UpgradeEndpoint,
    runtime: PipelineRuntime,
  ): void {
    const isWebSocket = (request.headers.upgrade ?? '').toLowerCase() === 'websocket';
    if (!isWebSocket) {
      this.#asHttp(request, socket, endpoint);
      return;
    }
    const key = request.headers['sec-websocket-key'];
    const version = request.headers['sec-websocket-version'];
    if (
      request.method !== 'GET' ||
      typeof key !== 'string' ||
      !KEY.test(key.trim()) ||
      (version !== '13' && version !== '8')
    ) {
      rawAnswer(socket, 400, 'Bad Request', version === undefined ? undefined : '13');
      return;
    }
    let url = request.url ?? '/';
    if (url.charCodeAt(0) !== 47) url = '/';
    const question = url.indexOf('?');
    const path = question === -1 ? url : url.slice(0, question);
    const found = endpoint.router?.resolve('GET', url);
    if (found?.kind === 'bad-url') {
      rawAnswer(socket, 400, 'Bad Request');
      return;
    }
    // noAutoUpgradeWebSockets, or no signal route here: the request is an HTTP request, which
    // its route may turn into a signal connection (e.toSignalConnection); a 404 most likely.
    const route = endpoint.manualOnly
      ? undefined
      : found?.kind === 'found'
        ? found.value
        : endpoint.anyPath;
    if (route === undefined) {
      const handler = (found?.kind === 'found' ? found.value.handler : undefined) ?? defaultHandler;
      manualUpgrades.set(request, (event, info) =>
        this.#acceptManual(event, endpoint, info, handler, socket, head),
      );
      this.#asHttp(request, socket, endpoint);
      return;
    }
    const params = found?.kind === 'found' ? found.params : {};
    if (signalConnectionCount() + this.#pending >= hub.limits.maxConnections) {
      rawAnswer(socket, 503, 'Service Unavailable');
      return;
    }
    this.#pending++;
    const response = httpResponse(request, socket);
    const event = new WebEvent(
      request,
      response,
      endpoint.context,
      path,
      question === -1 ? undefined : url.slice(question + 1),
      params,
      route.upgrade.info,
    );
    pendingUpgrades.set(event, { head, handler: route.handler ?? defaultHandler, socket });
    runtime.enter(event, handleRequest, route.upgrade, runtime);
    response.once('finish', () => {
      if (pendingUpgrades.delete(event)) this.#pending--;
    });
  }

  #accept(event: WebEvent, endpoint: UpgradeEndpoint): void {
    const pending = pendingUpgrades.get(event);
    if (pending === undefined) return;
    pendingUpgrades.delete(event);
    this.#pending--;
    const session = event.hasSession ? snapshot(event.session.data) : undefined;
    const user = event.auth.isAuthenticated ? event.auth.user : undefined;
    const remoteAddress = event.remoteAddress;
    const socket = pending.socket;
    event.response.detachSocket(socket as never);
    const path = safeDecode(event.path);
    const details: ClientDetails = {
      path,
      name: path,
      group: undefined,
      local: false,
      clientId: randomUUID(),
      handler: pending.handler,
      endpoint: endpoint.context.endpoint,
      session,
      user,
      remoteAddress,
    };
    // The socket's listeners are made in #open, so that they do not hold the upgrade's event.
    this.#wss.handleUpgrade(event.request, socket, pending.head, (ws) => this.#open(ws, details));
  }

  /** `e.toSignalConnection` on a WebSocket request its route took: the 101 is sent now. */
  #acceptManual(
    event: WebEvent,
    endpoint: UpgradeEndpoint,
    info: SignalConnection,
    handler: SignalHandler,
    socket: Duplex,
    head: Buffer,
  ): SignalClient | undefined {
    if (signalConnectionCount() >= hub.limits.maxConnections) {
      throw new HttpError(503, 'Too many WebSocket connections.');
    }
    const response = event.response;
    if (response.headersSent || response.socket !== socket || !socket.writable) return undefined;
    const details: ClientDetails = {
      path: safeDecode(event.path),
      name: info.name,
      group: info.group,
      local: info.scope === 'local',
      clientId: info.clientId,
      handler,
      endpoint: endpoint.context.endpoint,
      session: event.hasSession ? snapshot(event.session.data) : undefined,
      user: event.auth.isAuthenticated ? event.auth.user : undefined,
      remoteAddress: event.remoteAddress,
    };
    // The route's response is over: it is ended without a socket, so nothing it writes is sent.
    converted.add(response);
    response.detachSocket(socket as never);
    response.end();
    const headers = {
      'X-Pode-Signal-Client-Id': safeHeader(info.clientId),
      'X-Pode-Signal-Name': safeHeader(info.name),
      ...(info.group === undefined ? {} : { 'X-Pode-Signal-Group': safeHeader(info.group) }),
    };
    let client: SignalClient | undefined;
    const addHeaders = (lines: string[]) => {
      for (const [key, value] of Object.entries(headers)) lines.push(`${key}: ${value}`);
    };
    this.#wss.once('headers', addHeaders);
    try {
      this.#wss.handleUpgrade(event.request, socket, head, (ws) => {
        client = this.#open(ws, details);
      });
    } finally {
      this.#wss.off('headers', addHeaders);
    }
    return client;
  }

  #open(ws: WebSocket, details: ClientDetails): Client {
    const client = new Client(ws, this.#logger, details);
    this.#clients.add(client);
    ws.on('pong', () => {
      client.alive = true;
    });
    ws.on('error', (error) => {
      this.#logger.debug({ err: error, path: client.path }, 'signal socket error');
    });
    ws.on('close', () => {
      this.#clients.delete(client);
      removeSignalClient(client);
    });
    ws.on('message', (data, isBinary) => this.#onMessage(client, data as Buffer, isBinary));
    addSignalClient(client);
    return client;
  }

  #onMessage(client: Client, data: Buffer, _isBinary: boolean): void {
    client.alive = true;
    // toString() without an encoding is UTF-8 without looking the encoding up.
    runSignalHandler(new MessageEvent(client, parseMessage(data.toString())));
  }

  #pingAll(): void {
    for (const client of this.#clients) {
      if (!client.alive) {
        this.#logger.debug({ path: client.path }, 'signal client dropped: no pong');
        client.socket.terminate();
        this.#clients.delete(client);
        removeSignalClient(client);
        continue;
      }
      client.alive = false;
      client.socket.ping();
    }
  }

  /** An upgrade request that is not a WebSocket one: served as plain HTTP, then the connection closes. */
  #asHttp(request: IncomingMessage, socket: Duplex, endpoint: UpgradeEndpoint): void {
    const length = request.headers['content-length'];
    if (
      request.headers['transfer-encoding'] !== undefined ||
      (length !== undefined && length !== '0')
    ) {
      rawAnswer(socket, 400, 'Bad Request');
      return;
    }
    endpoint.onRequest(request, httpResponse(request, socket));
  }
}

/** Responses of requests a route turned into a signal connection: their socket is not theirs. */
const converted = new WeakSet<ServerResponse>();

const pendingUpgrades = new WeakMap<
  WebEvent,
  { head: Buffer; handler: SignalHandler; socket: Duplex }
>();

/** A ServerResponse writing to the upgrade request's socket, which closes once it is sent. */
function httpResponse(request: IncomingMessage, socket: Duplex): ServerResponse {
  const response = new ServerResponse(request);
  response.shouldKeepAlive = false;
  response.assignSocket(socket as never);
  response.once('finish', () => {
    if (!converted.has(response) && (response.socket === socket || response.socket === null))
      socket.end();
  });
  return response;
}

function rawAnswer(socket: Duplex, status: number, reason: string, version?: string): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\n${version === undefined ? '' : `Sec-WebSocket-Version: ${version}\r\n`}Content-Length: 0\r\n\r\n`,
  );
}

/** Pode's message shape `{ message, path?, clientId?, group?, direct? }`, or the whole text as the message. */
export function parseMessage(text: string): SignalMessage {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { message: text, direct: false };
  }
  if (
    parsed === null ||
    typeof parsed !== 'object' ||
    Array.isArray(parsed) ||
    !('message' in parsed)
  ) {
    return { message: parsed, direct: false };
  }
  const shape = parsed as Record<string, unknown>;
  const message: SignalMessage = { message: shape.message, direct: shape.direct === true };
  if (typeof shape.path === 'string' && shape.path !== '') message.path = safeDecode(shape.path);
  if (typeof shape.clientId === 'string' && shape.clientId !== '')
    message.clientId = shape.clientId;
  if (typeof shape.group === 'string' && shape.group !== '') message.group = shape.group;
  return message;
}

function snapshot<T>(data: T): Readonly<T> {
  return deepFreeze(JSON.parse(JSON.stringify(data)) as T);
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

function safeHeader(text: string): string {
  return text.replace(/[^\t\x20-\x7e]/g, '');
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
