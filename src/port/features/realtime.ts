/**
 * The converter's real-time part: the events of signal routes (`$SignalEvent`) and connection
 * events (`$TriggeredEvent`) as handler parameters, and their members, plus `$WebEvent.Sse`'s.
 * The cmdlets themselves are table entries in tables/pode.ts.
 */

import type { Expr, Scope } from '../emit/context.js';
import { all, camel, unwrap } from '../emit/syntax.js';
import type { SyntaxNode } from '../parser.js';
import type { HandlerKind } from '../tables/pode.js';

/** `$SignalEvent.X` → the signal event's member. */
const signalEventMembers: Record<string, string> = {
  data: 'data',
  clientid: 'clientId',
  path: 'path',
  endpoint: 'endpoint',
  timestamp: 'timestamp',
  metadata: 'metadata',
};

/** `$SignalEvent.Data.X` → the message's member. */
const signalDataMembers: Record<string, string> = {
  message: 'message',
  path: 'path',
  clientid: 'clientId',
  group: 'group',
  direct: 'direct',
};

/** `$TriggeredEvent.X` (and `.Connection.X`) → the connection event's member. */
const triggeredMembers: Record<string, string> = {
  name: 'name',
  type: 'type',
  timestamp: 'timestamp',
  connection: 'connection',
  metadata: 'metadata',
  clientid: 'clientId',
  group: 'group',
};

/** `$WsEvent.X` → the WebSocket client event's member. */
const wsEventMembers: Record<string, string> = {
  data: 'data',
  request: 'request',
  timestamp: 'timestamp',
  metadata: 'metadata',
};

/** `$WebEvent.Sse.X` / `$WebEvent.Signal.X` → `e.sse`'s / `e.signal`'s member. */
const sseMembers: Record<string, string> = {
  name: 'name',
  group: 'group',
  clientid: 'clientId',
  lasteventid: 'lastEventId',
  scope: 'scope',
};

/**
 * The signature of a signal route's or a connection event's function, with its Pode variable
 * bound in the handler's scope; undefined for other kinds.
 */
export function realtimeHandlerSignature(kind: HandlerKind, scope: Scope): string | undefined {
  if (kind === 'signal') {
    scope.vars.set('signalevent', 'e');
    return 'async (e) =>';
  }
  if (kind === 'connection-event') {
    scope.vars.set('triggeredevent', 'event');
    return 'async (event) =>';
  }
  if (kind === 'websocket') {
    scope.vars.set('wsevent', 'e');
    return 'async (e) =>';
  }
  return undefined;
}

/**
 * A member of a real-time event (`$SignalEvent.Data.Message` → `e.data.message`), given the
 * object's translation; undefined when the object is none of them.
 */
export function realtimeMember(
  objectNode: SyntaxNode,
  parentCode: string,
  name: string,
): Expr | undefined {
  const object = unwrap(objectNode);
  const lower = name.toLowerCase();
  const variable = object.type === 'variable' ? object.text.toLowerCase() : undefined;
  if (variable === '$signalevent') return mapped(parentCode, signalEventMembers, lower, name);
  if (variable === '$triggeredevent') return mapped(parentCode, triggeredMembers, lower, name);
  if (variable === '$wsevent') return mapped(parentCode, wsEventMembers, lower, name);
  if (object.type === 'member_access') {
    const [inner, , member] = all(object);
    const innerVariable = unwrap(inner).text.toLowerCase();
    const memberName = member?.text.toLowerCase();
    if (innerVariable === '$signalevent' && memberName === 'data')
      return mapped(parentCode, signalDataMembers, lower, name);
    if (innerVariable === '$triggeredevent' && memberName === 'connection')
      return mapped(parentCode, triggeredMembers, lower, name);
  }
  if (/\.(sse|signal)$/.test(parentCode)) {
    if (lower === 'islocal') return { code: `${parentCode}?.scope === 'local'`, type: 'boolean' };
    if (lower === 'isglobal') return { code: `${parentCode}?.scope === 'global'`, type: 'boolean' };
    return mapped(`${parentCode}?`, sseMembers, lower, name);
  }
  return undefined;
}

function mapped(parent: string, table: Record<string, string>, lower: string, name: string): Expr {
  return { code: `${parent}.${table[lower] ?? camel(name)}`, type: 'any' };
}
