/**
 * `Move-PodeResponseUrl` without `-Url`: its `-Address`, `-Port`, `-Protocol` or `-EndpointName`
 * become a redirect target object, `e.redirect({ protocol: 'https', port: 8443 })`.
 */
import type { BoundValue } from '../binder.js';
import { checkUnmapped, optionsObject } from '../emit/builder.js';
import { eventName } from '../emit/commands.js';
import type { EmitContext, Expr, Scope } from '../emit/context.js';
import type { SyntaxNode } from '../parser.js';
import type { PodeMapping } from '../tables/pode.js';

const TARGET: PodeMapping = {
  target: 'event',
  options: {
    Protocol: { key: 'protocol', as: 'lower' },
    Address: { key: 'address', as: 'string' },
    Port: { key: 'port', as: 'number' },
    EndpointName: { key: 'endpointName', as: 'string' },
  },
  ignored: ['Moved'],
};

const MOVED: PodeMapping = { target: 'event', options: { Moved: { key: 'moved', as: 'switch' } } };

/** The redirect call for `Move-PodeResponseUrl` given components instead of a URL; undefined otherwise. */
export function redirectTargetCall(
  cx: EmitContext,
  node: SyntaxNode,
  name: string,
  mapping: PodeMapping,
  values: Map<string, BoundValue>,
  scope: Scope,
): Expr | undefined {
  if (name.toLowerCase() !== 'move-poderesponseurl' || values.has('Url')) return undefined;
  const target = optionsObject(cx, values, TARGET, scope, node);
  if (target === '') return undefined; // no -Url and nothing else: reported as missing -Url
  checkUnmapped(cx, values, TARGET, name, node);
  const moved = optionsObject(cx, values, MOVED, scope, node);
  const args = [target];
  if (moved !== '') args.push(moved);
  const event = eventName(cx, scope);
  let callee = `${event}.${mapping.name}`;
  if (event === 'getWebEvent()' && mapping.free !== undefined) {
    cx.imports.delete('getWebEvent');
    cx.imports.add(mapping.free);
    callee = mapping.free;
  }
  return { code: `${callee}(${args.join(', ')})`, type: 'void' };
}

/**
 * `$PodeContext.Server.Root`: the server root, the folder the script is in (as `$PSScriptRoot`).
 * Other reads of Pode's internal state stay TODOs (see {@link podeContextTodo}).
 */
export function podeContextMember(
  cx: EmitContext,
  object: SyntaxNode,
  name: string,
): Expr | undefined {
  if (name.toLowerCase() !== 'root' || !/^\$PodeContext\.Server$/i.test(object.text))
    return undefined;
  return { code: cx.options.rootExpression, type: 'string' };
}

/** The TODO for any other use of `$PodeContext`. */
export const podeContextTodo =
  "$PodeContext (Pode's internal server state has no pode-ts equivalent; only $PodeContext.Server.Root is translated)";
