/**
 * What the builder collects for the real-time features (signal routes, connection events, SSE
 * broadcast levels, limits), validated when given, and compiled once in `build()`.
 */
import { ErrorCodes, setupError } from '../errors.js';
import { optionKeys, rejectUnknownKeys } from '../option-keys.js';
import type { CompiledRoute } from '../pipeline.js';
import { cleanRoutePath, Router, type RouterEntry, routeKey } from '../router.js';
import type { RouteInfo } from '../types.js';
import type { WebEvent } from '../web-event.js';
import type { ConnectWebSocketOptions, WebSocketHandler } from './client.js';
import { DEFAULT_LIMITS, type HubSettings, type Limits } from './hub.js';
import { pathKey } from './signals.js';
import type {
  BroadcastLevel,
  ConnectionEventHandler,
  ConnectionEventOptions,
  ConnectionEventType,
  RealtimeOptions,
  SignalHandler,
  SignalRouteOptions,
  SseBroadcastLevelOptions,
} from './types.js';

/** @internal Upgrade requests that reached the end of their signal route's pipeline. */
export const upgradeAllowed = new WeakSet<WebEvent>();

const allowUpgrade = (event: WebEvent): void => {
  upgradeAllowed.add(event);
};

/** A signal route ready to serve: the upgrade request's pipeline and the message handler. */
export interface CompiledSignalRoute {
  upgrade: CompiledRoute;
  handler: SignalHandler | undefined;
}

/** @internal What the server needs to accept WebSockets and run the hub. */
export interface BuiltRealtime {
  /** Signal routes by endpoint name. */
  routers: Map<string, Router<CompiledSignalRoute>>;
  /** The upgrade pipeline of a path with no signal route on a `ws`/`wss` endpoint (global middleware only). */
  anyPath: CompiledSignalRoute;
  /** Whether the WebSocket part is needed at all (signal routes or a ws endpoint). */
  websockets: boolean;
  /** Client connections to open when the server starts (`s.connectWebSocket`). */
  clients: {
    name: string;
    url: string;
    handler: WebSocketHandler | undefined;
    options: ConnectWebSocketOptions;
  }[];
  /** `s.setWebSocketConcurrency`. */
  clientConcurrency: number | undefined;
  hub: HubSettings;
}

interface SignalRouteDefinition {
  path: string;
  handler: SignalHandler;
  options: SignalRouteOptions;
}

const LEVELS: readonly BroadcastLevel[] = ['name', 'group', 'clientId'];
const SIGNAL_ROUTE_KEYS = optionKeys<SignalRouteOptions>({
  authentication: true,
  endpointName: true,
  ifExists: true,
});
const CLIENT_KEYS = optionKeys<ConnectWebSocketOptions>({ contentType: true });
const EVENT_KEYS = optionKeys<ConnectionEventOptions>({ eventName: true });
const LEVEL_KEYS = optionKeys<SseBroadcastLevelOptions>({ name: true, type: true });
const REALTIME_KEYS = optionKeys<RealtimeOptions>({
  maxMessageSize: true,
  maxConnections: true,
  pingInterval: true,
  maxBufferedBytes: true,
  sseHeartbeat: true,
  redis: true,
  channel: true,
});

/** @internal The real-time part of the builder. */
export class RealtimeSettings {
  readonly #routes = new Map<string, SignalRouteDefinition>();

  /** How many signal routes were added. */
  get routeCount(): number {
    return this.#routes.size;
  }
  readonly #events = new Map<
    string,
    Map<ConnectionEventType, Map<string, ConnectionEventHandler>>
  >();
  readonly #sseEvents = new Map<
    string,
    Map<ConnectionEventType, Map<string, ConnectionEventHandler>>
  >();
  readonly #levels = new Map<string, BroadcastLevel>();
  #limits: Limits = { ...DEFAULT_LIMITS };
  readonly #clients: BuiltRealtime['clients'] = [];
  #clientConcurrency: number | undefined;

  connectWebSocket(
    name: string,
    url: string,
    handler: WebSocketHandler | undefined,
    options: ConnectWebSocketOptions = {},
  ): void {
    rejectUnknownKeys('s.connectWebSocket()', options, CLIENT_KEYS);
    if (typeof name !== 'string' || name === '') {
      throw setupError(ErrorCodes.BAD_OPTION, 's.connectWebSocket() needs a name.');
    }
    if (typeof url !== 'string' || !/^wss?:\/\//i.test(url)) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `s.connectWebSocket(): url must start with ws:// or wss://, but got: ${String(url)}`,
      );
    }
    if (handler !== undefined && typeof handler !== 'function') {
      throw setupError(ErrorCodes.BAD_HANDLER, 'The WebSocket message handler must be a function.');
    }
    if (this.#clients.some((client) => client.name === name)) {
      throw setupError(ErrorCodes.BAD_OPTION, `Already connected to a WebSocket named '${name}'.`);
    }
    this.#clients.push({ name, url, handler, options });
  }

  setWebSocketConcurrency(maximum: number): void {
    if (!Number.isInteger(maximum) || maximum <= 0) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `The WebSocket concurrency must be a whole number above 0, but got: ${String(maximum)}`,
      );
    }
    this.#clientConcurrency = maximum;
  }
  #redis: RealtimeOptions['redis'];
  #channel = 'pode-ts:realtime';

  addSignalRoute(path: string, handler: SignalHandler, options: SignalRouteOptions = {}): void {
    rejectUnknownKeys('s.addSignalRoute()', options, SIGNAL_ROUTE_KEYS);
    if (typeof path !== 'string' || !path.startsWith('/')) {
      throw setupError(
        ErrorCodes.BAD_ROUTE,
        `A signal route path must be a string starting with '/', but got: ${JSON.stringify(path)}`,
      );
    }
    const clean = cleanRoutePath(path);
    if (typeof handler !== 'function') {
      throw setupError(
        ErrorCodes.NO_LOGIC,
        `[Signal] ${clean}: No logic passed.`,
        'Pass a function that handles each message: s.addSignalRoute(path, (e) => { … }).',
      );
    }
    const ifExists = options.ifExists ?? 'error';
    if (!['error', 'skip', 'overwrite'].includes(ifExists)) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `[Signal] ${clean}: ifExists must be 'error', 'skip' or 'overwrite', but got: ${String(ifExists)}`,
      );
    }
    const key = `${options.endpointName ?? ''}\u0000${routeKey(clean)}`;
    if (this.#routes.has(key)) {
      if (ifExists === 'skip') return;
      if (ifExists === 'error') {
        throw setupError(
          ErrorCodes.ROUTE_EXISTS,
          `[Signal] ${clean}: Already defined.`,
          "Pass ifExists: 'overwrite' to replace it or 'skip' to keep the first.",
        );
      }
    }
    this.#routes.set(key, { path: clean, handler, options });
  }

  registerEvent(
    kind: 'signal' | 'sse',
    names: string | readonly string[],
    type: ConnectionEventType,
    handler: ConnectionEventHandler,
    options: ConnectionEventOptions = {},
  ): void {
    const method = kind === 'signal' ? 'registerSignalEvent' : 'registerSseEvent';
    rejectUnknownKeys(`s.${method}()`, options, EVENT_KEYS);
    const list = typeof names === 'string' ? [names] : names;
    if (
      !Array.isArray(list) ||
      list.length === 0 ||
      list.some((name) => typeof name !== 'string' || name === '')
    ) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `${method} needs the connection name (or a list of names)${kind === 'signal' ? ': a path, or a name given to toSignalConnection' : ''}.`,
      );
    }
    const store = kind === 'signal' ? this.#events : this.#sseEvents;
    // Every name is checked before any is registered (Pode's order).
    for (const name of list) this.#checkEvent(store, kind, name, type, handler, options);
    for (const name of list) this.#addEvent(store, name, type, handler, options);
  }

  #checkEvent(
    store: Map<string, Map<ConnectionEventType, Map<string, ConnectionEventHandler>>>,
    kind: 'signal' | 'sse',
    name: string,
    type: ConnectionEventType,
    handler: ConnectionEventHandler,
    options: ConnectionEventOptions,
  ): void {
    const eventType = typeof type === 'string' ? type.toLowerCase() : type;
    if (eventType !== 'connect' && eventType !== 'disconnect') {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `A${kind === 'signal' ? ' signal' : 'n SSE'} event type must be 'connect' or 'disconnect', but got: ${String(type)}`,
      );
    }
    if (typeof handler !== 'function') {
      throw setupError(
        ErrorCodes.BAD_HANDLER,
        `The ${eventType} event handler must be a function.`,
      );
    }
    const eventName = options.eventName;
    if (eventName !== undefined && store.get(pathKey(name))?.get(eventType)?.has(eventName)) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `${eventType} event already registered for ${kind === 'signal' ? 'signal' : 'SSE'} connection ${name}: ${eventName}`,
        'Give each registration its own eventName.',
      );
    }
  }

  #addEvent(
    store: Map<string, Map<ConnectionEventType, Map<string, ConnectionEventHandler>>>,
    name: string,
    type: ConnectionEventType,
    handler: ConnectionEventHandler,
    options: ConnectionEventOptions,
  ): void {
    const kind = type.toLowerCase() as ConnectionEventType;
    const byType = store.get(pathKey(name)) ?? new Map();
    store.set(pathKey(name), byType);
    const handlers = byType.get(kind) ?? new Map<string, ConnectionEventHandler>();
    byType.set(kind, handlers);
    handlers.set(options.eventName ?? `#${handlers.size}`, handler);
  }

  setSseBroadcastLevel(options: SseBroadcastLevelOptions): void {
    rejectUnknownKeys('s.setSseBroadcastLevel()', options, LEVEL_KEYS);
    // Any case, as Pode's -Type takes it (`ClientId`, `clientid`).
    const given = options?.type;
    const type = LEVELS.find((level) => level.toLowerCase() === String(given).toLowerCase());
    if (type === undefined) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        `An SSE broadcast level must be 'name', 'group' or 'clientId', but got: ${String(given)}`,
      );
    }
    this.#levels.set(options.name ?? '*', type);
  }

  setOptions(options: RealtimeOptions): void {
    rejectUnknownKeys('s.setRealtimeOptions()', options, REALTIME_KEYS);
    const limits = { ...this.#limits };
    for (const key of Object.keys(DEFAULT_LIMITS) as (keyof Limits)[]) {
      const value = options[key];
      if (value === undefined) continue;
      const allowZero = key === 'pingInterval' || key === 'sseHeartbeat';
      if (!Number.isInteger(value) || value < (allowZero ? 0 : 1)) {
        throw setupError(
          ErrorCodes.BAD_OPTION,
          `s.setRealtimeOptions(): ${key} must be a whole number of ${allowZero ? '0' : '1'} or more, but got: ${String(value)}`,
        );
      }
      limits[key] = value;
    }
    if (
      options.redis !== undefined &&
      (typeof options.redis?.publish !== 'function' ||
        typeof options.redis?.duplicate !== 'function')
    ) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        's.setRealtimeOptions(): redis must be a Redis client with publish() and duplicate() (an ioredis client).',
      );
    }
    if (
      options.channel !== undefined &&
      (typeof options.channel !== 'string' || options.channel === '')
    ) {
      throw setupError(
        ErrorCodes.BAD_OPTION,
        's.setRealtimeOptions(): channel must be a non-empty string.',
      );
    }
    this.#limits = limits;
    this.#redis = options.redis ?? this.#redis;
    this.#channel = options.channel ?? this.#channel;
  }

  /** Compiles every signal route's upgrade pipeline with `compile`, once. */
  build(
    endpoints: readonly { name: string; protocol: string; noAutoUpgradeWebSockets?: boolean }[],
    compile: (info: RouteInfo, handler: (event: WebEvent) => void) => CompiledRoute,
    asyncContext: boolean,
  ): BuiltRealtime {
    const entries = new Map<string, RouterEntry<CompiledSignalRoute>[]>();
    for (const endpoint of endpoints) entries.set(endpoint.name, []);
    for (const { path, handler, options } of this.#routes.values()) {
      if (options.endpointName !== undefined && !entries.has(options.endpointName)) {
        throw setupError(
          ErrorCodes.BAD_ROUTE,
          `[Signal] ${path}: No endpoint named '${options.endpointName}' exists.`,
          `Endpoint names are: ${[...entries.keys()].join(', ')}.`,
        );
      }
      const upgrade = compile(
        routeInfo(path, options.authentication, options.endpointName),
        allowUpgrade,
      );
      for (const [name, list] of entries) {
        if (options.endpointName !== undefined && options.endpointName !== name) continue;
        if (list.some((entry) => routeKey(entry.path) === routeKey(path))) continue;
        list.push({ method: 'GET', path, value: { upgrade, handler } });
      }
    }
    const flatten = (
      store: Map<string, Map<ConnectionEventType, Map<string, ConnectionEventHandler>>>,
    ) =>
      new Map(
        [...store].map(([name, byType]) => [
          name,
          new Map([...byType].map(([type, handlers]) => [type, [...handlers.values()]])),
        ]),
      );
    const signalEvents = flatten(this.#events);
    return {
      routers: new Map([...entries].map(([name, list]) => [name, new Router(list)])),
      anyPath: {
        upgrade: compile(routeInfo('/*', undefined, undefined), allowUpgrade),
        handler: undefined,
      },
      clients: [...this.#clients],
      clientConcurrency: this.#clientConcurrency,
      websockets:
        this.#routes.size > 0 ||
        endpoints.some(
          (e) => e.protocol === 'ws' || e.protocol === 'wss' || e.noAutoUpgradeWebSockets === true,
        ),
      hub: {
        limits: this.#limits,
        signalEvents,
        sseEvents: flatten(this.#sseEvents),
        sseLevels: new Map(this.#levels),
        redis: this.#redis,
        channel: this.#channel,
        asyncContext,
      },
    };
  }
}

function routeInfo(
  path: string,
  authentication: string | undefined,
  endpointName: string | undefined,
): RouteInfo {
  return {
    method: 'GET',
    path,
    endpointName,
    contentType: undefined,
    errorContentType: undefined,
    authentication,
    login: false,
    logout: false,
    allowAnon: false,
    strictAuthentication: false,
  };
}
