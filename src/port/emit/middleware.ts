/**
 * Middleware given as a value and piped to `Add-PodeMiddleware`: a hashtable
 * `@{ Logic = { … }; Arguments = @(…) }` or `New-PodeMiddleware -ScriptBlock { … }
 * [-ArgumentList …]`, inline or held in a variable. Each becomes the same
 * `s.addMiddleware(name, handler)` as `Add-PodeMiddleware -ScriptBlock … -ArgumentList …`.
 */

import type { BoundValue } from '../binder.js';
import type { SyntaxNode } from '../parser.js';
import { bind, commandName } from './commands.js';
import { type EmitContext, type Expr, NotPorted, type Scope } from './context.js';
import { handlerLines } from './handlers.js';
import { all, named, unwrap } from './syntax.js';

/** Variables that hold a middleware value, by lower-case name, for each script emitted. */
const held = new WeakMap<EmitContext, Map<string, SyntaxNode>>();

/**
 * `$name = <middleware value>` where the script pipes `$name` to Add-PodeMiddleware: the value is
 * remembered for that call and the assignment leaves only a comment. False for any other one.
 */
export function holdsMiddleware(cx: EmitContext, assignment: SyntaxNode): boolean {
  const [target, operator] = all(assignment);
  const value = assignment.childForFieldName('value') ?? all(assignment)[2];
  const variable = unwrap(target);
  if (operator?.text !== '=' || value === undefined || variable.type !== 'variable') return false;
  if (!isMiddlewareValue(unwrap(value))) return false;
  const name = variable.text.replace(/^\$/, '');
  const piped = new RegExp(
    `\\$${name.replace(/\W/g, '\\$&')}\\s*\\|\\s*Add-PodeMiddleware\\b`,
    'i',
  );
  if (!piped.test(cx.textOverride ?? cx.text)) return false;
  const map = held.get(cx) ?? new Map<string, SyntaxNode>();
  held.set(cx, map);
  map.set(name.toLowerCase(), unwrap(value));
  return true;
}

/** Fills -ScriptBlock and -ArgumentList of a piped Add-PodeMiddleware from its input. */
export function pipedMiddleware(
  cx: EmitContext,
  piped: SyntaxNode,
  values: Map<string, BoundValue>,
): void {
  let source = unwrap(piped);
  if (source.type === 'variable') {
    const found = held.get(cx)?.get(source.text.replace(/^\$/, '').toLowerCase());
    if (found === undefined)
      throw new NotPorted(piped, 'a middleware value that is not written in the script');
    source = found;
  }
  if (values.has('ScriptBlock'))
    throw new NotPorted(piped, 'Add-PodeMiddleware with both an input and -ScriptBlock');
  if (source.type === 'hash_literal_expression') {
    for (const [key, node] of hashEntries(source)) {
      if (key === 'logic') values.set('ScriptBlock', { kind: 'node', node });
      else if (key === 'arguments') values.set('ArgumentList', { kind: 'node', node });
      else throw new NotPorted(node, `a middleware hashtable's ${key} key`);
    }
    if (!values.has('ScriptBlock'))
      throw new NotPorted(piped, 'a middleware hashtable without Logic');
    return;
  }
  if (isNewMiddleware(source)) {
    const bound = bind(cx, source, 'New-PodeMiddleware');
    for (const [param, value] of bound) {
      if (param !== 'ScriptBlock' && param !== 'ArgumentList')
        throw new NotPorted(source, `New-PodeMiddleware -${param}`);
      values.set(param, value);
    }
    return;
  }
  throw new NotPorted(piped, 'this middleware value');
}

function isMiddlewareValue(node: SyntaxNode): boolean {
  if (isNewMiddleware(node)) return true;
  return (
    node.type === 'hash_literal_expression' &&
    hashEntries(node).some(
      ([key, value]) => key === 'logic' && unwrap(value).type === 'script_block_expression',
    )
  );
}

function isNewMiddleware(node: SyntaxNode): boolean {
  const command =
    node.type === 'pipeline_chain' && named(node).length === 1 ? named(node)[0] : node;
  return command.type === 'command' && commandName(command).toLowerCase() === 'new-podemiddleware';
}

function hashEntries(node: SyntaxNode): [string, SyntaxNode][] {
  const body = named(node).find((child) => child.type === 'hash_literal_body');
  if (body === undefined) return [];
  return named(body)
    .filter((child) => child.type === 'hash_entry')
    .map((entry) => {
      const [key, , value] = all(entry);
      return [
        unwrap(key)
          .text.replace(/^['"]|['"]$/g, '')
          .toLowerCase(),
        value,
      ] as [string, SyntaxNode];
    });
}

/**
 * `$mid = New-PodeMiddleware -ScriptBlock { … }` used as a value (given to a route's or group's
 * `-Middleware`): the middleware function itself. Its `-Route` only matters to
 * Add-PodeMiddleware, so a value with one is left as a TODO.
 */
export function newMiddlewareValue(cx: EmitContext, node: SyntaxNode, scope: Scope): Expr {
  const values = bind(cx, node, 'New-PodeMiddleware');
  for (const param of values.keys())
    if (param !== 'ScriptBlock' && param !== 'ArgumentList')
      throw new NotPorted(node, `New-PodeMiddleware -${param} outside Add-PodeMiddleware`);
  const block = values.get('ScriptBlock');
  if (block === undefined || block.kind !== 'node')
    throw new NotPorted(node, 'New-PodeMiddleware without a script block');
  const lines = handlerLines(cx, block.node, 'middleware', scope, values, undefined);
  // held in a variable, the function has no call to take its parameter's type from
  if (cx.options.language === 'ts' && /^async \(e\) =>/.test(lines[0])) {
    cx.imports.add('type WebEvent');
    lines[0] = lines[0].replace(/^async \(e\)/, 'async (e: WebEvent)');
  }
  return { code: lines.join('\n'), type: 'function' };
}
