/**
 * Signals (Pode's WebSockets): the WebSocket clients this process holds, `sendSignal` and
 * `disconnectSignal` (usable from a signal route, an HTTP route, a timer or a schedule), and
 * the current signal event of a running signal route. No WebSocket library here: the sockets
 * are made by upgrade.ts, loaded only by a server that accepts them.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import { currentEvent, ForeignScope, findEvent, findScope, runInScope } from '../context.js';
import { ErrorCodes, HttpError, PodeError } from '../errors.js';
import { toJson } from '../formats/write.js';
import type { EndpointInfo, ResolvedAuthUser, ResolvedSessionData } from '../types.js';
import type { WebEvent } from '../web-event.js';
import { type BusMessage, hub } from './hub.js';
import { connectionScope } from './sse.js';
import type {
  DisconnectSignalOptions,
  SendSignalOptions,
  SignalConnection,
  SignalConnectionOptions,
  SignalEvent,
  SignalMessage,
} from './types.js';

/** The part of a `ws` WebSocket this module uses. */
export interface SignalSocket {
  readonly readyState: number;
  readonly bufferedAmount: number;
  send(data: Buffer, options: { binary: boolean }): void;
  close(code?: number, reason?: string): void;
  terminate(): void;
}

/** One WebSocket client of this process. */
export interface SignalClient {
  readonly id: string;
  /** The path the socket connected to (its signal route's). */
  readonly path: string;
  /** The connection name sends and events use: the path, or the name given at conversion. */
  readonly name: string;
  readonly group: string | undefined;
  /** A local connection (converted with scope 'local') is not reachable by name. */
  readonly local: boolean;
  readonly socket: SignalSocket;
  readonly logger: Logger;
  readonly handler: (event: SignalEvent) => unknown;
  readonly endpoint: EndpointInfo;
  readonly session: Readonly<ResolvedSessionData> | undefined;
  readonly user: ResolvedAuthUser | undefined;
  readonly remoteAddress: string;
}

/** @internal What a converting route needs from the WebSocket side (upgrade.ts) for its request. */
export type ManualUpgrade = (
  event: WebEvent,
  connection: SignalConnection,
) => SignalClient | undefined;

const OPEN = 1;
/**
 * A text frame of bytes already encoded. Signals are sent as Buffers: `ws` writes a string
 * through the stream's mixed-chunk writev, which costs more per message than encoding it here
 * (and a broadcast encodes it once for every client).
 */
const TEXT_FRAME = Object.freeze({ binary: false });
const clients = new Map<string, SignalClient>();
const byName = new Map<string, Set<SignalClient>>();
/** Clients whose disconnect event has fired (a local client is in no map). */
const gone = new WeakSet<SignalClient>();
/** @internal WebSocket requests a route may convert (`e.toSignalConnection`), set by upgrade.ts. */
export const manualUpgrades = new WeakMap<IncomingMessage, ManualUpgrade>();
const ofEvent = new WeakMap<WebEvent, { info: SignalConnection; client: SignalClient }>();
/**
 * One message as its signal route sees it (Pode's `$SignalEvent`), and the current scope while
 * the route runs (in the requests' AsyncLocalStorage): one object per message. The parts that
 * cost something (the Date, metadata) are made on first use.
 */
export class MessageEvent extends ForeignScope implements SignalEvent {
  /** @internal */
  readonly client: SignalClient;
  readonly data: SignalMessage;
  /** @internal */
  readonly received = Date.now();
  /** @internal */
  timestampDate: Date | undefined = undefined;
  /** @internal */
  metadataObject: Record<string, unknown> | undefined = undefined;

  constructor(client: SignalClient, data: SignalMessage) {
    super();
    this.client = client;
    this.data = data;
  }

  get clientId(): string {
    return this.client.id;
  }

  get path(): string {
    return this.client.path;
  }

  get name(): string {
    return this.client.name;
  }

  get group(): string | undefined {
    return this.client.group;
  }

  get endpoint(): EndpointInfo {
    return this.client.endpoint;
  }

  get session(): Readonly<ResolvedSessionData> | undefined {
    return this.client.session;
  }

  get user(): ResolvedAuthUser | undefined {
    return this.client.user;
  }

  get remoteAddress(): string {
    return this.client.remoteAddress;
  }

  get timestamp(): Date {
    this.timestampDate ??= new Date(this.received);
    return this.timestampDate;
  }

  get metadata(): Record<string, unknown> {
    this.metadataObject ??= {};
    return this.metadataObject;
  }
}

/**
 * The message whose route runs synchronously right now: read before AsyncLocalStorage, which
 * is needed only after an await (and is all there is then).
 */
let synchronous: MessageEvent | undefined;

/** The running signal event: the synchronous one, else through AsyncLocalStorage. */
function currentRunning(): MessageEvent | undefined {
  if (synchronous !== undefined) return synchronous;
  if (!hub.asyncContext) return undefined;
  const scope = findScope();
  return scope instanceof MessageEvent ? scope : undefined;
}

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
  let groups = list(options.group);
  const running = options.ignoreEvent === true ? undefined : currentRunning();
  if (running !== undefined && path === undefined && clientId === undefined) {
    const data = running.data;
    if (data.direct) {
      sendTo(running.client, Buffer.from(text));
      return;
    }
    path = data.path;
    clientId = data.clientId;
    if (groups === undefined && data.group !== undefined) groups = [data.group];
  } else if (running === undefined && options.ignoreEvent !== true) {
    // A route that converted its request to a local connection: sends go to that socket (Pode).
    const local = localOfCurrentRequest();
    if (local !== undefined) {
      sendTo(local, Buffer.from(text));
      return;
    }
  }
  // One process and no Redis (the common case): delivered here, no bus message made.
  if (!hub.distributed()) {
    deliverText(text, path, clientId, groups, running?.client);
    return;
  }
  // Undefined keys are left out by JSON (Redis) and by the IPC channel's serialisation.
  hub.publish({ kind: 'signal', value: text, path, clientId, groups });
}

function localOfCurrentRequest(): SignalClient | undefined {
  const event = findEvent();
  if (event === undefined) return undefined;
  const converted = ofEvent.get(event);
  return converted?.info.scope === 'local' ? converted.client : undefined;
}

/**
 * @internal `e.toSignalConnection`: upgrades this WebSocket request to a signal connection now
 * (the 101 answer is sent; the route's later writes are ignored). Its messages go to the signal
 * route of its path (or are broadcast, as Pode does without one).
 */
export function openSignalConnection(
  event: WebEvent,
  options: SignalConnectionOptions,
): SignalConnection {
  const scope = connectionScope('toSignalConnection', options);
  if (ofEvent.has(event)) {
    throw new PodeError(ErrorCodes.BAD_OPTION, 'This request is already a signal connection.');
  }
  const upgrade = manualUpgrades.get(event.request);
  if (upgrade === undefined) {
    event.setHeader('Upgrade', 'websocket');
    throw new HttpError(426, 'This route opens WebSocket connections: connect with a WebSocket.');
  }
  const clientId =
    options.clientId === undefined || options.clientId === ''
      ? randomUUID()
      : String(options.clientId);
  if (clients.has(clientId)) {
    throw new HttpError(409, 'A WebSocket client with this id is already connected.');
  }
  const info: SignalConnection = {
    name: options.name,
    clientId,
    ...(options.group === undefined || options.group === '' ? {} : { group: options.group }),
    scope,
  };
  const client = upgrade(event, info);
  if (client === undefined) {
    throw new HttpError(400, 'The WebSocket connection could not be opened.');
  }
  manualUpgrades.delete(event.request);
  ofEvent.set(event, { info, client });
  if (scope === 'local') event.onEnd(() => client.socket.close(1000));
  return info;
}

/** Turns the current request into a signal connection: `e.toSignalConnection` for code without the event. */
export function convertToSignalConnection(options: SignalConnectionOptions): SignalConnection {
  return openSignalConnection(currentEvent('convertToSignalConnection'), options);
}

/** @internal `e.signal`: the request's signal connection, if it was converted. */
export function signalConnectionOf(event: WebEvent): SignalConnection | undefined {
  return ofEvent.get(event)?.info;
}

/** Closes WebSocket connections (code 1000): one client, every client on a path, or all; in every process. */
export function disconnectSignal(options: DisconnectSignalOptions = {}): void {
  const groups = list(options.group);
  hub.publish({
    kind: 'signal-close',
    ...(options.path === undefined ? {} : { path: options.path }),
    ...(options.clientId === undefined ? {} : { clientId: options.clientId }),
    ...(groups === undefined ? {} : { groups }),
  });
}

/** Pode's `Close-PodeSignalConnection`: the same as {@link disconnectSignal}. */
export function closeSignalConnection(options: DisconnectSignalOptions = {}): void {
  disconnectSignal(options);
}

/** How many WebSocket clients this process holds (all, or on one path). */
export function signalConnectionCount(path?: string): number {
  return path === undefined ? clients.size : (byName.get(pathKey(path))?.size ?? 0);
}

/** @internal A client finished its upgrade: registered (unless local), connect events fired. */
export function addSignalClient(client: SignalClient): void {
  if (!client.local) {
    clients.set(client.id, client);
    const key = pathKey(client.name);
    let set = byName.get(key);
    if (set === undefined) {
      set = new Set();
      byName.set(key, set);
    }
    set.add(client);
    hub.listen();
  }
  fireSignalEvent(client, 'connect');
}

/** @internal A client's socket closed: unregistered, disconnect events fired (once). */
export function removeSignalClient(client: SignalClient): void {
  if (gone.has(client)) return;
  gone.add(client);
  if (clients.get(client.id) === client) {
    clients.delete(client.id);
    const key = pathKey(client.name);
    const set = byName.get(key);
    set?.delete(client);
    if (set?.size === 0) byName.delete(key);
  }
  fireSignalEvent(client, 'disconnect');
}

/** @internal Runs a signal route's handler with its event as the current one. */
export function runSignalHandler(event: MessageEvent): void {
  const previous = synchronous;
  synchronous = event;
  try {
    // AsyncLocalStorage carries the event past awaits; without it (asyncContext: false), the
    // synchronous part only.
    const result = hub.asyncContext
      ? runInScope(event, event.client.handler, event)
      : event.client.handler(event);
    if (result instanceof Promise) result.catch((error: unknown) => failed(event.client, error));
  } catch (error) {
    failed(event.client, error);
  } finally {
    synchronous = previous;
  }
}

function failed(client: SignalClient, error: unknown): void {
  client.logger.error({ err: error, path: client.path }, 'signal route failed');
}

/**
 * @internal Sends `bytes` (UTF-8 text) to one client as a text frame, unless it is not open. A
 * client that has more than `maxBufferedBytes` waiting (it does not read) is dropped rather than
 * buffered without bound.
 */
export function sendTo(client: SignalClient, bytes: Buffer): void {
  const socket = client.socket;
  if (socket.readyState !== OPEN) return;
  // Checked after each send: a client past the limit is dropped then, before the next one.
  socket.send(bytes, TEXT_FRAME);
  if (socket.bufferedAmount > hub.limits.maxBufferedBytes) dropSlow(client);
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
    deliverText(message.value, message.path, message.clientId, message.groups);
  } else if (message.kind === 'signal-close') {
    for (const client of [...targets(message.path, message.clientId, message.groups)])
      client.socket.close(1000);
  }
}

function deliverText(
  text: string,
  path: string | undefined,
  clientId: string | undefined,
  groups: readonly string[] | undefined,
  sender?: SignalClient,
): void {
  if (clientId !== undefined) {
    // One client: the common answer to a message, without building an iterator. The running
    // message's own sender needs no lookup: a client that is not local is registered for as
    // long as its socket is open, and sendTo sends to open sockets only.
    const client =
      sender !== undefined && !sender.local && sender.id === clientId
        ? sender
        : clients.get(clientId);
    if (
      client !== undefined &&
      (path === undefined || pathKey(client.name) === pathKey(path)) &&
      inGroups(client, groups)
    )
      sendTo(client, Buffer.from(text));
    return;
  }
  // Encoded once, on the first client (none, none).
  let bytes: Buffer | undefined;
  for (const client of targets(path, undefined, groups)) {
    bytes ??= Buffer.from(text);
    sendTo(client, bytes);
  }
}

function inGroups(client: SignalClient, groups: readonly string[] | undefined): boolean {
  return groups === undefined || (client.group !== undefined && groups.includes(client.group));
}

function* targets(
  path: string | undefined,
  clientId: string | undefined,
  groups: readonly string[] | undefined,
): Iterable<SignalClient> {
  if (clientId !== undefined) {
    const client = clients.get(clientId);
    if (
      client !== undefined &&
      (path === undefined || pathKey(client.name) === pathKey(path)) &&
      inGroups(client, groups)
    )
      yield client;
    return;
  }
  const all = path === undefined ? clients.values() : byName.get(pathKey(path));
  if (all === undefined) return;
  for (const client of all) if (inGroups(client, groups)) yield client;
}

function fireSignalEvent(client: SignalClient, type: 'connect' | 'disconnect'): void {
  const handlers = hub.signalEvents.get(pathKey(client.name))?.get(type);
  hub.fire(
    handlers,
    type,
    {
      name: client.name,
      clientId: client.id,
      ...(client.group === undefined ? {} : { group: client.group }),
    },
    client.logger,
  );
}

function list(value: string | readonly string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' ? [value] : [...value];
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
