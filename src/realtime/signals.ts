/**
 * Signals (Pode's WebSockets): the WebSocket clients this process holds, `sendSignal` and
 * `disconnectSignal` (usable from a signal route, an HTTP route, a timer or a schedule), and
 * the current signal event of a running signal route. No WebSocket library here: the sockets
 * are made by upgrade.ts, loaded only by a server that accepts them.
 */
import type { Logger } from 'pino';
import { ForeignScope, findScope, runInScope } from '../context.js';
import { ErrorCodes, PodeError } from '../errors.js';
import { toJson } from '../formats/write.js';
import { type BusMessage, hub } from './hub.js';
import type { DisconnectSignalOptions, SendSignalOptions, SignalEvent } from './types.js';

/** The part of a `ws` WebSocket this module uses. */
export interface SignalSocket {
  readonly readyState: number;
  readonly bufferedAmount: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  terminate(): void;
}

/** One WebSocket client of this process. */
export interface SignalClient {
  readonly id: string;
  readonly path: string;
  readonly socket: SignalSocket;
  readonly logger: Logger;
}

const OPEN = 1;
const clients = new Map<string, SignalClient>();
const byPath = new Map<string, Set<SignalClient>>();
/** A running signal event: the current scope while its route runs (in the requests' AsyncLocalStorage). */
class Running extends ForeignScope {
  constructor(
    readonly event: SignalEvent,
    readonly client: SignalClient,
  ) {
    super();
  }
}

/** The running signal event found through AsyncLocalStorage. */
function currentRunning(): Running | undefined {
  const scope = findScope();
  return scope instanceof Running ? scope : undefined;
}
/** The running signal event with `asyncContext: false` (its synchronous part only). */
let synchronous: Running | undefined;

hub.deliverers.signal = deliverSignal;

/**
 * Sends a message to WebSocket clients (Pode's `Send-PodeSignal`): to one client (`clientId`),
 * every client on a `path`, or every client; in every process of the server.
 */
export function sendSignal(options: SendSignalOptions): void {
  if (options === null || typeof options !== 'object') {
    throw new PodeError(ErrorCodes.BAD_OPTION, 'sendSignal needs { value, path?, clientId? }.');
  }
  const text = signalText(options.value, options.depth);
  if (text === undefined) return;
  let { path, clientId } = options;
  const running =
    options.ignoreEvent === true ? undefined : hub.asyncContext ? currentRunning() : synchronous;
  if (running !== undefined && path === undefined && clientId === undefined) {
    if (running.event.data.direct) {
      sendTo(running.client, text);
      return;
    }
    path = running.event.data.path;
    clientId = running.event.data.clientId;
  }
  // Undefined keys are left out by JSON (Redis) and by the IPC channel's serialisation.
  hub.publish({ kind: 'signal', value: text, path, clientId });
}

/** Closes WebSocket connections (code 1000): one client, every client on a path, or all; in every process. */
export function disconnectSignal(options: DisconnectSignalOptions = {}): void {
  hub.publish({
    kind: 'signal-close',
    ...(options.path === undefined ? {} : { path: options.path }),
    ...(options.clientId === undefined ? {} : { clientId: options.clientId }),
  });
}

/** Pode's `Close-PodeSignalConnection`: the same as {@link disconnectSignal}. */
export function closeSignalConnection(options: DisconnectSignalOptions = {}): void {
  disconnectSignal(options);
}

/** How many WebSocket clients this process holds (all, or on one path). */
export function signalConnectionCount(path?: string): number {
  return path === undefined ? clients.size : (byPath.get(pathKey(path))?.size ?? 0);
}

/** @internal A client finished its upgrade: registered, connect events fired. */
export function addSignalClient(client: SignalClient): void {
  clients.set(client.id, client);
  const key = pathKey(client.path);
  let set = byPath.get(key);
  if (set === undefined) {
    set = new Set();
    byPath.set(key, set);
  }
  set.add(client);
  hub.listen();
  fireSignalEvent(client, 'connect');
}

/** @internal A client's socket closed: unregistered, disconnect events fired (once). */
export function removeSignalClient(client: SignalClient): void {
  if (clients.get(client.id) !== client) return;
  clients.delete(client.id);
  const key = pathKey(client.path);
  const set = byPath.get(key);
  set?.delete(client);
  if (set?.size === 0) byPath.delete(key);
  fireSignalEvent(client, 'disconnect');
}

/** @internal Runs a signal route's handler with its event as the current one. */
export function runSignalHandler(
  client: SignalClient,
  event: SignalEvent,
  handler: (event: SignalEvent) => unknown,
): void {
  const fail = (error: unknown) =>
    client.logger.error({ err: error, path: client.path }, 'signal route failed');
  const previous = synchronous;
  try {
    let result: unknown;
    if (hub.asyncContext) {
      result = runInScope(new Running(event, client), handler, event);
    } else {
      // Without AsyncLocalStorage (and the async_hooks it turns on): known until the first await.
      synchronous = new Running(event, client);
      result = handler(event);
    }
    if (result instanceof Promise) result.catch(fail);
  } catch (error) {
    fail(error);
  } finally {
    synchronous = previous;
  }
}

/**
 * @internal Sends `text` to one client, unless it is not open. A client that has more than
 * `maxBufferedBytes` waiting (it does not read) is dropped rather than buffered without bound.
 */
export function sendTo(client: SignalClient, text: string): void {
  const socket = client.socket;
  if (socket.readyState !== OPEN) return;
  const limit = hub.limits.maxBufferedBytes;
  if (socket.bufferedAmount > limit) {
    dropSlow(client);
    return;
  }
  socket.send(text);
  if (socket.bufferedAmount > limit) dropSlow(client);
}

/** @internal Every client of this process (for shutting down). */
export function signalClients(): IterableIterator<SignalClient> {
  return clients.values();
}

function dropSlow(client: SignalClient): void {
  client.logger.warn(
    { path: client.path, buffered: client.socket.bufferedAmount },
    'signal client dropped: it does not read what is sent to it',
  );
  client.socket.terminate();
  removeSignalClient(client);
}

function deliverSignal(message: BusMessage): void {
  if (message.kind === 'signal') {
    if (message.clientId !== undefined) {
      // One client: the common answer to a message, without building an iterator.
      const client = clients.get(message.clientId);
      if (
        client !== undefined &&
        (message.path === undefined || pathKey(client.path) === pathKey(message.path))
      )
        sendTo(client, message.value);
      return;
    }
    for (const client of targets(message.path, undefined)) sendTo(client, message.value);
  } else if (message.kind === 'signal-close') {
    for (const client of [...targets(message.path, message.clientId)]) client.socket.close(1000);
  }
}

function* targets(path: string | undefined, clientId: string | undefined): Iterable<SignalClient> {
  if (clientId !== undefined) {
    const client = clients.get(clientId);
    if (client !== undefined && (path === undefined || pathKey(client.path) === pathKey(path)))
      yield client;
    return;
  }
  if (path !== undefined) {
    const set = byPath.get(pathKey(path));
    if (set !== undefined) yield* set;
    return;
  }
  yield* clients.values();
}

function fireSignalEvent(client: SignalClient, type: 'connect' | 'disconnect'): void {
  const handlers = hub.signalEvents.get(pathKey(client.path))?.get(type);
  hub.fire(handlers, type, { name: client.path, clientId: client.id }, client.logger);
}

/** Connection names (paths) match case-insensitively, as routes do. */
export function pathKey(path: string): string {
  return path.toLowerCase();
}

function signalText(value: unknown, depth: number | undefined): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') return value;
  if (depth !== undefined && (!Number.isInteger(depth) || depth < 0 || depth > 100)) {
    throw new PodeError(
      ErrorCodes.BAD_OPTION,
      `sendSignal depth must be a whole number from 0 to 100, but got: ${String(depth)}`,
    );
  }
  return toJson(value, depth ?? 10, false);
}
