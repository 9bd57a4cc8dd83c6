/**
 * Member access, indexing and method invocations on instances and .NET types, through the tables
 * in tables/dotnet.ts.
 */

import { mergeResultsIndex, mergeResultsMember } from '../features/access.js';
import { credentialInvocation, credentialMember } from '../features/auth.js';
import { backgroundMember, backgroundMethod } from '../features/background.js';
import { endpointMember, podeContextMember } from '../features/endpoints.js';
import { realtimeMember } from '../features/realtime.js';
import { invocationMember } from '../features/script-paths.js';
import { tcpMember } from '../features/tcp.js';
import type { SyntaxNode } from '../parser.js';
import {
  dateProperties,
  instanceMethods,
  instanceProperties,
  staticMembers,
} from '../tables/dotnet.js';
import { authMembers, responseMembers, webEventMembers } from '../tables/pode.js';
import { eventName } from './commands.js';
import { type EmitContext, type Expr, NotPorted, type Scope, type ValueType } from './context.js';
import { emitExpression, settled } from './expressions.js';
import { lookup } from './functions.js';
import { fill } from './pipeline.js';
import { all, camel, member, named, quote, unwrap } from './syntax.js';
import { inHandler, knownType, sessionSpelling } from './variables.js';

export function memberAccess(cx: EmitContext, node: SyntaxNode, scope: Scope): Expr {
  const [objectNode, operator, nameNode] = all(node);
  const name = nameNode?.text ?? '';
  if (operator?.type === '::') return staticMember(cx, objectNode, name, undefined, node, scope);
  if (!/^\w+$/.test(name)) throw new NotPorted(node, 'a computed member name');
  return instanceMember(cx, objectNode, name, scope, node);
}

export function instanceMember(
  cx: EmitContext,
  objectNode: SyntaxNode,
  name: string,
  scope: Scope,
  node: SyntaxNode,
): Expr {
  const object = unwrap(objectNode);
  const lower = name.toLowerCase();
  const podeContext = podeContextMember(cx, object, name);
  if (podeContext !== undefined) return podeContext;
  // $WebEvent.X
  if (
    object.type === 'variable' &&
    (object.text.toLowerCase() === '$webevent' || oldEventName(object, scope))
  ) {
    if (object.text.toLowerCase() === '$session')
      cx.note(object, '$session read as $WebEvent: the name Pode 0.x gave the current request');
    const mapped =
      webEventMembers[name] ??
      Object.entries(webEventMembers).find(([key]) => key.toLowerCase() === lower)?.[1];
    const event = eventName(cx, scope);
    if (mapped === undefined) return { code: `${event}.metadata.${camel(name)}`, type: 'any' };
    return {
      code: `${event}.${mapped.js}`,
      type: mapped.type === 'unknown' ? 'unknown' : (mapped.type as ValueType),
    };
  }
  if (object.type === 'variable' && object.text.toLowerCase() === '$pscmdlet') {
    if (lower !== 'parametersetname') throw new NotPorted(node, `$PSCmdlet.${name}`);
    for (let s: Scope | undefined = scope; s !== undefined; s = s.parent)
      if (s.parameterSet !== undefined) return { code: s.parameterSet, type: 'string' };
    throw new NotPorted(node, '$PSCmdlet.ParameterSetName outside a function with parameter sets');
  }
  // `$Switch.IsPresent` of a [switch] parameter: the boolean it is here
  if (
    lower === 'ispresent' &&
    object.type === 'variable' &&
    knownType(object.text.slice(1).toLowerCase(), scope) === 'boolean'
  )
    return emitExpression(cx, object, scope);
  const credential = credentialMember(object, name, scope);
  if (credential !== undefined) return credential;
  const invocation = invocationMember(cx, object, name);
  if (invocation !== undefined) return invocation;
  // `(… | Select-Object -First 1).Name`: the member of the item, not of a one-item array
  const raw = emitExpression(cx, object, scope);
  const realtime =
    realtimeMember(object, raw.code, name) ??
    tcpMember(object, raw.code, name) ??
    backgroundMember(cx, object, raw.code, name) ??
    mergeResultsMember(object, raw.code, name, scope);
  if (realtime !== undefined) return realtime;
  const parent = lower === 'count' ? raw : settled(cx, raw);
  // `(New-Guid).Guid`: newGuid() already gives the GUID's text
  if (parent.code === 'newGuid()' && lower === 'guid') return parent;
  // $WebEvent.Session.Data.X → the session key
  if (/\.session\.data$/.test(parent.code) || parent.code === 'sessionScope') {
    const key = sessionSpelling(cx, node, name);
    return { code: member(parent.code, key), type: 'any' };
  }
  if (/\.session$/.test(parent.code) && lower === 'data')
    return { code: `${parent.code}.data`, type: 'any' };
  if (/\.request$/.test(parent.code)) {
    if (lower === 'useragent')
      return {
        code: `${parent.code.replace(/\.request$/, '')}.headers['user-agent']`,
        type: 'any',
      };
    if (lower === 'headers')
      return { code: `${parent.code.replace(/\.request$/, '')}.headers`, type: 'record' };
    if (lower === 'remoteendpoint')
      return { code: parent.code.replace(/\.request$/, ''), type: 'object' };
    // .NET's System.Uri (`.Port`, `.Host`, `.AbsolutePath`…); Node's request.url is the path alone
    if (lower === 'url')
      return {
        code: `${cx.helper('requestUri')}(${parent.code.replace(/\.request$/, '')})`,
        type: 'any',
      };
    // Pode 0.x's `$session.Request.Handler.RemoteEndPoint`: the request's connection
    if (lower === 'handler') return parent;
  }
  if (
    /^(e|getWebEvent\(\))$/.test(parent.code.replace(/\.request$/, '')) &&
    parent.type === 'object' &&
    lower === 'address'
  ) {
    return { code: `${parent.code}.remoteAddress`, type: 'string' };
  }
  // .NET's IPAddress as text: pode-ts's remoteAddress is already the text
  if (/\.remoteAddress$/.test(parent.code) && lower === 'ipaddresstostring') return parent;
  if (/\.auth$/.test(parent.code) && lower === 'user')
    return { code: `${parent.code}.user`, type: 'any' };
  // $WebEvent.Query.Count: how many (these tables hold no key of that name in practice)
  if (/\.(query|parameters|cookies|headers)$/.test(parent.code) && lower === 'count')
    return { code: `Object.keys(${parent.code}).length`, type: 'number' };
  if (/\.response$/.test(parent.code) && parent.type === 'any') {
    const mapped = tableEntry(responseMembers, lower);
    if (mapped === undefined) throw new NotPorted(node, `$WebEvent.Response.${name}`);
    return { code: `${parent.code}.${mapped.js}`, type: mapped.type as ValueType };
  }
  const endpoint = endpointMember(parent, name, node);
  if (endpoint !== undefined) return endpoint;
  if (/\.auth$/.test(parent.code) && parent.type === 'any') {
    const mapped = tableEntry(authMembers, lower);
    if (mapped === undefined) throw new NotPorted(node, `$WebEvent.Auth.${name}`);
    return { code: `${parent.code}.${mapped.js}`, type: mapped.type as ValueType };
  }
  // a route without -Authentication has no user: $null.Name is $null in PowerShell
  if (/(\.auth\.user|\bgetAuthUser\(\))$/.test(parent.code) && /^[A-Za-z_]\w*$/.test(name))
    return { code: `${parent.code}?.${name}`, type: 'any' };
  if (parent.type === 'cookie') {
    if (lower === 'value') return { code: parent.code, type: 'any' };
    throw new NotPorted(node, `the cookie's .${name} (pode-ts reads a cookie's value only)`);
  }
  if (parent.type === 'error') {
    if (lower === 'exception') return parent;
    if (lower === 'message')
      return { code: `(${parent.code}${cx.ts(' as Error')}).message`, type: 'string' };
    throw new NotPorted(node, `the error's .${name}`);
  }
  if (parent.type === 'date') {
    const mapped = dateProperties[lower];
    if (mapped === undefined) throw new NotPorted(node, `the date's .${name}`);
    for (const helper of mapped.helpers ?? []) cx.helper(helper);
    return { code: mapped.js.replaceAll('{this}', parent.code), type: mapped.type as ValueType };
  }
  if (/\.(query|parameters|cookies|headers)$/.test(parent.code)) {
    const key = /\.headers$/.test(parent.code) ? name.toLowerCase() : name;
    caseNote(cx, node, parent.code, key);
    return { code: member(parent.code, key), type: 'any' };
  }
  if (parent.code.endsWith('.data') || parent.type === 'unknown') {
    caseNote(cx, node, parent.code, name);
    return {
      code: `(${parent.code} as any).${name}`.replace(
        cx.options.language === 'js' ? / as any/ : /$^/,
        '',
      ),
      type: 'any',
    };
  }
  const property = instanceProperties[lower];
  if (property !== undefined && (lower !== 'length' || true)) {
    if (lower === 'count' && parent.type === 'array')
      return { code: `${parent.code}.length`, type: 'number' };
    for (const helper of property.helpers ?? []) cx.helper(helper);
    return { code: property.js.replace('{this}', parent.code), type: property.type as ValueType };
  }
  if (lower === 'value' && cookieValue(object)) return parent;
  return { code: member(parent.code, name), type: 'any' };
}

function tableEntry<T>(table: Record<string, T>, lower: string): T | undefined {
  return Object.entries(table).find(([key]) => key.toLowerCase() === lower)?.[1];
}

export function cookieValue(object: SyntaxNode): boolean {
  return /Get-PodeCookie/i.test(object.text);
}

export function staticMember(
  cx: EmitContext,
  typeNode: SyntaxNode,
  name: string,
  args: SyntaxNode[] | undefined,
  node: SyntaxNode,
  scope: Scope,
): Expr {
  const type = typeNode.text
    .replace(/^\[|\]$/g, '')
    .toLowerCase()
    .replace(/^system\./, '');
  const table = staticMembers[type];
  const mapping = table?.[name.toLowerCase()];
  if (mapping === undefined)
    throw new NotPorted(node, `[${typeNode.text.replace(/^\[|\]$/g, '')}]::${name}`);
  for (const helper of mapping.helpers ?? []) cx.helper(helper);
  if (mapping.js.includes('hostname()')) cx.nodeImport('node:os', 'hostname');
  const values = (args ?? []).map((arg) => emitExpression(cx, arg, scope).code);
  return { code: fill(mapping.js, undefined, values), type: mapping.type as ValueType };
}

export function invocation(cx: EmitContext, node: SyntaxNode, scope: Scope): Expr {
  const children = all(node);
  const objectNode = children[0];
  const operator = children[1];
  const nameNode = children[2];
  const argumentList = children.find((child) => child.type === 'argument_list');
  const args = argumentList === undefined ? [] : invocationArguments(argumentList);
  const name = nameNode?.text ?? '';
  if (operator?.type === '::') return staticMember(cx, objectNode, name, args, node, scope);
  const credential = credentialInvocation(node, scope);
  if (credential !== undefined) return credential;
  const lower = name.toLowerCase();
  const object = emitExpression(cx, objectNode, scope);
  const values = args.map((arg) => emitExpression(cx, arg, scope));
  // $WebEvent.Method.ToUpper(): e.method.toUpperCase(), not e.method.toLowerCase().toUpperCase()
  if (
    /^to(upper|lower)(invariant)?$/.test(lower) &&
    values.length === 0 &&
    object.code.endsWith('.toLowerCase()')
  )
    object.code = object.code.slice(0, -'.toLowerCase()'.length);
  if (lower === 'tostring') {
    // `[…StringDecorated]::new($x).ToString('PlainText')`: the stripped string already
    if (object.code.startsWith('stripAnsi(') && /^'plaintext'$/i.test(values[0]?.code ?? ''))
      return { code: object.code, type: 'string' };
    if (values.length === 0)
      return {
        code: object.type === 'string' ? object.code : `${cx.helper('toPsString')}(${object.code})`,
        type: 'string',
      };
    if (object.type === 'number' || object.type === 'any' || object.type === 'date')
      return {
        code: `${cx.helper('format')}(${quote('{0:')} + ${values[0].code} + '}', ${object.code})`,
        type: 'string',
      };
  }
  if (lower === 'split' && values.length === 1 && /^'.'$/.test(values[0].code))
    return { code: `${receiverCode(cx, object)}.split(${values[0].code})`, type: 'array' };
  if (lower === 'substring') {
    const receiver = receiverCode(cx, object);
    if (values.length === 1)
      return { code: `${receiver}.slice(${values[0].code})`, type: 'string' };
    return {
      code: `${receiver}.slice(${values[0].code}, ${values[0].code} + ${values[1].code})`,
      type: 'string',
    };
  }
  const background = backgroundMethod(cx, lower, object.code, values);
  if (background !== undefined) return background;
  if (lower === 'add' && values.length === 1)
    return { code: `${receiverCode(cx, object)}.push(${values[0].code})`, type: 'void' };
  if (lower === 'add' && values.length === 2)
    return {
      code: `${receiverCode(cx, object)}[${values[0].code}] = ${values[1].code}`,
      type: 'void',
    };
  if (lower === 'remove' && values.length === 1)
    return { code: `delete ${receiverCode(cx, object)}[${values[0].code}]`, type: 'void' };
  const mapping = instanceMethods[lower];
  if (mapping === undefined) throw new NotPorted(node, `the method .${name}()`);
  for (const helper of mapping.helpers ?? []) cx.helper(helper);
  // `$WebEvent.Method.ToUpper()`: one case change is enough
  const receiver = /^to(upper|lower)(invariant)?$/.test(lower)
    ? receiverCode(cx, object).replace(/\.to(Upper|Lower)Case\(\)$/, '')
    : receiverCode(cx, object);
  return {
    code: fill(
      mapping.js,
      receiver,
      values.map((v) => v.code),
    ),
    type: mapping.type as ValueType,
  };
}

export function receiverCode(cx: EmitContext, object: Expr): string {
  if (object.type === 'unknown' && cx.options.language === 'ts') return `(${object.code} as any)`;
  return object.code;
}

export function invocationArguments(list: SyntaxNode): SyntaxNode[] {
  const inner = named(list).find((child) => child.type === 'argument_expression_list');
  if (inner === undefined) return [];
  return named(inner).filter((child) => child.type !== 'comment');
}

export function elementAccess(cx: EmitContext, node: SyntaxNode, scope: Scope): Expr {
  const [objectNode, , indexNode] = all(node);
  const merged = mergeResultsIndex(node, scope);
  if (merged !== undefined) return merged;
  const object = emitExpression(cx, objectNode, scope);
  const index = emitExpression(cx, indexNode, scope);
  if (/\.session\.data$/.test(object.code) && /^'[^']*'$/.test(index.code)) {
    return {
      code: member(object.code, sessionSpelling(cx, node, index.code.slice(1, -1))),
      type: 'any',
    };
  }
  if (/\.headers$/.test(object.code) && /^'[^']*'$/.test(index.code))
    return { code: member(object.code, index.code.slice(1, -1).toLowerCase()), type: 'any' };
  // $WebEvent.Cookies['x'] is a cookie object in Pode; pode-ts holds its value
  if (/\.cookies$/.test(object.code) && /^'[^']*'$/.test(index.code))
    return { code: member(object.code, index.code.slice(1, -1)), type: 'cookie' };
  if (index.type === 'array') {
    // several indexes: the elements at each ($a[1..2], $a[0, -1])
    const bounds = /^\[(\d+)(?:, (\d+))*\]$/.test(index.code)
      ? index.code.slice(1, -1).split(', ').map(Number)
      : undefined;
    const consecutive = bounds?.every((value, i) => i === 0 || value === bounds[i - 1] + 1);
    if (bounds !== undefined && consecutive === true)
      return {
        code: `${receiverCode(cx, object)}.slice(${bounds[0]}, ${bounds[bounds.length - 1] + 1})`,
        type: 'array',
      };
    return { code: `${cx.helper('itemsAt')}(${object.code}, ${index.code})`, type: 'array' };
  }
  if (/^'[^']*'$/.test(index.code)) {
    caseNote(cx, node, object.code, index.code.slice(1, -1));
    return { code: member(receiverCode(cx, object), index.code.slice(1, -1)), type: 'any' };
  }
  if (index.type === 'number' && /^-\d+$/.test(index.code))
    return { code: `${receiverCode(cx, object)}.at(${index.code})`, type: 'any' };
  return { code: `${receiverCode(cx, object)}[${index.code}]`, type: 'any' };
}

const reportedKeys = new WeakMap<EmitContext, Set<string>>();

/**
 * A deliberate difference the script may depend on (docs/porting.md): Pode reads query, form and
 * body keys whatever their case, pode-ts only as spelled. Reported once per key with a capital.
 */
function caseNote(cx: EmitContext, node: SyntaxNode, object: string, key: string): void {
  const where = /\.(query|data)$/.exec(object)?.[1];
  if (where === undefined || key === key.toLowerCase()) return;
  const reported = reportedKeys.get(cx) ?? new Set<string>();
  reportedKeys.set(cx, reported);
  if (reported.has(`${where}:${key}`)) return;
  reported.add(`${where}:${key}`);
  cx.note(
    node,
    where === 'query'
      ? `query key '${key}' is read as spelled in pode-ts (only ?${key}=); Pode also matches it in another case`
      : `body key '${key}' is read as spelled in pode-ts; Pode also matches it in another case`,
  );
}

/** `$session` in a handler of a script that never sets it: Pode 0.x's `$WebEvent`. */
function oldEventName(object: SyntaxNode, scope: Scope): boolean {
  return (
    object.text.toLowerCase() === '$session' &&
    lookup('session', scope) === undefined &&
    inHandler(scope)
  );
}
