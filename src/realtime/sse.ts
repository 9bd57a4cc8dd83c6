/**
 * Server-sent events (Pode's SSE): `e.toSseConnection` turns a request into an event stream,
 * `sendSseEvent` sends to a name, its groups or clients in every process, `closeSseConnection`
 * ends them. Heartbeats (`event: pode.ping`) keep proxies from closing an idle stream; a client
 * that does not read is dropped once `maxBufferedBytes` wait for it.
 */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { currentEvent, findEvent } from '../context.js';
import { ErrorCodes, HttpError, PodeError } from '../errors.js';
import { toJson } from '../formats/write.js';
import type { WebEvent } from '../web-event.js';
import { type BusMessage, hub } from './hub.js';
import type {
  CloseSseConnectionOptions,
  SendSseEventOptions,
  SseConnection,
  SseConnectionOptions,
} from './types.js';

interface SseClient {
  readonly info: SseConnection;
  readonly response: ServerResponse;
  readonly logger: Logger;
  closed: boolean;
}

const byName = new Map<string, Map<string, SseClient>>();
const ofEvent = new WeakMap<WebEvent, SseClient>();
let heartbeat: NodeJS.Timeout | undefined;
let globalCount = 0;

hub.deliverers.sse = deliverSse;

/**
 * @internal The scope of an SSE or signal connection (`'global'` by default), once its options
 * are checked: a non-empty `name`, and a scope of `'global'` or `'local'`.
 */
export function connectionScope(
  who: string,
  options: { name?: unknown; scope?: unknown } | null,
): 'global' | 'local' {
  if (
    options === null ||
    typeof options !== 'object' ||
    typeof options.name !== 'string' ||
    options.name === ''
  ) {
    throw new PodeError(ErrorCodes.BAD_OPTION, `${who} needs { name } (a non-empty string).`);
  }
  const scope = options.scope ?? 'global';
  if (scope !== 'global' && scope !== 'local') {
    throw new PodeError(
      ErrorCodes.BAD_OPTION,
      `${who} scope must be 'global' or 'local', but got: ${String(scope)}`,
    );
  }
  return scope;
}

/**
 * @internal `e.toSseConnection`: sends the event-stream headers, the `retry:` field and the
 * `pode.open` event now, and keeps the response open (a global connection: until the client
 * leaves or `closeSseConnection`; a local one: until the route ends).
 */
export function openSseConnection(event: WebEvent, options: SseConnectionOptions): SseConnection {
  const scope = connectionScope('toSseConnection', options);
  const retry = options.retry ?? 0;
  if (!Number.isInteger(retry) || retry < 0) {
    throw new PodeError(
      ErrorCodes.BAD_OPTION,
      `toSseConnection retry must be a whole number of milliseconds, but got: ${String(retry)}`,
    );
  }
  if (options.force !== true && !acceptsEventStream(event.request.headers.accept)) {
    throw new HttpError(
      406,
      'This route sends server-sent events: request it with Accept: text/event-stream.',
    );
  }
  if (ofEvent.has(event)) {
    throw new PodeError(ErrorCodes.BAD_OPTION, 'This request is already an SSE connection.');
  }
  const response = event.response;
  const lastEventId = headerValue(event.request.headers['last-event-id']);
  const info: SseConnection = {
    name: options.name,
    clientId:
      options.clientId === undefined || options.clientId === '' ? randomUUID() : options.clientId,
    ...(options.group === undefined || options.group === '' ? {} : { group: options.group }),
    lastEventId,
    scope,
  };
  const headers: Record<string, string> = {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
    'X-Pode-Sse-Client-Id': safeHeader(info.clientId),
    'X-Pode-Sse-Name': safeHeader(info.name),
  };
  if (info.group !== undefined) headers['X-Pode-Sse-Group'] = safeHeader(info.group);
  if (options.allowAllOrigins === true) headers['Access-Control-Allow-Origin'] = '*';
  response.writeHead(200, headers);
  response.socket?.setNoDelay(true);
  const client: SseClient = { info, response, logger: event.log, closed: false };
  ofEvent.set(event, client);
  let opening = retry > 0 ? `retry: ${retry}\n\n` : '';
  opening += frame(
    JSON.stringify({ clientId: info.clientId, group: info.group ?? '', name: info.name }),
    'pode.open',
    undefined,
  );
  response.write(opening);
  response.once('close', () => forget(client));
  if (scope === 'local') {
    event.onEnd(() => closeClient(client));
  } else {
    register(client);
  }
  fireSseEvent(client, 'connect');
  return info;
}

/** Turns the current request into an SSE stream: `e.toSseConnection` for code without the event. */
export function convertToSseConnection(options: SseConnectionOptions): SseConnection {
  return openSseConnection(currentEvent('convertToSseConnection'), options);
}

/** @internal `e.sse`: the request's SSE connection, if it was converted. */
export function sseConnectionOf(event: WebEvent): SseConnection | undefined {
  return ofEvent.get(event)?.info;
}

/**
 * Sends an event to SSE connections (Pode's `Send-PodeSseEvent`): every connection of `name`,
 * of its `group`s, or the `clientId`s; in every process. `fromEvent` sends to the current
 * request's connection.
 */
export function sendSseEvent(options: SendSseEventOptions): void {
  if (options === null || typeof options !== 'object') {
    throw new PodeError(ErrorCodes.BAD_OPTION, 'sendSseEvent needs { data, name }.');
  }
  const data = dataText(options.data, options.depth);
  let names = list(options.name);
  let groups = list(options.group);
  let clientIds = list(options.clientId);
  if (options.fromEvent === true) {
    const event = findEvent();
    const client = event === undefined ? undefined : ofEvent.get(event);
    if (client !== undefined && client.info.scope === 'local') {
      write(client, frame(data, options.event, options.id));
      return;
    }
    if (client !== undefined) {
      names = [client.info.name];
      groups = client.info.group === undefined ? undefined : [client.info.group];
      clientIds = [client.info.clientId];
    }
  }
  if (names === undefined || names.length === 0) {
    throw new PodeError(
      ErrorCodes.BAD_OPTION,
      'sendSseEvent needs a connection name: pass name, or fromEvent from a request converted with e.toSseConnection().',
    );
  }
  for (const name of names) checkBroadcastLevel(name, groups, clientIds);
  hub.publish({
    kind: 'sse',
    names,
    ...(groups === undefined ? {} : { groups }),
    ...(clientIds === undefined ? {} : { clientIds }),
    data,
    ...(options.event === undefined ? {} : { event: options.event }),
    ...(options.id === undefined ? {} : { id: options.id }),
  });
}

/** Ends SSE connections (Pode's `Close-PodeSseConnection`) of a name, its groups or clients, in every process; each gets `pode.close` first. */
export function closeSseConnection(options: CloseSseConnectionOptions): void {
  if (options === null || typeof options !== 'object' || typeof options.name !== 'string') {
    throw new PodeError(ErrorCodes.BAD_OPTION, 'closeSseConnection needs { name }.');
  }
  const groups = list(options.group);
  const clientIds = list(options.clientId);
  hub.publish({
    kind: 'sse-close',
    name: options.name,
    ...(groups === undefined ? {} : { groups }),
    ...(clientIds === undefined ? {} : { clientIds }),
  });
}

/** How many global SSE connections this process holds (all, or of one name). */
export function sseConnectionCount(name?: string): number {
  return name === undefined ? globalCount : (byName.get(name)?.size ?? 0);
}

/** @internal Ends every SSE connection of this process (server stop). */
export function closeAllSse(): void {
  for (const clients of [...byName.values()])
    for (const client of [...clients.values()]) closeClient(client);
}

function deliverSse(message: BusMessage): void {
  if (message.kind === 'sse') {
    const text = frame(message.data, message.event, message.id);
    for (const name of message.names) {
      for (const client of matching(name, message.groups, message.clientIds)) write(client, text);
    }
  } else if (message.kind === 'sse-close') {
    for (const client of [...matching(message.name, message.groups, message.clientIds)])
      closeClient(client);
  }
}

function* matching(
  name: string,
  groups: readonly string[] | undefined,
  clientIds: readonly string[] | undefined,
): Iterable<SseClient> {
  const clients = byName.get(name);
  if (clients === undefined) return;
  if (clientIds !== undefined) {
    for (const id of clientIds) {
      const client = clients.get(id);
      if (
        client !== undefined &&
        (groups === undefined || groups.includes(client.info.group ?? ''))
      )
        yield client;
    }
    return;
  }
  for (const client of clients.values()) {
    if (groups === undefined || groups.includes(client.info.group ?? '')) yield client;
  }
}

function register(client: SseClient): void {
  let clients = byName.get(client.info.name);
  if (clients === undefined) {
    clients = new Map();
    byName.set(client.info.name, clients);
  }
  clients.get(client.info.clientId)?.response.destroy(); // a reconnect with the same id replaces the old stream
  clients.set(client.info.clientId, client);
  globalCount++;
  hub.listen();
  startHeartbeat();
}

function fireSseEvent(client: SseClient, type: 'connect' | 'disconnect'): void {
  const handlers = hub.sseEvents.get(client.info.name.toLowerCase())?.get(type);
  const { name, clientId, group } = client.info;
  hub.fire(
    handlers,
    type,
    { name, clientId, ...(group === undefined ? {} : { group }) },
    client.logger,
  );
}

function forget(client: SseClient): void {
  if (client.closed) return;
  client.closed = true;
  fireSseEvent(client, 'disconnect');
  const clients = byName.get(client.info.name);
  if (clients?.get(client.info.clientId) === client) {
    clients.delete(client.info.clientId);
    globalCount--;
    if (clients.size === 0) byName.delete(client.info.name);
  }
  if (globalCount === 0 && heartbeat !== undefined) {
    clearInterval(heartbeat);
    heartbeat = undefined;
  }
}

function closeClient(client: SseClient): void {
  if (client.closed) return;
  if (!client.response.writableEnded) client.response.end(frame('', 'pode.close', undefined));
  forget(client);
}

/** Writes to one client; one that has more than `maxBufferedBytes` waiting is dropped. */
function write(client: SseClient, text: string): void {
  const response = client.response;
  if (client.closed || response.writableEnded || response.destroyed) return;
  const limit = hub.limits.maxBufferedBytes;
  response.write(text);
  if (response.writableLength > limit) {
    client.logger.warn(
      { name: client.info.name, buffered: response.writableLength },
      'SSE client dropped: it does not read what is sent to it',
    );
    forget(client);
    response.destroy();
  }
}

function startHeartbeat(): void {
  const every = hub.limits.sseHeartbeat;
  if (heartbeat !== undefined || every <= 0) return;
  heartbeat = setInterval(() => {
    const ping = frame('', 'pode.ping', undefined);
    for (const clients of [...byName.values()])
      for (const client of [...clients.values()]) write(client, ping);
  }, every);
  heartbeat.unref();
}

function checkBroadcastLevel(
  name: string,
  groups: readonly string[] | undefined,
  clientIds: readonly string[] | undefined,
): void {
  const level = hub.sseLevels.get(name) ?? hub.sseLevels.get('*') ?? 'name';
  const allowed =
    level === 'name' ||
    (level === 'group' && ((groups?.length ?? 0) > 0 || (clientIds?.length ?? 0) > 0)) ||
    (level === 'clientId' && (clientIds?.length ?? 0) > 0);
  if (!allowed) {
    throw new PodeError(
      ErrorCodes.BROADCAST_LEVEL,
      `SSE connection '${name}' has broadcast level '${level}': name ${level === 'group' ? 'a group or a clientId' : 'a clientId'} to send to it.`,
    );
  }
}

/** One SSE event: `id:`, `event:`, then each line of the data as its own `data:` line. */
export function frame(data: string, event: string | undefined, id: string | undefined): string {
  let text = '';
  if (id !== undefined && id !== '') text += `id: ${oneLine(id)}\n`;
  if (event !== undefined && event !== '') text += `event: ${oneLine(event)}\n`;
  for (const line of data.split(/\r\n|\r|\n/)) text += `data: ${line}\n`;
  return `${text}\n`;
}

function dataText(value: unknown, depth: number | undefined): string {
  if (typeof value === 'string') return value;
  if (depth !== undefined && (!Number.isInteger(depth) || depth < 0 || depth > 100)) {
    throw new PodeError(
      ErrorCodes.BAD_OPTION,
      `sendSseEvent depth must be a whole number from 0 to 100, but got: ${String(depth)}`,
    );
  }
  return toJson(value, depth ?? 10, false);
}

function list(value: string | readonly string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' ? [value] : [...value];
}

function acceptsEventStream(accept: string | undefined): boolean {
  return accept?.toLowerCase().includes('text/event-stream') === true;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  const trimmed = text?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

function oneLine(text: string): string {
  return text.replace(/[\r\n]/g, '');
}

function safeHeader(text: string): string {
  return text.replace(/[^\t\x20-\x7e]/g, '');
}
