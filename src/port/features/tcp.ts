/**
 * The converter's TCP, SMTP and service part: the events of verbs (`$TcpEvent`) and handlers
 * (`$SmtpEvent`, `$ServiceEvent`) as handler parameters and their members, and the parameters of
 * `Add-PodeEndpoint` that only TCP and SMTP endpoints take. The cmdlets themselves are table
 * entries in tables/pode.ts.
 */

import type { BoundValue } from '../binder.js';
import type { Expr, Scope } from '../emit/context.js';
import { all, camel, member, unwrap } from '../emit/syntax.js';
import type { SyntaxNode } from '../parser.js';
import type { HandlerKind, PodeMapping } from '../tables/pode.js';

/** `$TcpEvent.X` → the verb event's member. */
const tcpEventMembers: Record<string, string> = {
  parameters: 'parameters',
  request: 'request',
  endpoint: 'endpoint',
  timestamp: 'timestamp',
  metadata: 'metadata',
};

/** `$TcpEvent.Request.X` → the request's member. */
const tcpRequestMembers: Record<string, string> = {
  body: 'body',
  rawbody: 'rawBody',
};

/** `$SmtpEvent.X` → the SMTP event's member. */
const smtpEventMembers: Record<string, string> = {
  email: 'email',
  endpoint: 'endpoint',
  request: 'request',
  timestamp: 'timestamp',
  metadata: 'metadata',
};

/** `$SmtpEvent.Email.X` → the email's member. */
const emailMembers: Record<string, string> = {
  from: 'from',
  to: 'to',
  data: 'data',
  headers: 'headers',
  subject: 'subject',
  isurgent: 'isUrgent',
  contenttype: 'contentType',
  contentencoding: 'contentEncoding',
  attachments: 'attachments',
  body: 'body',
};

/**
 * The signature of a verb's or a handler's function, with its Pode variable bound in the
 * handler's scope; undefined for other kinds.
 */
export function tcpHandlerSignature(kind: HandlerKind, scope: Scope): string | undefined {
  if (kind === 'verb') {
    scope.vars.set('tcpevent', 'e');
    return 'async (e) =>';
  }
  if (kind === 'handler') {
    // Add-PodeHandler -Type Smtp gives $SmtpEvent, -Type Service $ServiceEvent: one parameter either way.
    scope.vars.set('smtpevent', 'e');
    scope.vars.set('serviceevent', 'e');
    return 'async (e) =>';
  }
  return undefined;
}

/** A member of a TCP or SMTP event (`$TcpEvent.Request.Body` → `e.request.body`), or undefined. */
export function tcpMember(
  objectNode: SyntaxNode,
  parentCode: string,
  name: string,
): Expr | undefined {
  const object = unwrap(objectNode);
  const lower = name.toLowerCase();
  const variable = object.type === 'variable' ? object.text.toLowerCase() : undefined;
  if (variable === '$tcpevent') return mapped(parentCode, tcpEventMembers, lower, name);
  if (variable === '$smtpevent') return mapped(parentCode, smtpEventMembers, lower, name);
  if (object.type !== 'member_access') return undefined;
  const [inner, , innerMember] = all(object);
  const innerVariable = unwrap(inner).text.toLowerCase();
  const memberName = innerMember?.text.toLowerCase();
  // a verb's `:name` parameter, spelt as written (`.count` too: a key, not the table's size)
  if (innerVariable === '$tcpevent' && memberName === 'parameters')
    return { code: member(parentCode, name), type: 'any' };
  if (innerVariable === '$tcpevent' && memberName === 'request')
    return mapped(parentCode, tcpRequestMembers, lower, name);
  if (innerVariable === '$smtpevent' && memberName === 'email')
    return mapped(parentCode, emailMembers, lower, name);
  return undefined;
}

const TCP_PROTOCOLS = ['tcp', 'tcps', 'smtp', 'smtps'];

/**
 * Add-PodeEndpoint for a TCP or SMTP endpoint also takes `-Hostname` (the name its URL shows and
 * an SMTP server greets with); other endpoints keep the table's mapping.
 */
export function endpointMapping(
  values: Map<string, BoundValue>,
  mapping: PodeMapping,
): PodeMapping {
  const protocol = values.get('Protocol');
  if (protocol?.kind !== 'node') return mapping;
  const text = unwrap(protocol.node).text.replace(/['"]/g, '').toLowerCase();
  if (!TCP_PROTOCOLS.includes(text)) return mapping;
  return {
    ...mapping,
    options: { ...mapping.options, Hostname: { key: 'hostname', as: 'string' } },
  };
}

function mapped(parent: string, table: Record<string, string>, lower: string, name: string): Expr {
  return { code: `${parent}.${table[lower] ?? camel(name)}`, type: 'any' };
}
