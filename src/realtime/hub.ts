/**
 * The process-wide side of the real-time features: the limits in force, the connection events,
 * and the bus that carries a broadcast to the other processes. A send is delivered to this
 * process's own connections and published once; each other process delivers it to its own, so
 * every client gets it exactly once whichever process holds its socket:
 * - `threads: N` without Redis: a worker sends it to the primary over IPC, which relays it to
 *   every other worker (threads.ts);
 * - with `setRealtimeOptions({ redis })`: Redis pub/sub, every process of every machine, each
 *   ignoring what it published itself.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { isThreadWorker } from '../threads.js';
import type {
  BroadcastLevel,
  ConnectionEvent,
  ConnectionEventHandler,
  ConnectionEventType,
  ConnectionInfo,
  RealtimeRedisClient,
  RealtimeRedisSubscriber,
} from './types.js';

/** The limits in force (every key set). */
export interface Limits {
  maxMessageSize: number;
  maxConnections: number;
  pingInterval: number;
  maxBufferedBytes: number;
  sseHeartbeat: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxMessageSize: 64 * 1024,
  maxConnections: 10_000,
  pingInterval: 30_000,
  maxBufferedBytes: 1024 * 1024,
  sseHeartbeat: 30_000,
});

/** One broadcast as it travels between processes. */
export type BusMessage =
  | { kind: 'signal'; value: string; path?: string; clientId?: string; groups?: string[] }
  | { kind: 'signal-close'; path?: string; clientId?: string; groups?: string[] }
  | {
      kind: 'sse';
      names: string[];
      groups?: string[];
      clientIds?: string[];
      data: string;
      event?: string;
      id?: string;
    }
  | { kind: 'sse-close'; name: string; groups?: string[]; clientIds?: string[] };

/** Connection event handlers by connection name (lower case) and type. */
export type EventHandlers = ReadonlyMap<
  string,
  ReadonlyMap<ConnectionEventType, readonly ConnectionEventHandler[]>
>;

/** The server-level settings a starting server hands to the hub. */
export interface HubSettings {
  limits: Limits;
  signalEvents: EventHandlers;
  /** SSE connection events by name (case-insensitive keys). */
  sseEvents: EventHandlers;
  sseLevels: ReadonlyMap<string, BroadcastLevel>;
  redis: RealtimeRedisClient | undefined;
  channel: string;
  /** The server's `asyncContext`: false finds the current signal event in synchronous code only. */
  asyncContext: boolean;
}

const RELAY = 'relay';
const RELAY_CHANNEL = 'realtime';

class Hub {
  limits: Limits = { ...DEFAULT_LIMITS };
  logger: Logger | undefined;
  signalEvents: HubSettings['signalEvents'] = new Map();
  sseEvents: HubSettings['sseEvents'] = new Map();
  sseLevels: HubSettings['sseLevels'] = new Map();
  asyncContext = true;
  /** Local delivery, by message kind prefix: set by signals.ts and sse.ts when they load. */
  readonly deliverers: {
    signal?: (message: BusMessage) => void;
    sse?: (message: BusMessage) => void;
  } = {};
  readonly #origin = randomUUID();
  #redis:
    | { client: RealtimeRedisClient; subscriber: RealtimeRedisSubscriber; channel: string }
    | undefined;
  #ipcListener: ((message: unknown) => void) | undefined;
  #servers = 0;
  /** Whether this process is a thread worker (read once: it reads the environment). */
  #worker: boolean | undefined;

  /** A server with real-time settings starts: its settings apply, Redis is subscribed. */
  async start(settings: HubSettings, logger: Logger): Promise<void> {
    this.#servers++;
    this.limits = settings.limits;
    this.logger = logger;
    this.signalEvents = settings.signalEvents;
    this.sseEvents = settings.sseEvents;
    this.sseLevels = settings.sseLevels;
    this.asyncContext = settings.asyncContext;
    if (settings.redis !== undefined && this.#redis === undefined) {
      const subscriber = settings.redis.duplicate();
      subscriber.on('message', (channel, text) => {
        if (channel === settings.channel) this.#receiveRedis(text);
      });
      await subscriber.subscribe(settings.channel);
      this.#redis = { client: settings.redis, subscriber, channel: settings.channel };
    }
  }

  /** A server stops: the last one unsubscribes and stops listening to the primary. */
  async stop(): Promise<void> {
    this.#servers = Math.max(0, this.#servers - 1);
    if (this.#servers > 0) return;
    const redis = this.#redis;
    this.#redis = undefined;
    if (this.#ipcListener !== undefined) {
      process.off('message', this.#ipcListener);
      this.#ipcListener = undefined;
    }
    this.signalEvents = new Map();
    this.sseEvents = new Map();
    this.sseLevels = new Map();
    this.limits = { ...DEFAULT_LIMITS };
    this.asyncContext = true;
    await redis?.subscriber.quit().catch(() => {});
  }

  /** Whether a broadcast must also reach other processes (Redis, or a thread worker). */
  distributed(): boolean {
    return this.#redis !== undefined || (this.#worker ??= isThreadWorker());
  }

  /** Delivers `message` here and publishes it to every other process. */
  publish(message: BusMessage): void {
    this.deliver(message);
    if (this.#redis !== undefined) {
      const { client, channel } = this.#redis;
      client
        .publish(channel, JSON.stringify({ origin: this.#origin, message }))
        .catch((error: unknown) =>
          this.logger?.error({ err: error }, 'realtime: Redis publish failed'),
        );
    } else if ((this.#worker ??= isThreadWorker()) && process.send !== undefined) {
      process.send({ pode: RELAY, channel: RELAY_CHANNEL, message }, undefined, {}, () => {});
    }
  }

  /** Delivers `message` to this process's connections only. */
  deliver(message: BusMessage): void {
    const kind = message.kind;
    const deliver =
      kind === 'sse' || kind === 'sse-close' ? this.deliverers.sse : this.deliverers.signal;
    try {
      deliver?.(message);
    } catch (error) {
      this.logger?.error({ err: error }, 'realtime: delivering a broadcast failed');
    }
  }

  /**
   * Called when this process holds its first connection: a thread worker (without Redis) starts
   * hearing the broadcasts the primary relays from the other workers.
   */
  listen(): void {
    if (this.#ipcListener !== undefined || this.#redis !== undefined || !isThreadWorker()) return;
    this.#ipcListener = (raw: unknown) => {
      if (this.#redis !== undefined) return;
      const relayed = raw as { pode?: unknown; channel?: unknown; message?: BusMessage };
      if (relayed?.pode !== RELAY || relayed.channel !== RELAY_CHANNEL) return;
      if (relayed.message !== undefined && typeof relayed.message.kind === 'string')
        this.deliver(relayed.message);
    };
    process.on('message', this.#ipcListener);
  }

  /** Runs the handlers registered for a connection event; each one's error is logged. */
  fire(
    handlers: readonly ConnectionEventHandler[] | undefined,
    type: ConnectionEventType,
    connection: ConnectionInfo,
    logger: Logger | undefined,
  ): void {
    if (handlers === undefined || handlers.length === 0) return;
    const event: ConnectionEvent = {
      name: connection.name,
      type,
      timestamp: new Date(),
      connection,
      metadata: {},
    };
    for (const handler of handlers) {
      try {
        const result = handler(event);
        if (result instanceof Promise) {
          result.catch((error: unknown) =>
            (logger ?? this.logger)?.error({ err: error }, `realtime: a ${type} event failed`),
          );
        }
      } catch (error) {
        (logger ?? this.logger)?.error({ err: error }, `realtime: a ${type} event failed`);
      }
    }
  }

  #receiveRedis(text: string): void {
    let parsed: { origin?: unknown; message?: BusMessage };
    try {
      parsed = JSON.parse(text) as { origin?: unknown; message?: BusMessage };
    } catch {
      return;
    }
    if (parsed.origin === this.#origin || parsed.message === undefined) return;
    if (typeof parsed.message.kind !== 'string') return;
    this.deliver(parsed.message);
  }
}

/** The one hub of this process. */
export const hub = new Hub();
