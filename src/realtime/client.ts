/**
 * WebSocket clients (Pode's `Connect-PodeWebSocket`, `Send-PodeWebSocket`, `Reset-PodeWebSocket`,
 * `Disconnect-PodeWebSocket`, `Remove-PodeWebSocket`, `Test-PodeWebSocket`,
 * `Set-PodeWebSocketConcurrency`): the server connects out to another WebSocket server by name,
 * runs a function for each message it receives (Pode's `$WsEvent`), and sends to it from
 * anywhere. The `ws` library is imported on the first connection.
 */
import type { Logger } from 'pino';
import type WebSocket from 'ws';
import { ForeignScope, findScope, runInScope } from '../context.js';
import { ErrorCodes, PodeError } from '../errors.js';
import { toJson } from '../formats/write.js';
import { hub } from './hub.js';

/** Pode's `$WsEvent`: one message received on a client connection. */
export interface WebSocketEvent {
  /** The message: parsed as JSON when the connection's content type is JSON (the default) and it is JSON; else the text (a Buffer for a binary message). */
  readonly data: unknown;
  /** The connection: its name and URL. */
  readonly request: { readonly name: string; readonly url: string };
  readonly timestamp: Date;
  /** Free for user code. */
  readonly metadata: Record<string, unknown>;
}

/** A client connection's message handler (may be async; errors are logged). */
export type WebSocketHandler = (event: WebSocketEvent) => unknown;

/** `connectWebSocket` options (Pode's `Connect-PodeWebSocket`). */
export interface ConnectWebSocketOptions {
  /** How messages are read and objects sent: `application/json` (the default) or any text type. */
  contentType?: string;
}

/** `sendWebSocket` options (Pode's `Send-PodeWebSocket`). */
export interface SendWebSocketOptions {
  /** The connection; default the one whose message is being handled. */
  name?: string;
  /** A string is sent as it is; anything else as JSON (with a JSON content type). */
  message: unknown;
  /** JSON depth. Default 10. */
  depth?: number;
  /** Default `'text'`. */
  type?: 'text' | 'binary';
}

class Connection {
  socket: WebSocket | undefined;
  constructor(
    readonly name: string,
    public url: string,
    readonly contentType: string,
    readonly handler: WebSocketHandler | undefined,
  ) {}
}

class Running extends ForeignScope implements WebSocketEvent {
  readonly timestamp = new Date();
  readonly metadata: Record<string, unknown> = {};
  readonly request: { readonly name: string; readonly url: string };
  constructor(
    readonly data: unknown,
    connection: Connection,
  ) {
    super();
    this.request = { name: connection.name, url: connection.url };
  }
}

const connections = new Map<string, Connection>();
/** The event whose handler runs synchronously now (found without AsyncLocalStorage). */
let synchronous: Running | undefined;
let asyncContext = true;
let logger: Logger | undefined;
let maximum = Number.POSITIVE_INFINITY;
let inFlight = 0;
const queue: (() => void)[] = [];

/** @internal The server's logger (for the handlers' errors) and its `asyncContext`. */
export function configureWebSocketClients(value: Logger, useAsyncContext: boolean): void {
  logger = value;
  asyncContext = useAsyncContext;
}

/**
 * How many message handlers of client connections run at once (Pode's
 * `Set-PodeWebSocketConcurrency -Maximum`): further messages wait their turn, in order.
 */
export function setWebSocketConcurrency(max: number): void {
  if (!Number.isInteger(max) || max <= 0) {
    throw new PodeError(
      ErrorCodes.BAD_OPTION,
      `The WebSocket concurrency must be a whole number above 0, but got: ${String(max)}`,
    );
  }
  maximum = max;
}

/**
 * Connects to the WebSocket server at `url` (ws:// or wss://) under `name`; `fn` runs for each
 * message it sends. Rejects when it cannot connect, or when `name` is taken.
 */
export async function connectWebSocket(
  name: string,
  url: string,
  fn?: WebSocketHandler,
  options: ConnectWebSocketOptions = {},
): Promise<void> {
  if (typeof name !== 'string' || name === '') {
    throw new PodeError(ErrorCodes.BAD_OPTION, 'connectWebSocket needs a name.');
  }
  if (typeof url !== 'string' || !/^wss?:\/\//i.test(url)) {
    throw new PodeError(
      ErrorCodes.BAD_OPTION,
      `connectWebSocket needs a ws:// or wss:// url, but got: ${String(url)}`,
    );
  }
  if (fn !== undefined && typeof fn !== 'function') {
    throw new PodeError(
      ErrorCodes.BAD_HANDLER,
      'The WebSocket message handler must be a function.',
    );
  }
  if (connections.has(name)) {
    throw new PodeError(ErrorCodes.BAD_OPTION, `Already connected to a WebSocket named '${name}'.`);
  }
  const connection = new Connection(name, url, options?.contentType ?? 'application/json', fn);
  connections.set(name, connection);
  try {
    await open(connection);
  } catch (error) {
    connections.delete(name);
    throw new PodeError(
      ErrorCodes.BAD_OPTION,
      `Failed to connect to the WebSocket '${name}' at ${url}: ${(error as Error).message}`,
    );
  }
}

/** Sends a message on a client connection (by name, or the one whose message is handled). Nothing happens when it is not connected. */
export function sendWebSocket(options: SendWebSocketOptions): void {
  if (options === null || typeof options !== 'object') {
    throw new PodeError(ErrorCodes.BAD_OPTION, 'sendWebSocket needs { message, name? }.');
  }
  const connection = named(options.name, 'sendWebSocket');
  const socket = connection?.socket;
  if (socket === undefined || socket.readyState !== 1) return;
  const { message } = options;
  const text =
    typeof message === 'string' || Buffer.isBuffer(message)
      ? message
      : /json/i.test(connection!.contentType)
        ? toJson(message, options.depth ?? 10, false)
        : String(message);
  socket.send(text, { binary: options.type === 'binary' });
}

/** Closes a client connection and connects it again, to its URL or a new one (Pode's `Reset-PodeWebSocket`). */
export async function resetWebSocket(options: { name?: string; url?: string } = {}): Promise<void> {
  const connection = named(options.name, 'resetWebSocket');
  if (connection === undefined) return;
  await close(connection);
  if (options.url !== undefined && options.url !== '') connection.url = options.url;
  await open(connection);
}

/** Closes a client connection; `resetWebSocket` connects it again (Pode's `Disconnect-PodeWebSocket`). */
export async function disconnectWebSocket(options: { name?: string } = {}): Promise<void> {
  const connection = named(options.name, 'disconnectWebSocket');
  if (connection !== undefined) await close(connection);
}

/** Closes a client connection and forgets it (Pode's `Remove-PodeWebSocket`). */
export async function removeWebSocket(options: { name?: string } = {}): Promise<void> {
  const connection = named(options.name, 'removeWebSocket');
  if (connection === undefined) return;
  connections.delete(connection.name);
  await close(connection);
}

/** Whether a client connection of this name is open (Pode's `Test-PodeWebSocket`). */
export function testWebSocket(name: string): boolean {
  return connections.get(name)?.socket?.readyState === 1;
}

/** @internal Closes and forgets every client connection (server stop). */
export async function closeAllWebSockets(): Promise<void> {
  const all = [...connections.values()];
  connections.clear();
  await Promise.all(all.map((connection) => close(connection)));
}

function named(name: string | undefined, caller: string): Connection | undefined {
  if (name !== undefined && name !== '') return connections.get(name);
  const scope = synchronous ?? (asyncContext ? findScope() : undefined);
  if (scope instanceof Running) return connections.get(scope.request.name);
  throw new PodeError(
    ErrorCodes.BAD_OPTION,
    `${caller} needs a name outside a WebSocket message handler.`,
  );
}

async function open(connection: Connection): Promise<void> {
  const { default: WebSocketClass } = await import('ws');
  const socket = new WebSocketClass(connection.url);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  socket.on('error', (error) =>
    (logger ?? hub.logger)?.debug({ err: error, name: connection.name }, 'WebSocket client error'),
  );
  socket.on('message', (data, isBinary) => {
    const raw = data as Buffer;
    schedule(() => handle(connection, isBinary ? raw : raw.toString('utf8')));
  });
  connection.socket = socket;
}

function close(connection: Connection): Promise<void> {
  const socket = connection.socket;
  connection.socket = undefined;
  if (socket === undefined || socket.readyState === 3) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      socket.terminate();
      resolve();
    }, 1_000);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.close(1000);
  });
}

function schedule(run: () => Promise<void> | undefined): void {
  if (inFlight >= maximum) {
    queue.push(() => void schedule(run));
    return;
  }
  inFlight++;
  const done = () => {
    inFlight--;
    queue.shift()?.();
  };
  const pending = run();
  if (pending === undefined) done();
  else pending.then(done, done);
}

function handle(connection: Connection, message: string | Buffer): Promise<void> | undefined {
  const handler = connection.handler;
  if (handler === undefined) return undefined;
  let data: unknown = message;
  if (typeof message === 'string' && /json/i.test(connection.contentType)) {
    try {
      data = JSON.parse(message);
    } catch {
      data = message;
    }
  }
  const fail = (error: unknown) =>
    (logger ?? hub.logger)?.error(
      { err: error, name: connection.name },
      'WebSocket message handler failed',
    );
  const event = new Running(data, connection);
  const previous = synchronous;
  synchronous = event;
  try {
    const result = asyncContext ? runInScope(event, handler, event) : handler(event);
    return result instanceof Promise ? result.then(() => undefined, fail) : undefined;
  } catch (error) {
    fail(error);
    return undefined;
  } finally {
    synchronous = previous;
  }
}
