/**
 * Script blocks passed to Pode cmdlets: route/middleware/auth handlers, route files (-FilePath)
 * and authentication schemes.
 */

import type { BoundValue } from '../binder.js';
import type { SyntaxNode } from '../parser.js';
import type { HandlerKind, PodeMapping } from '../tables/pode.js';
import { argumentExpression, callLines, listNodes, optionsObject } from './builder.js';
import { commandElements } from './commands.js';
import { type EmitContext, type Expr, NotPorted, type Scope } from './context.js';
import { emitExpression } from './expressions.js';
import { collectParameters, findParamBlock, functionBody } from './functions.js';
import { commentLines } from './statements.js';
import { camel, findScriptBlockExpression, named, unwrap } from './syntax.js';

export function scriptBlockBody(cx: EmitContext, node: SyntaxNode, scope: Scope): string[] {
  const block = unwrap(node);
  if (block.type !== 'script_block_expression')
    throw new NotPorted(node, 'a script block held in a variable');
  const inner = named(block).find((child) => child.type === 'script_block');
  if (inner === undefined) {
    return named(block)
      .filter((child) => child.type === 'comment')
      .flatMap((c) => commentLines(c));
  }
  const lines = functionBody(cx, inner, scope);
  const comments = named(block).filter((child) => child.type === 'comment');
  return [...comments.flatMap((c) => commentLines(c)), ...lines];
}

export function boundSchemeKind(
  cx: EmitContext,
  scheme: BoundValue | undefined,
  scope: Scope,
): string | undefined {
  if (scheme === undefined || scheme.kind !== 'node') return undefined;
  const node = unwrap(scheme.node);
  if (node.type === 'variable') return cx.schemeVars.get(node.text.toLowerCase());
  if (node.type === 'command') return schemeKindOf(cx, node);
  void scope;
  return undefined;
}

export function schemeKindOf(cx: EmitContext, node: SyntaxNode): string | undefined {
  const elements = commandElements(cx, node);
  for (const element of elements) {
    if (element.kind !== 'parameter') continue;
    const kind = ['Basic', 'Form', 'Bearer', 'ApiKey', 'Custom'].find((k) =>
      k.toLowerCase().startsWith(element.name.toLowerCase()),
    );
    if (kind !== undefined) return kind;
  }
  return 'Basic';
}

export function handlerLines(
  cx: EmitContext,
  node: SyntaxNode,
  kind: HandlerKind,
  scope: Scope,
  values: Map<string, BoundValue>,
  schemeKind: string | undefined,
): string[] {
  const block = unwrap(node);
  if (block.type === 'variable') {
    const name = emitExpression(cx, block, scope);
    return [name.code];
  }
  if (block.type !== 'script_block_expression')
    throw new NotPorted(node, 'a script block that is not written in place');
  const event = kind === 'route' || kind === 'middleware' || kind === 'endware' ? 'e' : null;
  const inner: Scope = {
    kind: 'handler',
    event,
    vars: new Map(),
    parent: scope,
    hoisted: new Set(),
    isAsync: true,
  };
  if (kind === 'inline') inner.kind = 'function';
  const scriptBlock = named(block).find((child) => child.type === 'script_block');
  const paramBlock = scriptBlock === undefined ? undefined : findParamBlock(scriptBlock);
  const params = collectParameters(paramBlock);
  const argumentList = values.get('ArgumentList');
  const prologue: string[] = [];
  let signature: string;
  if (kind === 'auth') {
    const keys =
      schemeKind === 'Bearer'
        ? ['token']
        : schemeKind === 'ApiKey'
          ? ['key']
          : schemeKind === 'Custom'
            ? undefined
            : ['username', 'password'];
    if (keys === undefined) throw new NotPorted(node, 'a validator for a custom scheme');
    const names = params.map((parameter, i) => {
      const jsName = camel(parameter.name);
      inner.vars.set(parameter.name.toLowerCase(), jsName);
      const key = keys[i];
      if (key === undefined) throw new NotPorted(node, 'validator parameters past the credentials');
      return key === jsName ? key : `${key}: ${jsName}`;
    });
    inner.event = 'e';
    inner.validator = true;
    signature = `async ({ ${names.join(', ')} }, e) =>`;
    if (names.length === 0) signature = 'async (_credentials, e) =>';
  } else if (kind === 'custom-scheme') {
    throw new NotPorted(node, 'a custom scheme');
  } else if (event !== null) {
    signature = 'async (e) =>';
    if (params.length > 0) {
      if (argumentList === undefined || argumentList.kind !== 'node')
        throw new NotPorted(node, 'script block parameters without -ArgumentList');
      const items = listNodes(cx, argumentList.node);
      params.forEach((parameter, i) => {
        const jsName = camel(parameter.name);
        inner.vars.set(parameter.name.toLowerCase(), jsName);
        const item = items[i];
        prologue.push(
          `const ${jsName} = ${item === undefined ? 'undefined' : emitExpression(cx, item, scope).code};`,
        );
      });
    }
  } else {
    signature = `async (${params.map((p) => camel(p.name)).join(', ')}) =>`;
    for (const p of params) inner.vars.set(p.name.toLowerCase(), camel(p.name));
  }
  const body = scriptBlockBody(cx, block, inner);
  if (kind === 'middleware' && !body.some((line) => /\breturn\b/.test(line))) {
    // Pode runs the next middleware only when one returns $true.
    cx.note(
      node,
      'a middleware that returns nothing stops the request in Pode; in pode-ts it continues',
    );
  }
  return [`${signature} {`, ...[...prologue, ...body].map((line) => `  ${line}`), '}'];
}

export function routeFile(
  cx: EmitContext,
  node: SyntaxNode,
  values: Map<string, BoundValue>,
  mapping: PodeMapping,
  scope: Scope,
): string[] {
  const file = values.get('FilePath');
  if (file === undefined || file.kind !== 'node' || cx.options.include === undefined)
    throw new NotPorted(node, 'Add-PodeRoute -FilePath');
  const path = argumentExpression(cx, file.node, scope);
  if (!/^'[^']*'$/.test(path.code)) throw new NotPorted(file.node, 'a computed -FilePath');
  const included = cx.options.include(path.code.slice(1, -1));
  if ('error' in included) throw new NotPorted(file.node, included.error);
  const options = optionsObject(cx, values, mapping, scope, node);
  const block = findScriptBlockExpression(included.root);
  if (block === undefined)
    throw new NotPorted(file.node, 'a route file that is not one script block');
  const handler = cx.withText(included.text, () =>
    handlerLines(cx, block, 'route', scope, values, undefined),
  );
  return callLines(`s.addRoute(${options}`, handler, '');
}

export function schemeCall(
  cx: EmitContext,
  node: SyntaxNode,
  values: Map<string, BoundValue>,
  mapping: PodeMapping,
  scope: Scope,
): Expr {
  const kind = ['Basic', 'Form', 'Bearer', 'ApiKey', 'Custom'].find((k) => values.has(k));
  if (kind === undefined || kind === 'Custom')
    throw new NotPorted(
      node,
      kind === 'Custom' ? 'New-PodeAuthScheme -Custom' : 'this New-PodeAuthScheme',
    );
  for (const param of values.keys()) {
    if (param !== kind && mapping.options?.[param] === undefined)
      throw new NotPorted(node, `New-PodeAuthScheme -${param} (no equivalent in pode-ts)`);
  }
  const factory = kind === 'ApiKey' ? 'apiKey' : kind.toLowerCase();
  cx.imports.add(factory);
  const options = optionsObject(cx, values, mapping, scope, node);
  return { code: `${factory}(${options})`, type: 'any' };
}
