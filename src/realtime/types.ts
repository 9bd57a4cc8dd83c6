/**
 * The public types of the real-time features: signal routes (WebSockets), connection events,
 * server-sent events and the limits they run under.
 */
import type { EndpointInfo, ResolvedAuthUser, ResolvedSessionData } from '../types.js';

/** What a client sent on its WebSocket, in Pode's shape (`{ message, path?, clientId?, group?, direct? }`). */
export interface SignalMessage {
  /** The `message` of a JSON object the client sent, else the whole text (parsed as JSON when it is JSON). */
  message: unknown;
  /** Where the client asked the message to go (Pode's `path`), if it said. */
  path?: string;
  /** The client the message is for, if it said. */
  clientId?: string;
  group?: string;
  /** Answer the sending client only. */
  direct: boolean;
}

/** Pode's `$SignalEvent`: one message from one WebSocket client, handed to its signal route. */
export interface SignalEvent {
  /** The message and where it should go. */
  readonly data: SignalMessage;
  /** The id of the client that sent it. */
  readonly clientId: string;
  /** The path the client's WebSocket connected to. */
  readonly path: string;
  /** The connection name: the path, or the `name` given to `e.toSignalConnection`. */
  readonly name: string;
  /** The connection's group (`e.toSignalConnection({ group })`), if it has one. */
  readonly group: string | undefined;
  readonly endpoint: EndpointInfo;
  /**
   * A read-only snapshot of the session data as it was when the upgrade request finished (after
   * its middleware and endware): later changes made by HTTP requests are not seen here, and it
   * cannot be written. Undefined when the upgrade request had no session.
   */
  readonly session: Readonly<ResolvedSessionData> | undefined;
  /** The user authenticated on the upgrade request, if the signal route has an authentication. */
  readonly user: ResolvedAuthUser | undefined;
  /** The client's IP address. */
  readonly remoteAddress: string;
  readonly timestamp: Date;
  /** Free for user code. */
  readonly metadata: Record<string, unknown>;
}

/** A signal route's handler: runs once per message (may be async). */
export type SignalHandler = (event: SignalEvent) => unknown;

/** `s.addSignalRoute` options. */
export interface SignalRouteOptions {
  /** The authentication (an `s.addAuth` name) the upgrade request must pass: 401/403 and no socket otherwise. */
  authentication?: string;
  /** Only on this endpoint. */
  endpointName?: string;
  /** What to do when the path is already defined. Default `'error'`. */
  ifExists?: 'error' | 'skip' | 'overwrite';
}

/** A connection event type (Pode's `Connect`/`Disconnect`; any case). */
export type ConnectionEventType = 'connect' | 'disconnect';

/** A connection, as events and `e.sse` describe it. */
export interface ConnectionInfo {
  /** The connection name: the path for a WebSocket, the `name` for SSE. */
  name: string;
  clientId: string;
  group?: string;
}

/** Pode's `$TriggeredEvent` for connection events. */
export interface ConnectionEvent {
  name: string;
  type: ConnectionEventType;
  timestamp: Date;
  connection: ConnectionInfo;
  metadata: Record<string, unknown>;
}

/** A connection event handler (`s.registerSignalEvent`); errors are logged. */
export type ConnectionEventHandler = (event: ConnectionEvent) => unknown;

/** `s.registerSignalEvent` options. */
export interface ConnectionEventOptions {
  /** Pode's `-EventName`: a name to tell registrations apart; default the handler's position. */
  eventName?: string;
}

/** `sendSignal` options (Pode's `Send-PodeSignal`). */
export interface SendSignalOptions {
  /** A string is sent as it is; anything else as JSON. Nothing is sent for undefined, null or ''. */
  value: unknown;
  /**
   * Every client of this connection name (Pode's `-Name`/`-Path`): the path a socket connected
   * to, or the `name` given to `e.toSignalConnection`.
   */
  path?: string;
  /** Only this client (with `path`: only if it is on that path). */
  clientId?: string;
  /** Only the clients of this group (or groups), as `e.toSignalConnection({ group })` gave them. */
  group?: string | readonly string[];
  /** How deep objects are written as JSON (deeper ones as their string form). Default 10. */
  depth?: number;
  /**
   * Inside a signal route, a send with neither path nor clientId goes where the client's message
   * asked (its `path`/`clientId`), or back to the sender only when it asked `direct`. `true`
   * ignores the current message (Pode's `-IgnoreEvent`).
   */
  ignoreEvent?: boolean;
}

/** `disconnectSignal` options: which WebSocket connections to close. */
export interface DisconnectSignalOptions {
  path?: string;
  clientId?: string;
  group?: string | readonly string[];
}

/** `e.toSignalConnection` options (Pode's `ConvertTo-PodeSignalConnection`). */
export interface SignalConnectionOptions {
  /** The connection name, used to send to it later (`sendSignal({ path: name })`) and by its events. */
  name: string;
  group?: string;
  /** `'global'` (the default): kept open until the client leaves; `'local'`: closed when the route ends. */
  scope?: SseScope;
  /** A client id of your own; default a random UUID. An id already connected is refused (409). */
  clientId?: string;
}

/** `e.signal`: the WebSocket connection this request was turned into. */
export interface SignalConnection extends ConnectionInfo {
  scope: SseScope;
}

/** SSE scope: Pode's `Local` (closed when the route ends) or `Global` (kept for later sends). */
export type SseScope = 'local' | 'global';

/** `e.toSseConnection` options (Pode's `ConvertTo-PodeSseConnection`). */
export interface SseConnectionOptions {
  /** The connection name, used to send to it later. */
  name: string;
  group?: string;
  /** Default `'global'`. */
  scope?: SseScope;
  /** Milliseconds a browser waits before reconnecting (the `retry:` field); 0 sends none. Default 0. */
  retry?: number;
  /** A client id of your own; default a random UUID. */
  clientId?: string;
  /** Adds `Access-Control-Allow-Origin: *`. */
  allowAllOrigins?: boolean;
  /** Convert even when the request's Accept is not `text/event-stream` (Pode's `-Force`). */
  force?: boolean;
}

/** `e.sse`: the SSE connection of this request. */
export interface SseConnection extends ConnectionInfo {
  /** The `Last-Event-ID` a reconnecting browser sent, or undefined. */
  lastEventId: string | undefined;
  scope: SseScope;
}

/** `sendSseEvent` options (Pode's `Send-PodeSseEvent`). */
export interface SendSseEventOptions {
  /** A string is sent as it is (each line its own `data:` line); anything else as JSON. */
  data: unknown;
  /** The connection name (or names). Required unless `fromEvent`. */
  name?: string | readonly string[];
  group?: string | readonly string[];
  clientId?: string | readonly string[];
  /** The `event:` field. */
  event?: string;
  /** The `id:` field (a browser sends it back as `Last-Event-ID` when it reconnects). */
  id?: string;
  /** JSON depth for objects. Default 10. */
  depth?: number;
  /** Send to the current request's connection (`e.toSseConnection`). */
  fromEvent?: boolean;
}

/** `closeSseConnection` options. */
export interface CloseSseConnectionOptions {
  name: string;
  group?: string | readonly string[];
  clientId?: string | readonly string[];
}

/** Pode's broadcast levels: what a send to a name must name at least. */
export type BroadcastLevel = 'name' | 'group' | 'clientId';

/** `s.setSseBroadcastLevel` options. */
export interface SseBroadcastLevelOptions {
  /** The connection name; default `'*'` (every name without a level of its own). */
  name?: string;
  /** Any case is accepted (`'clientid'`, as a ported `-Type ClientId` writes it). */
  type: BroadcastLevel | Lowercase<BroadcastLevel>;
}

/**
 * The Redis client `setRealtimeOptions` takes for broadcasts across machines: an ioredis client
 * fits (its `duplicate()` makes the subscribing connection).
 */
export interface RealtimeRedisClient {
  publish(channel: string, message: string): Promise<unknown>;
  duplicate(): RealtimeRedisSubscriber;
}

/** The subscribing connection made by `duplicate()`. */
export interface RealtimeRedisSubscriber {
  subscribe(channel: string): Promise<unknown>;
  on(event: 'message', listener: (channel: string, message: string) => void): unknown;
  quit(): Promise<unknown>;
}

/** `s.setRealtimeOptions`: limits for WebSockets and SSE, and the cross-machine broadcast. */
export interface RealtimeOptions {
  /** The largest WebSocket message accepted, in bytes; a bigger one closes the socket with 1009. Default 65536. */
  maxMessageSize?: number;
  /** WebSocket connections this process holds at most; past it an upgrade gets 503. Default 10000. */
  maxConnections?: number;
  /** Milliseconds between pings; a client that has not answered the previous ping is dropped. 0: no pings. Default 30000. */
  pingInterval?: number;
  /** Bytes waiting to be sent to one client (WebSocket or SSE) past which it is dropped. Default 1048576. */
  maxBufferedBytes?: number;
  /** Milliseconds between SSE heartbeats (`event: pode.ping`) that keep proxies from closing an idle stream; 0: none. Default 30000. */
  sseHeartbeat?: number;
  /** Broadcast through Redis pub/sub to every process of every machine (instead of the primary's IPC). */
  redis?: RealtimeRedisClient;
  /** The Redis channel. Default `'pode-ts:realtime'`. */
  channel?: string;
}
